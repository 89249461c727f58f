using Impact.Analytics.Dashboard;
using Impact.Analytics.Indicators;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;

namespace Impact.Simulation;

/// <summary>
/// The site input of a simulated cohort, computed in memory as the quarterly run would (validate every return file
/// against the registry, keep the accepted ones, compute indicators, aggregates and completeness from the files'
/// receipt times), for tests, benchmarks and previews of the dashboard without storage. The quarterly run builds
/// its own <see cref="SiteInput"/> from storage.
/// </summary>
public static class SimulatedSite
{
    /// <summary>The site input of <paramref name="cohort"/> as of its last simulated quarter, with the returns' extracts and no risk scores nor evaluation.</summary>
    public static SiteInput Build(SimulatedCohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var returns = new List<QuarterlyReturn>();
        var received = new List<ReceivedReturn>();
        foreach (var file in cohort.Files.Where(f => f.Path.StartsWith(ReturnPath.Container + "/", StringComparison.Ordinal)))
        {
            var path = ReturnPath.TryParse(file.Path, out _);
            var result = ReturnValidator.Validate(file.Content.Span, ReturnFormat.Csv, file.Path, new ValidationContext { Path = path, Registry = cohort.Registry });
            var at = file.FileTime ?? new DateTimeOffset(cohort.Options.LastQuarter.LastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (result.Return is { } accepted)
            {
                returns.Add(accepted);
                received.Add(new ReceivedReturn(accepted.WorkshopId, accepted.Quarter, at, true, accepted.Status));
            }
            else if (path is not null)
            {
                received.Add(new ReceivedReturn(path.WorkshopId, path.Quarter, at, false, null));
            }
        }

        var asOf = cohort.Options.LastQuarter;
        var indicators = IndicatorCalculator.Compute(returns, cohort.Registry);
        var first = cohort.Registry.Workshops.Count == 0 ? asOf : cohort.Registry.Workshops.Min(w => w.LabelledQuarter);
        var completeness = Completeness.Compute(cohort.Registry, received, first, asOf,
            cohort.Options.Reporting);
        return new SiteInput
        {
            Registry = cohort.Registry,
            Indicators = indicators,
            Aggregates = IndicatorAggregates.Compute(indicators),
            Completeness = completeness,
            AsOf = asOf,
            Returns = [.. returns.Select(SiteReturnExtract.From)],
        };
    }
}
