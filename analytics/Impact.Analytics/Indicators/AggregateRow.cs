namespace Impact.Analytics.Indicators;

/// <summary>
/// One indicator summarised over one group of workshops in one quarter: a row of
/// <c>indicators/aggregates.csv</c> (<see cref="AggregateCsv"/>).
/// </summary>
/// <param name="Dimension">A <see cref="Breakdown"/> key: national, wave, territory_type, region or quarters_since_labelling.</param>
/// <param name="Group">The group within the dimension ("all" for national, "3" for wave 3, "qpv"…).</param>
/// <param name="Quarter">The calendar quarter, or null (written "all") for a quarters_since_labelling row over every calendar quarter.</param>
/// <param name="Indicator">The indicator key, as in indicators.csv (<see cref="IndicatorAggregates.Indicators"/>).</param>
/// <param name="N">How many workshop-quarters of the group have a value (nulls are left out).</param>
/// <param name="Total">The sum of those values; null when <paramref name="N"/> is 0.</param>
/// <param name="Median">The median (type-7 quantile at 0.5, <see cref="Quantile"/>); null when <paramref name="N"/> is 0.</param>
/// <param name="Q1">The first quartile (type 7 at 0.25); null when <paramref name="N"/> is 0.</param>
/// <param name="Q3">The third quartile (type 7 at 0.75); null when <paramref name="N"/> is 0.</param>
public sealed record AggregateRow(
    string Dimension,
    string Group,
    Quarter? Quarter,
    string Indicator,
    int N,
    decimal? Total,
    decimal? Median,
    decimal? Q1,
    decimal? Q3)
{
    /// <summary>How many distinct workshops the values come from (for <see cref="StatisticalSecrecy"/>); not written to the CSV.</summary>
    public int Workshops { get; init; }

    /// <summary>
    /// The largest single workshop's share of the group's total, its values summed in absolute terms (max over workshops of Σ|v|, over Σ|v|), for the
    /// dominance rule of <see cref="StatisticalSecrecy"/>; null when there is no non-zero value. Not written to the CSV.
    /// </summary>
    public decimal? DominantShare { get; init; }
}
