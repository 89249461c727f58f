using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Impact.Analytics.Returns;

/// <summary>
/// Adds data validation (drop-down lists, number bounds) to the cells of a sheet of an XLSX package: MiniExcel writes
/// the template's cells but has no API for it, so the sheet's XML gets its <c>dataValidations</c> element here, where
/// the OpenXML schema (ECMA-376, CT_Worksheet) puts it: after <c>sheetData</c>, <c>autoFilter</c> and
/// <c>mergeCells</c>, before <c>hyperlinks</c>, page settings and <c>drawing</c>.
/// </summary>
internal static class XlsxDataValidation
{
    /// <summary>A validation of one cell: a list of values, or a whole or decimal number within bounds.</summary>
    public sealed record Rule(string Cell, string Title, IReadOnlyList<string>? List = null, bool Whole = false, decimal? Min = null, decimal? Max = null);

    /// <summary>The elements that follow dataValidations in a worksheet, in schema order.</summary>
    private static readonly string[] After =
        ["hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
         "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects",
         "controls", "webPublishItems", "tableParts", "extLst"];

    /// <summary>The package with <paramref name="rules"/> added to the sheet <paramref name="sheetEntry"/> (e.g. xl/worksheets/sheet1.xml).</summary>
    /// <exception cref="InvalidOperationException">The sheet is not in the package, or already has data validation.</exception>
    public static byte[] Add(byte[] package, string sheetEntry, IReadOnlyList<Rule> rules)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var found = false;
            foreach (var entry in source.Entries)
            {
                using var buffer = new MemoryStream();
                using (var from = entry.Open())
                {
                    from.CopyTo(buffer);
                }

                var content = buffer.ToArray();
                if (entry.FullName == sheetEntry)
                {
                    content = Encoding.UTF8.GetBytes(Insert(Encoding.UTF8.GetString(content), rules));
                    found = true;
                }

                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                using var to = copy.Open();
                to.Write(content);
            }

            if (!found)
            {
                throw new InvalidOperationException($"The package has no sheet {sheetEntry}.");
            }
        }

        return output.ToArray();
    }

    private static string Insert(string sheet, IReadOnlyList<Rule> rules)
    {
        // The sheet's prefix for the spreadsheetml namespace ("x:" as MiniExcel writes it, or none).
        var root = sheet.IndexOf("worksheet", StringComparison.Ordinal);
        var open = sheet.LastIndexOf('<', root);
        var prefix = sheet[(open + 1)..root];
        if (sheet.Contains($"<{prefix}dataValidations", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The sheet already has data validation.");
        }

        var at = After.Select(name => sheet.IndexOf($"<{prefix}{name}", StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (at < 0)
        {
            at = sheet.LastIndexOf($"</{prefix}worksheet>", StringComparison.Ordinal);
        }

        var xml = new StringBuilder();
        xml.Append(CultureInfo.InvariantCulture, $"<{prefix}dataValidations count=\"{rules.Count}\">");
        foreach (var rule in rules)
        {
            xml.Append(Element(prefix, rule));
        }

        xml.Append(CultureInfo.InvariantCulture, $"</{prefix}dataValidations>");
        return sheet.Insert(at, xml.ToString());
    }

    private static string Element(string prefix, Rule rule)
    {
        // Excel's limits: titles of 32 characters, messages of 255 (an inline list of 255 with its quotes).
        var title = Escape(Cut(rule.Title, 32));
        if (rule.List is { } list)
        {
            var values = string.Join(",", list);
            if (values.Length > 253 || list.Any(v => v.Contains(',', StringComparison.Ordinal) || v.Contains('"', StringComparison.Ordinal)))
            {
                throw new ArgumentException($"The list of {rule.Cell} cannot be written inline: {values}", nameof(rule));
            }

            return $"<{prefix}dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorStyle=\"stop\" "
                + $"errorTitle=\"Valeur non prévue\" error=\"{Escape("Choisissez une valeur de la liste : " + string.Join(", ", list) + ".")}\" "
                + $"promptTitle=\"{title}\" prompt=\"Choisissez dans la liste.\" sqref=\"{rule.Cell}\"><{prefix}formula1>\"{Escape(values)}\"</{prefix}formula1></{prefix}dataValidation>";
        }

        var (min, max) = (rule.Min ?? decimal.MinValue / 10, rule.Max ?? decimal.MaxValue / 10);
        var what = rule.Whole ? "un nombre entier" : "un nombre";
        var range = (rule.Min, rule.Max) switch
        {
            ({ } low, { } high) => $"entre {French(low)} et {French(high)}",
            ({ } low, null) => $"d'au moins {French(low)}",
            (null, { } high) => $"d'au plus {French(high)}",
            _ => "",
        };
        return $"<{prefix}dataValidation type=\"{(rule.Whole ? "whole" : "decimal")}\" operator=\"between\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" errorStyle=\"stop\" "
            + $"errorTitle=\"Nombre attendu\" error=\"{Escape($"Indiquez {what} {range}.".Replace("  ", " ", StringComparison.Ordinal))}\" "
            + $"promptTitle=\"{title}\" prompt=\"{Escape($"{char.ToUpperInvariant(what[0])}{what[1..]} {range}.".Replace("  ", " ", StringComparison.Ordinal))}\" sqref=\"{rule.Cell}\">"
            + $"<{prefix}formula1>{min.ToString(CultureInfo.InvariantCulture)}</{prefix}formula1><{prefix}formula2>{max.ToString(CultureInfo.InvariantCulture)}</{prefix}formula2></{prefix}dataValidation>";
    }

    private static string French(decimal value) => value.ToString("#,0.##", CultureInfo.GetCultureInfo("fr-FR")).Replace('\u202F', ' ').Replace('\u00A0', ' ');

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Escape(string text) => SecurityElement.Escape(text);
}
