using System.Text;
using Impact.Analytics.Indicators;
using Impact.Analytics.Returns;
using Impact.Analytics.Risk;
using Impact.Analytics.Simulation;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Tests.Risk;

/// <summary>
/// Turns a simulated cohort into the histories the pipeline would build from storage: every sent file validated as an
/// upload would be (accepted ones become current returns), every upload a <see cref="ReceivedReturn"/> at its receipt
/// time, the outcomes read from registry/outcomes.csv. The truth files are never read here.
/// </summary>
internal static class SimulatedHistories
{
    /// <summary>Far in the future: no simulated quarter is refused as not yet begun.</summary>
    private static readonly DateOnly Today = new(2100, 1, 1);

    private static readonly Dictionary<(int Workshops, int Quarters, int Seed), (SimulatedCohort, IReadOnlyList<WorkshopHistory>)> Cache = [];

    /// <summary>The cohort and its histories, simulated once per test run.</summary>
    public static (SimulatedCohort Cohort, IReadOnlyList<WorkshopHistory> Histories) Of(int workshops, int quarters, int seed)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue((workshops, quarters, seed), out var entry))
            {
                var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = workshops, Quarters = quarters, Seed = seed });
                entry = (cohort, Build(cohort));
                Cache[(workshops, quarters, seed)] = entry;
            }

            return entry;
        }
    }

    public static IReadOnlyList<WorkshopHistory> Build(SimulatedCohort cohort)
    {
        var files = cohort.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var returns = new List<QuarterlyReturn>();
        var received = new List<ReceivedReturn>();
        foreach (var submission in cohort.Submissions.Where(s => s.Submitted))
        {
            var file = files[submission.Path!];
            var result = ReturnValidator.Validate(file.Content.Span, ReturnFormat.Csv, file.Path, new ValidationContext
            {
                Path = ReturnPath.TryParse(file.Path, out _),
                Registry = cohort.Registry,
                Today = Today,
            });
            if (result.Return is { } accepted)
            {
                returns.Add(accepted);
            }

            received.Add(new ReceivedReturn(submission.WorkshopId, submission.Quarter, submission.ReceivedAt!.Value, result.Return is not null, result.Return?.Status));
        }

        var outcomes = OutcomeCsv.Read(Encoding.UTF8.GetString(files[SimulatedCohort.OutcomesPath].Content.Span));
        return WorkshopHistory.FromRecords(cohort.Registry, returns, received, outcomes);
    }
}
