using Impact.Analytics.FollowUp;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Records;

/// <summary>A notice as recorded: who got what, when.</summary>
/// <param name="Partition">The workshop or coach it concerns.</param>
/// <param name="Row">What it was about (<c>{kind}~{what}</c>).</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Recipient">The address it was sent to.</param>
/// <param name="Subject">The e-mail's subject.</param>
/// <param name="Delivery">Being sent, or sent.</param>
/// <param name="At">When the intent was recorded, or the e-mail accepted (UTC).</param>
public sealed record NoticeRecord(string Partition, string Row, NoticeKind Kind, string Recipient, string Subject, AlertDelivery Delivery, DateTimeOffset At);

/// <summary>
/// The Notices table: partition = the workshop or coach a notice concerns, row = <c>{kind}~{what}</c>. One row per
/// notice, written first as the intent (<see cref="AlertDelivery.Sending"/>), then as sent: the same protocol as the
/// Alerts table, so a replayed message sends nothing twice.
/// </summary>
public sealed class NoticeStore(IImpactStorage storage)
{
    /// <summary>Where a notice stands: null when no attempt was ever made.</summary>
    public async Task<AlertDelivery?> DeliveryAsync(string partition, string row, CancellationToken cancellationToken = default)
    {
        var found = await storage.GetRowAsync(StorageNames.Tables.Notices, partition, row, cancellationToken);
        return found is null ? null : Enum.TryParse<AlertDelivery>(found.GetString("Delivery"), out var delivery) ? delivery : AlertDelivery.Sent;
    }

    /// <summary>Records the intent to send; false, changing nothing, when an attempt was recorded before.</summary>
    public Task<bool> RecordIntentAsync(Notice notice, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        storage.InsertRowAsync(StorageNames.Tables.Notices, ToRow(notice, AlertDelivery.Sending, at), cancellationToken);

    /// <summary>Records that the e-mail was accepted.</summary>
    public Task RecordSentAsync(Notice notice, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        storage.UpsertRowAsync(StorageNames.Tables.Notices, ToRow(notice, AlertDelivery.Sent, at), cancellationToken);

    /// <summary>The notices of one workshop or coach, by row key; with a prefix (<c>reminder-</c>), only those.</summary>
    public async Task<IReadOnlyList<NoticeRecord>> OfAsync(string partition, string? rowPrefix = null, CancellationToken cancellationToken = default)
    {
        var records = new List<NoticeRecord>();
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Notices, partition, rowPrefix, cancellationToken))
        {
            var delivery = Enum.TryParse<AlertDelivery>(row.GetString("Delivery"), out var d) ? d : AlertDelivery.Sent;
            records.Add(new NoticeRecord(row.PartitionKey, row.RowKey, Enum.TryParse<NoticeKind>(row.GetString("Kind"), out var kind) ? kind : NoticeKind.CoachDigest,
                row.GetString("Recipient") ?? "", row.GetString("Subject") ?? "", delivery,
                row.Properties.TryGetValue(delivery == AlertDelivery.Sent ? "SentAt" : "AttemptedAt", out var at) && at is DateTimeOffset when ? when : DateTimeOffset.MinValue));
        }

        return records;
    }

    private static TableRow ToRow(Notice notice, AlertDelivery delivery, DateTimeOffset at) => new(notice.Partition, notice.Row, new Dictionary<string, object?>
    {
        ["Kind"] = notice.Kind.ToString(),
        ["Recipient"] = notice.Recipient,
        ["Subject"] = notice.Subject,
        ["MessageId"] = notice.MessageId,
        ["Delivery"] = delivery.ToString(),
        [delivery == AlertDelivery.Sent ? "SentAt" : "AttemptedAt"] = at,
    });
}
