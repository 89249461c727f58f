using System.Globalization;
using Impact.Analytics.Registry;

namespace Impact.Analytics.Indicators;

/// <summary>
/// National and grouped summaries of the indicator sets for the ministry's dashboards (DOMAIN.md: comparisons
/// by wave, territory type, region and time since labelling). For each calendar quarter, each dimension of
/// <see cref="Dimensions"/>, each group present in that quarter and each key of <see cref="Indicators"/>: the
/// count of non-null values, their sum, median and quartiles (<see cref="Quantile"/>, type 7). The
/// quarters_since_labelling dimension also has rows over every calendar quarter (quarter null, written "all"),
/// since workshops are compared at the same age whatever their wave.
/// </summary>
public static class IndicatorAggregates
{
    /// <summary>The dimensions, in output order.</summary>
    public static IReadOnlyList<string> Dimensions { get; } =
        [Breakdown.National, Breakdown.Wave, Breakdown.TerritoryType, Breakdown.Region, Breakdown.QuartersSinceLabelling];

    /// <summary>The numeric indicators summarised, in output order (keys of <see cref="IndicatorCsv.Columns"/>).</summary>
    public static IReadOnlyList<string> Indicators { get; } =
    [
        "own_revenue", "own_revenue_share", "operating_margin", "cash_runway_months", "machine_utilisation", "occupancy_rate",
        "total_jobs", "net_jobs_created", "staff_headcount", "hosted_enterprise_jobs", "jobs_per_100k_grant", "own_revenue_yoy",
        "vitality_index",
    ];

    private static readonly IReadOnlyList<Func<IndicatorSet, decimal?>> Values =
        [.. Indicators.Select(key => IndicatorCsv.Table.Single(c => string.Equals(c.Key, key, StringComparison.Ordinal)).Number!)];

    /// <summary>
    /// The aggregate rows, sorted by dimension (in <see cref="Dimensions"/> order), group (numerically for wave and
    /// quarters_since_labelling, ordinal otherwise), quarter (calendar order, "all" last), then indicator (in
    /// <see cref="Indicators"/> order). A group is listed for a quarter when it has at least one set there; an
    /// indicator with no value in it gets n = 0 and empty statistics.
    /// </summary>
    public static IReadOnlyList<AggregateRow> Compute(IReadOnlyList<IndicatorSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var cells = new List<(string Dimension, (string Text, int? Number) Group, Quarter? Quarter, IReadOnlyList<IndicatorSet> Sets)>();
        foreach (var dimension in Dimensions)
        {
            var grouped = sets.GroupBy(s => (Group: GroupOf(dimension, s), Quarter: (Quarter?)s.Quarter)).ToList();
            if (dimension == Breakdown.QuartersSinceLabelling)
            {
                grouped.AddRange(sets.GroupBy(s => (Group: GroupOf(dimension, s), Quarter: (Quarter?)null)));
            }

            cells.AddRange(grouped
                .OrderBy(c => c.Key.Group, BreakdownGroupComparer.Instance)
                .ThenBy(c => c.Key.Quarter is null ? 1 : 0)
                .ThenBy(c => c.Key.Quarter?.Index ?? 0)
                .Select(c => (dimension, c.Key.Group, c.Key.Quarter, (IReadOnlyList<IndicatorSet>)[.. c])));
        }

        // Every (cell, indicator) is independent: summarised in parallel, each into its own place, so the order is the
        // sequential one whatever the scheduling.
        var rows = new AggregateRow[cells.Count * Indicators.Count];
        Parallel.For(0, rows.Length, k =>
        {
            var cell = cells[k / Indicators.Count];
            var i = k % Indicators.Count;
            rows[k] = Summarise(cell.Dimension, cell.Group.Text, cell.Quarter, Indicators[i], cell.Sets, Values[i]);
        });
        return rows;
    }

    private static AggregateRow Summarise(string dimension, string group, Quarter? quarter, string indicator,
        IReadOnlyList<IndicatorSet> sets, Func<IndicatorSet, decimal?> value)
    {
        var sorted = new List<decimal>(sets.Count);
        // For secrecy, contributions are counted per workshop (a row over every quarter holds several of one workshop).
        var byWorkshop = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            if (value(set) is not { } v)
            {
                continue;
            }

            sorted.Add(v);
            byWorkshop[set.WorkshopId] = byWorkshop.GetValueOrDefault(set.WorkshopId) + Math.Abs(v);
        }

        if (sorted.Count == 0)
        {
            return new AggregateRow(dimension, group, quarter, indicator, 0, null, null, null, null);
        }

        sorted.Sort();
        var absolute = 0m;
        var largest = 0m;
        foreach (var contribution in byWorkshop.Values)
        {
            absolute += contribution;
            largest = Math.Max(largest, contribution);
        }

        var sum = 0m;
        foreach (var v in sorted)
        {
            sum += v;
        }

        return new AggregateRow(dimension, group, quarter, indicator, sorted.Count, sum,
            Quantile.OfSorted(sorted, 0.5m), Quantile.OfSorted(sorted, 0.25m), Quantile.OfSorted(sorted, 0.75m))
        {
            Workshops = byWorkshop.Count,
            DominantShare = absolute > 0 ? largest / absolute : null,
        };
    }

    private static (string Text, int? Number) GroupOf(string dimension, IndicatorSet set) => dimension switch
    {
        Breakdown.National => (Breakdown.All, null),
        Breakdown.Wave => (set.Wave.ToString(CultureInfo.InvariantCulture), set.Wave),
        Breakdown.TerritoryType => (WorkshopRegistry.FormatTerritory(set.TerritoryType), null),
        Breakdown.Region => (set.Region, null),
        Breakdown.QuartersSinceLabelling => (set.QuartersSinceLabelling.ToString(CultureInfo.InvariantCulture), set.QuartersSinceLabelling),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown dimension."),
    };
}
