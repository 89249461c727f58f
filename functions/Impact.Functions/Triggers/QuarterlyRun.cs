using Impact.Pipeline.Run;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Triggers;

/// <summary>
/// The quarterly job on a timer (UTC, schedule from the QUARTERLY_RUN_SCHEDULE setting), and on demand through
/// the host's admin endpoint (<c>POST /admin/functions/QuarterlyRun</c>). It covers up to the last quarter
/// that has ended; a rerun changes nothing that has not changed.
/// </summary>
public sealed partial class QuarterlyRun(QuarterRun run, ILogger<QuarterlyRun> logger)
{
    /// <summary>The setting that holds the NCRONTAB schedule (six fields, UTC).</summary>
    public const string Schedule = "%QUARTERLY_RUN_SCHEDULE%";

    /// <summary>Runs the quarter.</summary>
    [Function(nameof(QuarterlyRun))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue(logger);
        }

        var summary = await run.RunAsync(progress: null, cancellationToken: cancellationToken);
        LogDone(logger, summary.AsOf, summary.ReturnsRead, summary.Accepted, summary.Rejected, summary.Unchanged, summary.IndicatorRows,
            summary.Completeness.Expected, summary.Completeness.Received, summary.Completeness.OnTime);
        foreach (var failed in summary.Failed)
        {
            LogFailedUpload(logger, failed);
        }

        LogRisk(logger, summary.Risk.Red, summary.Risk.Amber, summary.Risk.Green, summary.RiskSourceLabel, summary.AlertsQueued, summary.AlertsOverCapacity);
        foreach (var stage in summary.Stages)
        {
            LogStage(logger, stage.Stage, stage.Elapsed.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Return could not be ingested (recorded as failed in Submissions, retried by the next run): {BlobAndReason}")]
    private static partial void LogFailedUpload(ILogger logger, string blobAndReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarterly run is past due: running now")]
    private static partial void LogPastDue(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Quarterly run up to {AsOf}: {ReturnsRead} returns read ({Accepted} accepted, {Rejected} rejected, {Unchanged} unchanged), {IndicatorRows} indicator rows, {Expected} returns expected, {Received} received, {OnTime} on time")]
    private static partial void LogDone(ILogger logger, Impact.Analytics.Quarter asOf, int returnsRead, int accepted, int rejected, int unchanged, int indicatorRows, int expected, int received, int onTime);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Risk: {Red} red, {Amber} amber, {Green} green (source {Source}); {AlertsQueued} alerts queued, {AlertsOverCapacity} held back by coach capacity")]
    private static partial void LogRisk(ILogger logger, int red, int amber, int green, string source, int alertsQueued, int alertsOverCapacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarterly run stage {Stage} took {Seconds:0.000} s")]
    private static partial void LogStage(ILogger logger, string stage, double seconds);
}
