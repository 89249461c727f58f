using Impact.Pipeline.Alerts;
using Impact.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Triggers;

/// <summary>
/// An alert on the <c>risk-alerts</c> queue becomes an e-mail to the coach (SMTP), recorded once in the Alerts
/// table. A failed send throws: the host retries (host.json maxDequeueCount) and then moves the message to
/// <c>risk-alerts-poison</c>, where it is kept.
/// </summary>
public sealed partial class DispatchAlert(AlertDispatch dispatch, ILogger<DispatchAlert> logger)
{
    /// <summary>Sends the alert unless it was sent already.</summary>
    [Function(nameof(DispatchAlert))]
    public async Task RunAsync([QueueTrigger(StorageNames.Queues.RiskAlerts, Connection = "ImpactStorage")] string message, CancellationToken cancellationToken)
    {
        var status = await dispatch.DispatchAsync(message, cancellationToken);
        LogDispatched(logger, status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk alert dispatch: {Status}")]
    private static partial void LogDispatched(ILogger logger, DispatchStatus status);
}
