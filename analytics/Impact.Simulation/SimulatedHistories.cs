using System.Text;
using Impact.Analytics.Indicators;
using Impact.Analytics.Returns;
using Impact.Analytics.Risk;
using Impact.Analytics.Validation;

namespace Impact.Simulation;

/// <summary>A simulated cohort seen as the pipeline sees it.</summary>
public static class SimulatedHistories
{
    /// <summary>Far in the future: no simulated quarter is refused as not yet begun.</summary>
    private static readonly DateOnly FarFuture = new(2100, 1, 1);

    /// <summary>
    /// The histories the pipeline would build from storage for this cohort: every sent file validated as an upload would
    /// be (accepted ones become current returns), every upload a <see cref="ReceivedReturn"/> at its receipt time, the
    /// outcomes read from registry/outcomes.csv. The truth files are never read. For tests and benchmarks of risk scoring.
    /// </summary>
    public static IReadOnlyList<WorkshopHistory> Histories(this SimulatedCohort cohort)
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
                Today = FarFuture,
            });
            if (result.Return is { } accepted)
            {
                returns.Add(accepted);
            }

            received.Add(new ReceivedReturn(submission.WorkshopId, submission.Quarter, submission.ReceivedAt!.Value, result.Return is not null, result.Return?.Status));
        }

        var outcomes = OutcomeCsv.Read(Encoding.UTF8.GetString(files[SimulatedCohort.OutcomesPath].Content.Span));
        return WorkshopHistory.FromRecords(cohort.Registry, returns, received, outcomes, cohort.Options.Reporting);
    }
}
