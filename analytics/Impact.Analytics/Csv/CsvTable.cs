using System.Globalization;
using nietras.SeparatedValues;

namespace Impact.Analytics.Csv;

/// <summary>
/// The one CSV dialect of every file the pipeline writes (ARCHITECTURE.md), written and read through Sep: ','
/// delimited, a header of stable snake_case keys, '.' decimals and invariant culture, an empty cell for a missing
/// value, LF line endings, no BOM (the caller encodes the string as UTF-8), RFC 4180 quoting. Every text cell goes
/// through <see cref="FormulaGuard"/> on its way out, so that no file of ours (results, downloads, reminder lists
/// for coaches) can carry a formula into a spreadsheet: the writer neutralises, its callers cannot forget to.
/// </summary>
public static class CsvTable
{
    /// <summary>Shortest invariant form of a decimal: no exponent, no thousands separator, no trailing zeros.</summary>
    private const string DecimalFormat = "0.############################";

    /// <summary>
    /// The CSV text of <paramref name="header"/> and <paramref name="rows"/> (each row has one cell per column; null
    /// is an empty cell), formulas neutralised.
    /// </summary>
    /// <exception cref="ArgumentException">A row has another number of cells than the header.</exception>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = Sep.New(',').Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).ToText();
        var names = header.Select(h => FormulaGuard.Neutralise(h)!).ToArray();
        if (header.Count > 0)
        {
            writer.Header.Add(names);
        }

        var any = false;
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"A row has {row.Count} cells for {header.Count} columns.", nameof(rows));
            }

            any = true;
            using var line = writer.NewRow();
            for (var i = 0; i < row.Count; i++)
            {
                line[names[i]].Set(FormulaGuard.Neutralise(row[i]) ?? "");
            }
        }

        if (!any && header.Count > 0)
        {
            writer.Header.Write();
        }

        return writer.ToString();
    }

    /// <summary>The invariant text of a decimal, or null.</summary>
    public static string? Format(decimal? value) => value?.ToString(DecimalFormat, CultureInfo.InvariantCulture);

    /// <summary>The invariant text of a decimal: no exponent, no thousands separator, no trailing zeros.</summary>
    public static string Format(decimal value) => value.ToString(DecimalFormat, CultureInfo.InvariantCulture);

    /// <summary>The invariant text of an integer.</summary>
    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ISO date (yyyy-MM-dd).</summary>
    public static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>
    /// Reads a CSV file (UTF-8 text, a BOM allowed, ',' delimited, or ';' when <paramref name="allowSemicolon"/> and the
    /// header holds one): every column of <paramref name="required"/> must be in the header (extra columns are ignored).
    /// Each row is given as its line number and a cell lookup by key, cells trimmed; blank lines are skipped.
    /// </summary>
    /// <exception cref="ImpactException">The file is empty or a required column is missing; the message is French.</exception>
    public static List<(int Line, Dictionary<string, string> Cells)> Read(string csvText, IReadOnlyList<string> required, string fileName, bool allowSemicolon = false)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        ArgumentNullException.ThrowIfNull(required);
        var text = csvText.TrimStart('\uFEFF');
        var rows = new List<(int, Dictionary<string, string>)>();
        if (text.Trim().Length == 0)
        {
            throw new ImpactException($"{fileName} : fichier vide, l'en-tête est attendu ({string.Join(",", required)}).");
        }

        var firstLine = text.AsSpan(0, text.IndexOf('\n', StringComparison.Ordinal) is var end and >= 0 ? end : text.Length);
        var separator = allowSemicolon && firstLine.Contains(';') ? ';' : ',';
        using var reader = Sep.New(separator).Reader(o => o with { Unescape = true, DisableColCountCheck = true, Trim = SepTrim.All }).FromText(text);
        var missing = required.Where(c => !reader.Header.ColNames.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ImpactException($"{fileName} : colonnes manquantes : {string.Join(", ", missing)}.");
        }

        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.Span.Trim().Length == 0)
            {
                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in required)
            {
                cells[column] = row[column].ToString();
            }

            rows.Add((line, cells));
        }

        return rows;
    }

    /// <summary>An optional decimal cell: null when empty.</summary>
    /// <exception cref="ImpactException">The cell is not a decimal.</exception>
    public static decimal? ParseOptionalDecimal(string raw, string fileName, int line, string column) =>
        raw.Length == 0 ? null : ParseDecimal(raw, fileName, line, column);

    /// <summary>A decimal cell ('.' decimals, invariant).</summary>
    /// <exception cref="ImpactException">The cell is not a decimal.</exception>
    public static decimal ParseDecimal(string raw, string fileName, int line, string column) =>
        decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(raw, fileName, line, column);

    /// <summary>An integer cell.</summary>
    /// <exception cref="ImpactException">The cell is not an integer.</exception>
    public static int ParseInt(string raw, string fileName, int line, string column) =>
        int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(raw, fileName, line, column);

    /// <summary>The French error for an invalid cell, naming the file, the line, the column and the value.</summary>
    public static ImpactException Invalid(string raw, string fileName, int line, string column) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{fileName} : ligne {line}, colonne {column} : valeur « {raw} » invalide."));
}
