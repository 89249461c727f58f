using Impact.Analytics.Dashboard;
using Impact.Analytics.Indicators;

namespace Impact.Simulation;

/// <summary>
/// The site input of a simulated cohort, as the quarterly run would compute it without storage: the cohort's histories
/// (<see cref="SimulatedHistories.Histories"/>: every file validated as an upload) and the run's own computation
/// (<see cref="QuarterFigures"/>), for tests, benchmarks and previews of the dashboard.
/// </summary>
public static class SimulatedSite
{
    /// <summary>The site input of <paramref name="cohort"/> as of its last simulated quarter, with the returns' extracts and no risk scores nor evaluation.</summary>
    public static SiteInput Build(SimulatedCohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var histories = cohort.Histories();
        var returns = histories.SelectMany(h => h.Returns).ToList();
        var asOf = cohort.Options.LastQuarter;
        var figures = QuarterFigures.Compute(cohort.Registry, returns, [.. histories.SelectMany(h => h.Received)], asOf, cohort.Options.Reporting);
        return new SiteInput
        {
            Registry = cohort.Registry,
            Indicators = figures.Indicators,
            Aggregates = figures.Aggregates,
            Completeness = figures.Completeness,
            AsOf = asOf,
            Returns = [.. returns.Select(SiteReturnExtract.From)],
            Simulated = true,
        };
    }
}
