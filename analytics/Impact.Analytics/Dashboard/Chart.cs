using Impact.Analytics.Csv;
using System.Globalization;

namespace Impact.Analytics.Dashboard;

/// <summary>How a value of a chart's data table is shown: text, or a number with its French unit.</summary>
internal enum ValueKind
{
    /// <summary>Text, shown as is (HTML-escaped).</summary>
    Text,

    /// <summary>A whole count: 1 234.</summary>
    Count,

    /// <summary>A number with one decimal: 1 234,5.</summary>
    Number,

    /// <summary>Euros: 1 234 €.</summary>
    Euros,

    /// <summary>A ratio shown as a percentage: 42 %.</summary>
    Percent,

    /// <summary>Months: 3,5 mois.</summary>
    Months,
}

/// <summary>A column of a chart's data table: its CSV key, its French header, how its values are shown.</summary>
internal sealed record ChartColumn(string Key, string Label, ValueKind Kind);

/// <summary>A cell of a chart's data table: text, or a number (null for "no value").</summary>
internal readonly record struct ChartCell(string? Text, double? Number)
{
    public static ChartCell Of(string text) => new(text, null);

    public static ChartCell Of(double? number) => new(null, number);

    public static ChartCell Of(int number) => new(null, number);

    public static ChartCell Of(decimal? number) => new(null, (double?)number);
}

/// <summary>
/// The data behind a chart, shown beside it as an HTML table (French formats, with a caption) and offered as a
/// CSV file (stable keys, invariant numbers, formula injection neutralised), so that no figure is only in a picture.
/// </summary>
internal sealed record ChartTable(string Caption, IReadOnlyList<ChartColumn> Columns, IReadOnlyList<IReadOnlyList<ChartCell>> Rows)
{
    /// <summary>The French text of "no value".</summary>
    public const string NoValue = "n.d.";

    /// <summary>The cell as a French reader sees it.</summary>
    public static string Display(ChartCell cell, ValueKind kind) => cell switch
    {
        { Text: { } text } => text,
        { Number: null } => NoValue,
        { Number: { } n } => kind switch
        {
            ValueKind.Count => FrenchFormat.Number(n, 0),
            ValueKind.Number => FrenchFormat.Number(n, 1),
            ValueKind.Euros => FrenchFormat.Euros(n, 0),
            ValueKind.Percent => FrenchFormat.Percent(n),
            ValueKind.Months => FrenchFormat.Months(n),
            _ => FrenchFormat.Number(n, 2),
        },
    };

    /// <summary>The CSV text: header of keys, invariant numbers (ratios stay ratios), an empty cell for no value, LF endings.</summary>
    public string ToCsv() => CsvTable.Write(
        [.. Columns.Select(c => c.Key)],
        Rows.Select(row => (IReadOnlyList<string?>)[.. row.Select(cell => cell.Text ?? cell.Number?.ToString("0.######", CultureInfo.InvariantCulture))]));
}

/// <summary>
/// A rendered chart: its file name (without extension), the title it shows, a text alternative that says what it
/// shows and its main figures, its data table, its PNG and SVG bytes and their size in pixels.
/// </summary>
internal sealed record Chart(string Name, string Title, string AltText, ChartTable Table, byte[] Png, byte[] Svg, int Width, int Height)
{
    /// <summary>The phone variant (<see cref="ChartRenderer.NarrowName"/>), drawn narrower with larger text; null when there is none.</summary>
    public NarrowImage? Narrow { get; init; }
}

/// <summary>A chart's PNG for narrow screens and its size in pixels.</summary>
internal sealed record NarrowImage(byte[] Png, int Width, int Height);
