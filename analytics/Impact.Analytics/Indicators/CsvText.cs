using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Impact.Analytics.Indicators;

/// <summary>
/// The one CSV dialect of the machine-readable outputs (ARCHITECTURE.md): ',' delimited, a header of
/// stable snake_case keys, '.' decimals and invariant culture, an empty cell for a missing value, LF line
/// endings on every platform, no BOM (the caller encodes the string as UTF-8). Written here rather than
/// through Sep's writer so that the line ending never depends on the platform.
/// </summary>
internal static class CsvText
{
    /// <summary>Shortest invariant form of a decimal: no exponent, no thousands separator, no trailing zeros.</summary>
    private const string DecimalFormat = "0.############################";

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var builder = new StringBuilder();
        AppendLine(builder, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new InvalidOperationException($"A row has {row.Count} cells for {header.Count} columns.");
            }

            AppendLine(builder, row);
        }

        return builder.ToString();
    }

    public static string? Format(decimal? value) => value?.ToString(DecimalFormat, CultureInfo.InvariantCulture);

    public static string Format(decimal value) => value.ToString(DecimalFormat, CultureInfo.InvariantCulture);

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>
    /// Reads a file written by <see cref="Write"/>: every column of <paramref name="required"/> must be in the
    /// header (extra columns are ignored). Each row is given as its line number and a cell lookup by key.
    /// </summary>
    /// <exception cref="ImpactException">A required column is missing; the message is French.</exception>
    public static List<(int Line, Dictionary<string, string> Cells)> Read(string csvText, IReadOnlyList<string> required, string fileName)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        var text = csvText.TrimStart('\uFEFF');
        var rows = new List<(int, Dictionary<string, string>)>();
        if (text.Length == 0)
        {
            throw new ImpactException($"{fileName} : fichier vide, l'en-tête est attendu ({string.Join(",", required)}).");
        }

        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromText(text);
        var missing = required.Where(c => !reader.Header.ColNames.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ImpactException($"{fileName} : colonnes manquantes : {string.Join(", ", missing)}.");
        }

        var line = 1;
        foreach (var row in reader)
        {
            line++;
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in required)
            {
                cells[column] = row[column].ToString();
            }

            rows.Add((line, cells));
        }

        return rows;
    }

    public static decimal? ParseOptionalDecimal(string raw, string fileName, int line, string column) =>
        raw.Length == 0 ? null : ParseDecimal(raw, fileName, line, column);

    public static decimal ParseDecimal(string raw, string fileName, int line, string column) =>
        decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(raw, fileName, line, column);

    public static int ParseInt(string raw, string fileName, int line, string column) =>
        int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(raw, fileName, line, column);

    public static ImpactException Invalid(string raw, string fileName, int line, string column) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{fileName} : ligne {line}, colonne {column} : valeur « {raw} » invalide."));

    private static void AppendLine(StringBuilder builder, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            AppendCell(builder, cells[i]);
        }

        builder.Append('\n');
    }

    /// <summary>RFC 4180 quoting: a cell with a comma, a quote or a line break is quoted, its quotes doubled.</summary>
    private static void AppendCell(StringBuilder builder, string? cell)
    {
        if (cell is null)
        {
            return;
        }

        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            builder.Append(cell);
            return;
        }

        builder.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
