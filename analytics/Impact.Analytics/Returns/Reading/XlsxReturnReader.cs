using System.Globalization;
using System.Text;
using Impact.Analytics.Validation;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Impact.Analytics.Returns.Reading;

/// <summary>
/// XLSX returns, read from the first sheet. The template's layout (one row per field: a "Clé" column
/// and a "Valeur" column) is expected; a sheet laid out like the CSV (a row of keys, a row of values)
/// is accepted too, so that a CSV re-saved from a spreadsheet still reads.
/// </summary>
internal static class XlsxReturnReader
{
    /// <summary>Rows read at most: the template has about 45; the rest is ignored.</summary>
    private const int MaxRows = 1000;

    private static readonly OpenXmlConfiguration Configuration = new()
    {
        EnableSharedStringCache = false,
        FillMergedCells = false,
        IgnoreEmptyRows = false,
    };

    public static ReturnDocument Read(ReadOnlySpan<byte> content)
    {
        var (package, refusal) = XlsxPackage.Check(content);
        if (package is null)
        {
            return ReturnDocument.Unreadable(ReturnFormat.Xlsx, refusal!);
        }

        List<IDictionary<string, object?>> rows;
        try
        {
            using var stream = new MemoryStream(package, writable: false);
            rows = [.. MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX, configuration: Configuration)
                .Take(MaxRows)
                .Select(r => (IDictionary<string, object?>)r)];
        }
#pragma warning disable CA1031 // Untrusted bytes: MiniExcel reports a malformed package through many exception types; any of them means "unreadable", which the report says.
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return ReturnDocument.Unreadable(ReturnFormat.Xlsx, XlsxPackage.Unreadable());
        }

        return FromVerticalLayout(rows) ?? FromHorizontalLayout(rows)
            ?? ReturnDocument.Unreadable(ReturnFormat.Xlsx, Findings.FileError("xlsx.no_key_column",
                "La première feuille du classeur ne contient pas de colonne « Clé » et « Valeur » ni de ligne de clés.",
                "Repartez du modèle XLSX (impact template --format xlsx) et saisissez les valeurs dans la colonne « Valeur »."));
    }

    /// <summary>The template layout: a header row with "Clé" and "Valeur", then one row per field.</summary>
    private static ReturnDocument? FromVerticalLayout(List<IDictionary<string, object?>> rows)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var keyColumn = FindColumn(rows[r], "cle", "key");
            var valueColumn = FindColumn(rows[r], "valeur", "value");
            if (keyColumn is null || valueColumn is null)
            {
                continue;
            }

            var entries = new List<RawEntry>();
            for (var i = r + 1; i < rows.Count; i++)
            {
                var key = CellText(Cell(rows[i], keyColumn))?.Trim();
                if (string.IsNullOrEmpty(key))
                {
                    continue;
                }

                var location = string.Create(CultureInfo.InvariantCulture, $"ligne {i + 1}");
                entries.Add(new RawEntry(key, NullIfBlank(CellText(Cell(rows[i], valueColumn))), location));
            }

            return new ReturnDocument(ReturnFormat.Xlsx, DecimalMark.Either, entries, []);
        }

        return null;
    }

    /// <summary>The CSV layout: a row holding at least three schema keys, and the row below it.</summary>
    private static ReturnDocument? FromHorizontalLayout(List<IDictionary<string, object?>> rows)
    {
        for (var r = 0; r < rows.Count - 1; r++)
        {
            var keys = rows[r].Where(c => CellText(c.Value) is { } k && ReturnSchema.Find(k.Trim()) is not null).ToList();
            if (keys.Count < 3)
            {
                continue;
            }

            var values = rows[r + 1];
            var entries = rows[r]
                .Where(c => !string.IsNullOrWhiteSpace(CellText(c.Value)))
                .Select(c => new RawEntry(
                    CellText(c.Value)!.Trim(),
                    NullIfBlank(CellText(Cell(values, c.Key))),
                    $"colonne {c.Key}"))
                .ToList();
            return new ReturnDocument(ReturnFormat.Xlsx, DecimalMark.Either, entries, []);
        }

        return null;
    }

    private static string? FindColumn(IDictionary<string, object?> row, params string[] names) =>
        row.FirstOrDefault(c => CellText(c.Value) is { } text && names.Contains(Fold(text))).Key;

    /// <summary>Lower case without accents or spaces: "Clé " → "cle".</summary>
    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static object? Cell(IDictionary<string, object?> row, string? column) =>
        column is not null && row.TryGetValue(column, out var value) ? value : null;

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A cell as text: numbers in invariant culture, dates as ISO, booleans as yes/no.</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d when double.IsFinite(d) && Math.Abs(d) < 1e15 => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
