using Impact.Analytics.Csv;
using System.Text;
using Impact.Analytics.Indicators;
using Impact.Analytics.Returns;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The downloads of the site: the indicators (CSV and XLSX), the aggregates and the completeness grid (CSV), in the
/// same dialect and columns as the run's machine-readable outputs (docs/indicators.md), up to the as-of quarter. Text
/// cells that a spreadsheet would run as a formula are neutralised by the one guard every writer uses
/// (<see cref="FormulaGuard"/>: <see cref="CsvTable"/> for CSV, here for the workbook's text cells); numbers stay numbers.
/// </summary>
internal static class SiteDownloads
{
    public static string IndicatorsCsv(IReadOnlyList<IndicatorSet> sets) => IndicatorCsv.Write(sets);

    public static string AggregatesCsv(IReadOnlyList<AggregateRow> rows) => AggregateCsv.Write(rows);

    public static string CompletenessCsv(IReadOnlyList<CompletenessRow> rows) => Indicators.CompletenessCsv.WriteRows(rows);

    /// <summary>The indicators as a workbook: one sheet "Indicateurs", a header of the CSV keys, numbers as numeric cells.</summary>
    public static byte[] IndicatorsXlsx(IReadOnlyList<IndicatorSet> sets)
    {
        var rows = sets.Select(s => IndicatorCsv.Table.ToDictionary(
            c => c.Key,
            c => c.Number is { } number ? number(s) : (object?)FormulaGuard.Neutralise(c.Cell(s)),
            StringComparer.Ordinal)).ToList();
        var configuration = new OpenXmlConfiguration { EnableSharedStringCache = false, FreezeRowCount = 1 };
        using var stream = new MemoryStream();
        if (rows.Count == 0)
        {
            // MiniExcel writes no header for an empty list: give it one row of column names only.
            stream.SaveAs(new[] { IndicatorCsv.Columns.ToDictionary(c => c, c => (object?)null, StringComparer.Ordinal) }, sheetName: "Indicateurs", excelType: ExcelType.XLSX, configuration: configuration);
        }
        else
        {
            stream.SaveAs(rows, sheetName: "Indicateurs", excelType: ExcelType.XLSX, configuration: configuration);
        }

        return DeterministicZip.Normalize(stream.ToArray());
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
