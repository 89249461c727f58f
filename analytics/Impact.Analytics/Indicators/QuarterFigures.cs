using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Settings;

namespace Impact.Analytics.Indicators;

/// <summary>
/// What a quarterly run computes from the current returns and the uploads, up to its as-of quarter: the indicator
/// sets, their aggregates, and completeness and timeliness from the first labelling quarter on. One computation for
/// the run and for anything that previews its site (the simulator's dashboard, the benchmarks).
/// </summary>
/// <param name="Indicators">One set per workshop and quarter (<see cref="IndicatorCalculator.Compute(IReadOnlyList{QuarterlyReturn}, WorkshopRegistry)"/>).</param>
/// <param name="Aggregates">National and per-group aggregates (<see cref="IndicatorAggregates.Compute"/>).</param>
/// <param name="Completeness">Completeness and timeliness (<see cref="global::Impact.Analytics.Indicators.Completeness.Compute"/>).</param>
public sealed record QuarterFigures(IReadOnlyList<IndicatorSet> Indicators, IReadOnlyList<AggregateRow> Aggregates, CompletenessResult Completeness)
{
    /// <summary>The figures of <paramref name="currentReturns"/> and <paramref name="received"/> up to <paramref name="last"/>.</summary>
    public static QuarterFigures Compute(WorkshopRegistry registry, IReadOnlyList<QuarterlyReturn> currentReturns, IReadOnlyList<ReceivedReturn> received,
        Quarter last, ReportingOptions reporting)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var indicators = IndicatorCalculator.Compute(currentReturns, registry);
        var first = registry.Workshops.Count == 0 ? last : registry.Workshops.Min(w => w.LabelledQuarter);
        return new QuarterFigures(indicators, IndicatorAggregates.Compute(indicators), global::Impact.Analytics.Indicators.Completeness.Compute(registry, received, first, last, reporting));
    }
}
