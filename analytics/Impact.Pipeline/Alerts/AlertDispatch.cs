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
        var prepared = await PrepareAsync(messageText, _alerts, _notices, cancellationToken);
        if (prepared.Message is null)
        {
            return prepared.Status;
        }

        await sender.SendAsync(prepared.Message, cancellationToken);
        await prepared.RecordSentAsync(cancellationToken);
        return DispatchStatus.Sent;
    }

    /// <summary>
    /// A message ready to send, its intent recorded: the e-mail, and how to record it sent once it is handed over; or
    /// no e-mail when there is nothing to send (sent before, or held by the sender already and now recorded so).
    /// </summary>
    private sealed record Prepared(MimeKit.MimeMessage? Message, Func<CancellationToken, Task> RecordSentAsync, DispatchStatus Status)
    {
        public static Prepared Done(DispatchStatus status) => new(null, _ => Task.CompletedTask, status);
    }

    /// <summary>The steps before the send, on the stores given (the account's, or a drain's buffered ones).</summary>
    private async Task<Prepared> PrepareAsync(string messageText, AlertStore alerts, NoticeStore notices, CancellationToken cancellationToken)
    {
        if (Notice.TryFromJson(messageText) is { } notice)
        {
            return await PrepareNoticeAsync(notice, notices, cancellationToken);
        }

        var alert = RiskAlert.FromJson(messageText);
        var delivery = await alerts.DeliveryAsync(alert.Key, cancellationToken);
        if (delivery == AlertDelivery.Sent)
        {
            return Prepared.Done(DispatchStatus.AlreadySent);
        }

        var message = AlertMessages.Build(alert, options, time.GetUtcNow());
        var messageId = message.MessageId ?? throw new InvalidOperationException("AlertMessages.Build gives every alert its Message-ID.");
        var record = new AlertRecord(alert, message.Subject ?? "", messageId, AlertDelivery.Sending, time.GetUtcNow());
        if (delivery is null or AlertDelivery.Held)
        {
            await alerts.RecordIntentAsync(record, cancellationToken);
        }
        else if (await sender.HoldsAsync(messageId, cancellationToken))
        {
            // An earlier attempt handed it over and stopped before recording it: record it, send nothing.
            await alerts.RecordSentAsync(record with { At = time.GetUtcNow() }, cancellationToken);
            return Prepared.Done(DispatchStatus.AlreadySent);
        }

        return new Prepared(message, ct => alerts.RecordSentAsync(record with { At = time.GetUtcNow() }, ct), DispatchStatus.Sent);
    }

    /// <summary>A notice, by the same steps as an alert: intent, send (unless the sender already holds it), "sent".</summary>
    private async Task<Prepared> PrepareNoticeAsync(Notice notice, NoticeStore notices, CancellationToken cancellationToken)
    {
        var delivery = await notices.DeliveryAsync(notice.Partition, notice.Row, cancellationToken);
        if (delivery == AlertDelivery.Sent)
        {
            return Prepared.Done(DispatchStatus.AlreadySent);
        }

        var message = AlertMessages.Build(notice, options, time.GetUtcNow());
        if (delivery is null)
        {
            await notices.RecordIntentAsync(notice, time.GetUtcNow(), cancellationToken);
        }
        else if (await sender.HoldsAsync(notice.MessageId, cancellationToken))
        {
            await notices.RecordSentAsync(notice, time.GetUtcNow(), cancellationToken);
            return Prepared.Done(DispatchStatus.AlreadySent);
        }

        return new Prepared(message, ct => notices.RecordSentAsync(notice, time.GetUtcNow(), ct), DispatchStatus.Sent);
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

            void Fail(QueueMessage message, Exception ex)
            {
                // The failure is the result: reported to the caller, the message kept for the next attempt.
                failed.Add(new DispatchFailure(message.Id, ex.Message));
                failedIds.Add(message.Id);
            }

            // Each batch in three steps: every intent recorded, then every e-mail sent, then every "sent" recorded; the
            // messages are deleted last. On one writer (a folder) the intents are written together before anything is
            // sent and the "sent" rows together after: one write per partition instead of two per e-mail (an Alerts
            // partition holds a quarter's alerts: written alert by alert, a national run's drain rewrote it thousands of
            // times). A sender that cannot tell what it holds (SMTP) has each "sent" row written at once, so that a
            // crash never makes it send again more than the e-mail in hand. On an account every row is written at once.
            var buffer = storage.SoleWriter ? new PartitionBuffer(storage, null, [StorageNames.Tables.Alerts, StorageNames.Tables.Notices], []) : null;
            var (alerts, notices) = buffer is null ? (_alerts, _notices) : (new AlertStore(buffer), new NoticeStore(buffer));
            var prepared = new List<(QueueMessage Message, Prepared Step)>();
            var repeated = new List<QueueMessage>();
            var inBatch = new HashSet<string>(StringComparer.Ordinal);
            foreach (var message in batch)
            {
                try
                {
                    if (inBatch.Add(KeyOf(message.Text)))
                    {
                        prepared.Add((message, await PrepareAsync(message.Text, alerts, notices, cancellationToken)));
                    }
                    else
                    {
                        repeated.Add(message);
                    }
                }
                catch (Exception ex) when (IsSendFailure(ex))
                {
                    Fail(message, ex);
                }
            }

            await FlushAsync(buffer, cancellationToken);
            var handled = new List<QueueMessage>();
            foreach (var (message, step) in prepared)
            {
                if (step.Message is null)
                {
                    already++;
                    handled.Add(message);
                    continue;
                }

                try
                {
                    await sender.SendAsync(step.Message, cancellationToken);
                    await step.RecordSentAsync(cancellationToken);
                    if (!sender.KnowsWhatItHolds)
                    {
                        await FlushAsync(buffer, cancellationToken);
                    }

                    sent++;
                    handled.Add(message);
                }
                catch (Exception ex) when (IsSendFailure(ex))
                {
                    Fail(message, ex);
                }
            }

            await FlushAsync(buffer, cancellationToken);
            foreach (var message in handled)
            {
                await storage.DeleteMessageAsync(StorageNames.Queues.RiskAlerts, message, cancellationToken);
            }

            // A second message of an e-mail of this batch, once the first is recorded: sent already (or, if the first
            // failed, tried again by itself).
            foreach (var message in repeated)
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
                catch (Exception ex) when (IsSendFailure(ex))
                {
                    Fail(message, ex);
                }
            }
        }
    }

    private static async Task FlushAsync(PartitionBuffer? buffer, CancellationToken cancellationToken)
    {
        if (buffer is not null)
        {
            await buffer.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Which e-mail a message is: its row in Notices or Alerts.</summary>
    private static string KeyOf(string messageText) =>
        Notice.TryFromJson(messageText) is { } notice ? $"notice\t{notice.Partition}\t{notice.Row}" : $"alert\t{AlertIds.Of(RiskAlert.FromJson(messageText).Key)}";

    private static bool IsSendFailure(Exception ex) =>
        ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException
            or System.Security.Authentication.AuthenticationException or ImpactException;
}
