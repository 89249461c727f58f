using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.FollowUp;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Alerts;

/// <summary>What dispatching one alert did.</summary>
public enum DispatchStatus
{
    /// <summary>The e-mail was sent and recorded.</summary>
    Sent,

    /// <summary>Already sent for this workshop, quarter and level: nothing was sent again.</summary>
    AlreadySent,
}

/// <summary>An alert that could not be handed over: it stays queued for the next attempt.</summary>
/// <param name="MessageId">The queue message's identity.</param>
/// <param name="Reason">Why, as the sender said it (French when it is a setting of ours).</param>
public sealed record DispatchFailure(string MessageId, string Reason);

/// <summary>What draining the queue did.</summary>
/// <param name="Sent">Alerts sent and recorded.</param>
/// <param name="AlreadySent">Messages of alerts sent before (replays): deleted, nothing sent.</param>
/// <param name="Failed">Alerts that could not be sent, each with its reason; they stay queued.</param>
public sealed record DrainResult(int Sent, int AlreadySent, IReadOnlyList<DispatchFailure> Failed);

/// <summary>
/// The use case "dispatch an alert": a message from the <c>risk-alerts</c> queue becomes an e-mail to the coach,
/// recorded in the Alerts table (<see cref="AlertStore"/>): first the intent, then the send, then "sent". A replayed
/// message of a sent alert sends nothing. A failed send throws, so that the queue retries it and, after the host's
/// maxDequeueCount, moves it to <c>risk-alerts-poison</c>: the alert is kept, never lost.
/// Delivery is at least once, with one stable Message-ID (docs/guarantees.md): a retry after an interrupted attempt
/// asks the sender whether it already holds that Message-ID (a pickup folder knows; an SMTP server cannot be asked),
/// so the only duplicate left is a crash in the instant between the SMTP server's acceptance and the "sent" record,
/// and that duplicate carries the same Message-ID, which mail systems use to drop it.
/// </summary>
public sealed class AlertDispatch(IImpactStorage storage, IAlertSender sender, TimeProvider time, AlertOptions options)
{
    private readonly AlertStore _alerts = new(storage);
    private readonly NoticeStore _notices = new(storage);

    /// <summary>Sends the alert or notice in <paramref name="messageText"/> unless it was sent already.</summary>
    public async Task<DispatchStatus> DispatchAsync(string messageText, CancellationToken cancellationToken = default)
    {
        if (Notice.TryFromJson(messageText) is { } notice)
        {
            return await DispatchNoticeAsync(notice, cancellationToken);
        }

        var alert = RiskAlert.FromJson(messageText);
        var delivery = await _alerts.DeliveryAsync(alert.Key, cancellationToken);
        if (delivery == AlertDelivery.Sent)
        {
            return DispatchStatus.AlreadySent;
        }

        var message = AlertMessages.Build(alert, options, time.GetUtcNow());
        var messageId = message.MessageId ?? throw new InvalidOperationException("AlertMessages.Build gives every alert its Message-ID.");
        var record = new AlertRecord(alert, message.Subject ?? "", messageId, AlertDelivery.Sending, time.GetUtcNow());
        if (delivery is null or AlertDelivery.Held)
        {
            await _alerts.RecordIntentAsync(record, cancellationToken);
        }
        else if (await sender.HoldsAsync(messageId, cancellationToken))
        {
            // An earlier attempt handed it over and stopped before recording it: record it, send nothing.
            await _alerts.RecordSentAsync(record with { At = time.GetUtcNow() }, cancellationToken);
            return DispatchStatus.AlreadySent;
        }

        await sender.SendAsync(message, cancellationToken);
        await _alerts.RecordSentAsync(record with { At = time.GetUtcNow() }, cancellationToken);
        return DispatchStatus.Sent;
    }

    /// <summary>A notice, by the same steps as an alert: intent, send (unless the sender already holds it), "sent".</summary>
    private async Task<DispatchStatus> DispatchNoticeAsync(Notice notice, CancellationToken cancellationToken)
    {
        var delivery = await _notices.DeliveryAsync(notice.Partition, notice.Row, cancellationToken);
        if (delivery == AlertDelivery.Sent)
        {
            return DispatchStatus.AlreadySent;
        }

        var message = AlertMessages.Build(notice, options, time.GetUtcNow());
        if (delivery is null)
        {
            await _notices.RecordIntentAsync(notice, time.GetUtcNow(), cancellationToken);
        }
        else if (await sender.HoldsAsync(notice.MessageId, cancellationToken))
        {
            await _notices.RecordSentAsync(notice, time.GetUtcNow(), cancellationToken);
            return DispatchStatus.AlreadySent;
        }

        await sender.SendAsync(message, cancellationToken);
        await _notices.RecordSentAsync(notice, time.GetUtcNow(), cancellationToken);
        return DispatchStatus.Sent;
    }

    /// <summary>
    /// Dispatches every message waiting on <c>risk-alerts</c> (what the queue trigger does in Azure, for the folder
    /// adapter and the CLI): each handled message is deleted; one that fails stays queued for the next attempt.
    /// </summary>
    /// <returns>Messages sent, already sent, and those that failed with their reason (left in the queue).</returns>
    public async Task<DrainResult> DrainQueueAsync(CancellationToken cancellationToken = default)
    {
        var (sent, already) = (0, 0);
        var failed = new List<DispatchFailure>();
        var failedIds = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = (await storage.ReceiveMessagesAsync(StorageNames.Queues.RiskAlerts, 32, TimeSpan.FromMinutes(5), cancellationToken))
                .Where(m => !failedIds.Contains(m.Id))
                .ToList();
            if (batch.Count == 0)
            {
                return new DrainResult(sent, already, failed);
            }

            foreach (var message in batch)
            {
                try
                {
                    if (await DispatchAsync(message.Text, cancellationToken) == DispatchStatus.Sent)
                    {
                        sent++;
                    }
                    else
                    {
                        already++;
                    }

                    await storage.DeleteMessageAsync(StorageNames.Queues.RiskAlerts, message, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException
                    or System.Security.Authentication.AuthenticationException or ImpactException)
                {
                    // The failure is the result: reported to the caller, the message kept for the next attempt.
                    failed.Add(new DispatchFailure(message.Id, ex.Message));
                    failedIds.Add(message.Id);
                }
            }
        }
    }
}
