using Impact.Analytics.Csv;
namespace Impact.Analytics.Indicators;

/// <summary>
/// indicators/aggregates.csv: one row per <see cref="AggregateRow"/>, header <see cref="Columns"/>, in the same
/// dialect as indicators.csv (',' delimited, '.' decimals, invariant culture, empty cell for a null, LF, no BOM).
/// </summary>
public static class AggregateCsv
{
    /// <summary>The column keys, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["dimension", "group", "quarter", "indicator", "n", "total", "median", "q1", "q3"];

    /// <summary>The CSV text of <paramref name="rows"/>, in the order given (<see cref="IndicatorAggregates.Compute"/> sorts them).</summary>
    public static string Write(IEnumerable<AggregateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return CsvTable.Write(Columns, rows.Select(r => (IReadOnlyList<string?>)
        [
            r.Dimension, r.Group, r.Quarter?.ToString() ?? Breakdown.All, r.Indicator, CsvTable.Format(r.N),
            CsvTable.Format(r.Total), CsvTable.Format(r.Median), CsvTable.Format(r.Q1), CsvTable.Format(r.Q3),
        ]));
    }
}
