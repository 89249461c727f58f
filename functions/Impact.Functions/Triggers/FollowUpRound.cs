using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Triggers;

/// <summary>
/// The daily follow-up round (07:00 UTC; on demand through <c>POST /admin/functions/FollowUpRound</c>): reminders of
/// returns to workshops before and after each deadline, the coaches' weekly digest (FollowUp:DigestDay), and alerts
/// without follow-up sent again once; every notice goes through the risk-alerts queue and is sent once. The schedule is
/// a constant, not a setting, so that a host without it still starts; what is sent and when is in the FollowUp settings.
/// </summary>
/// <remarks>
/// It also looks for failed work (e-mails in <c>risk-alerts-poison</c>, undelivered Event Grid events in
/// <c>eventgrid-deadletter</c>) and logs a warning naming them, which the Azure Monitor alert rule of the Bicep
/// (<c>modules/operations-alerts.bicep</c>) turns into an e-mail to the operators.
/// </remarks>
public sealed partial class FollowUpRound(Pipeline.FollowUp.FollowUpRound round, Pipeline.Storage.IImpactStorage storage, ILogger<FollowUpRound> logger)
{
    /// <summary>Every day at 07:00 UTC (six-field NCRONTAB).</summary>
    public const string Schedule = "0 0 7 * * *";

    /// <summary>Runs the round.</summary>
    [Function(nameof(FollowUpRound))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var result = await round.RunAsync(cancellationToken: cancellationToken);
        LogDone(logger, result.AsOf, result.RemindersBefore, result.RemindersAfter, result.Digests, result.AlertReminders);
        var (poison, deadLetters) = await Pipeline.Replay.FailedWorkReplay.PendingAsync(storage, cancellationToken);
        if (poison + deadLetters > 0)
        {
            LogFailedWork(logger, poison, deadLetters);
        }
    }

    /// <summary>The text the alert rule of modules/operations-alerts.bicep looks for: keep them in step.</summary>
    public const string FailedWorkMarker = "Failed work waiting for impact replay";

    [LoggerMessage(Level = LogLevel.Warning,
        Message = FailedWorkMarker + ": {PoisonMessages} message(s) in risk-alerts-poison, {DeadLetterFiles} undelivered event file(s) in eventgrid-deadletter; fix the cause, then run impact replay --storage")]
    private static partial void LogFailedWork(ILogger logger, int poisonMessages, int deadLetterFiles);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Follow-up round from {AsOf}: {Before} reminders before the deadline, {After} after, {Digests} coach digests, {AlertReminders} alerts sent again")]
    private static partial void LogDone(ILogger logger, Impact.Analytics.Quarter asOf, int before, int after, int digests, int alertReminders);
}
