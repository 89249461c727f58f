using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.Risk;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Records;

/// <summary>Where an alert's e-mail stands.</summary>
public enum AlertDelivery
{
    /// <summary>The intent is recorded and the e-mail is being handed over; if it stays so, the process stopped in between.</summary>
    Sending,

    /// <summary>The mail server (or the pickup folder) accepted the e-mail.</summary>
    Sent,

    /// <summary>Held back by the coach's capacity: nothing sent; offered again, first, at the next run.</summary>
    Held,
}

/// <summary>An alert as dispatched to a coach: a row of the Alerts table.</summary>
/// <param name="Alert">The alert (workshop, quarter, level, score, source, coach).</param>
/// <param name="Subject">The e-mail's subject.</param>
/// <param name="MessageId">The e-mail's Message-ID, the same at every attempt.</param>
/// <param name="Delivery">Whether the e-mail was accepted, or is being handed over.</param>
/// <param name="At">When the intent was recorded (<see cref="AlertDelivery.Sending"/>) or the e-mail accepted (<see cref="AlertDelivery.Sent"/>), UTC.</param>
public sealed record AlertRecord(RiskAlert Alert, string Subject, string MessageId, AlertDelivery Delivery, DateTimeOffset At);

/// <summary>An alert as the Alerts table holds it, for the coaches' and the ministry's views and the follow-up round.</summary>
/// <param name="Key">Workshop, quarter, level.</param>
/// <param name="WorkshopName">The workshop's name when the alert was decided.</param>
/// <param name="CoachId">Its coach.</param>
/// <param name="CoachEmail">The coach's address.</param>
/// <param name="Score">The score.</param>
/// <param name="Source">What scored it.</param>
/// <param name="Reasons">The reasons, in French.</param>
/// <param name="Delivery">Sent, being sent, or held back by the capacity.</param>
/// <param name="SentAt">When the e-mail was accepted, when it was.</param>
/// <param name="HeldSince">The quarter since which it waited behind the capacity, or null.</param>
public sealed record StoredAlert(AlertKey Key, string WorkshopName, string CoachId, string CoachEmail, double Score, string Source, IReadOnlyList<string> Reasons,
    AlertDelivery Delivery, DateTimeOffset? SentAt, Quarter? HeldSince)
{
    /// <summary>The alert's identity in the API.</summary>
    public string Id => AlertIds.Of(Key);

    /// <summary>When the last attempt to send it was recorded (the intent), when it is still being sent.</summary>
    public DateTimeOffset? AttemptedAt { get; init; }
}

/// <summary>
/// The Alerts table: partition = quarter (a quarter's alerts, and each coach's count against their capacity, are one
/// query), row = <c>{workshop}~{level}</c> with the level spelled by <see cref="RiskLevels"/>: one row per workshop,
/// quarter and level, written first as the intent to send (<see cref="AlertDelivery.Sending"/>), then as sent.
/// The one mapping of <see cref="AlertRecord"/> to a row.
/// </summary>
public sealed class AlertStore(IImpactStorage storage)
{
    /// <summary>Where the alert of <paramref name="key"/> stands: null when no attempt was ever made.</summary>
    public async Task<AlertDelivery?> DeliveryAsync(AlertKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var row = await storage.GetRowAsync(StorageNames.Tables.Alerts, key.Quarter.ToString(), RowKey(key), cancellationToken);
        return row is null ? null : DeliveryOf(row);
    }

    // Rows written before intents were recorded carry no Delivery: they were written after the send.
    private static AlertDelivery DeliveryOf(TableRow row) =>
        Enum.TryParse<AlertDelivery>(row.GetString("Delivery"), out var delivery) ? delivery : AlertDelivery.Sent;

    /// <summary>
    /// Records the intent to send, before anything is sent (replacing a held row); false, changing nothing, when an
    /// attempt was recorded before.
    /// </summary>
    public async Task<bool> RecordIntentAsync(AlertRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var row = ToRow(record with { Delivery = AlertDelivery.Sending });
        if (await storage.InsertRowAsync(StorageNames.Tables.Alerts, row, cancellationToken))
        {
            return true;
        }

        if (await DeliveryAsync(record.Alert.Key, cancellationToken) != AlertDelivery.Held)
        {
            return false;
        }

        await storage.UpsertRowAsync(StorageNames.Tables.Alerts, row, cancellationToken);
        return true;
    }

    /// <summary>Records an alert held back by its coach's capacity (replacing an earlier held row of the same key; never a sent one).</summary>
    public Task RecordHeldAsync(RiskAlert alert, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return RecordHeldAsync([alert], at, cancellationToken);
    }

    /// <summary>
    /// Records the alerts a run holds back, as <see cref="RecordHeldAsync(RiskAlert, DateTimeOffset, CancellationToken)"/>
    /// does each: each quarter's partition read once and written once (a run may hold back thousands; one by one, each
    /// would read and write the whole partition).
    /// </summary>
    public async Task RecordHeldAsync(IReadOnlyCollection<RiskAlert> alerts, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var quarter in alerts.GroupBy(a => a.Quarter).OrderBy(g => g.Key))
        {
            var delivered = new Dictionary<string, AlertDelivery>(StringComparer.Ordinal);
            await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Alerts, quarter.Key.ToString(), null, cancellationToken))
            {
                delivered[row.RowKey] = DeliveryOf(row);
            }

            var held = quarter
                .Where(a => !delivered.TryGetValue(RowKey(a.Key), out var delivery) || delivery == AlertDelivery.Held)
                .Select(a => ToRow(new AlertRecord(a, "", "", AlertDelivery.Held, at)))
                .DistinctBy(r => r.RowKey, StringComparer.Ordinal)
                .ToList();
            if (held.Count > 0)
            {
                await storage.UpsertRowsAsync(StorageNames.Tables.Alerts, held, cancellationToken);
            }
        }
    }

    /// <summary>Records that the e-mail was accepted (replacing the intent).</summary>
    public Task RecordSentAsync(AlertRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return storage.UpsertRowAsync(StorageNames.Tables.Alerts, ToRow(record with { Delivery = AlertDelivery.Sent }), cancellationToken);
    }

    private static TableRow ToRow(AlertRecord record)
    {
        var alert = record.Alert;
        return new TableRow(alert.Quarter.ToString(), RowKey(alert.Key), new Dictionary<string, object?>
        {
            ["WorkshopId"] = alert.WorkshopId,
            ["Level"] = RiskLevels.Key(alert.Level),
            ["PreviousLevel"] = alert.PreviousLevel is { } previous ? RiskLevels.Key(previous) : null,
            ["Score"] = alert.Score,
            ["Source"] = alert.Source,
            ["CoachId"] = alert.CoachId,
            ["CoachEmail"] = alert.CoachEmail,
            ["Subject"] = record.Subject,
            ["MessageId"] = record.MessageId,
            ["Delivery"] = record.Delivery.ToString(),
            ["WorkshopName"] = alert.WorkshopName,
            ["Reasons"] = string.Join('\n', alert.Reasons),
            ["HeldSince"] = alert.HeldSince?.ToString(),
            [record.Delivery switch { AlertDelivery.Sent => "SentAt", AlertDelivery.Held => "HeldAt", _ => "AttemptedAt" }] = record.At,
        });
    }

    /// <summary>
    /// The alerts of <paramref name="quarters"/>: sent or being sent (they count against capacity and are not queued
    /// again), and held back; by quarter, then row key.
    /// </summary>
    public async Task<IReadOnlyList<PastAlert>> HistoryAsync(IEnumerable<Quarter> quarters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        var history = new List<PastAlert>();
        foreach (var quarter in quarters.Distinct().Order())
        {
            await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Alerts, quarter.ToString(), null, cancellationToken))
            {
                var at = row.RowKey.LastIndexOf('~');
                if (at > 0 && RiskLevels.Parse(row.RowKey[(at + 1)..]) is { } level)
                {
                    history.Add(new PastAlert(new AlertKey(row.RowKey[..at], quarter, level), row.GetString("Delivery") == nameof(AlertDelivery.Held)));
                }
            }
        }

        return history;
    }

    /// <summary>The alerts of <paramref name="quarters"/> with what the Alerts table holds of each, by quarter, then row key.</summary>
    public async Task<IReadOnlyList<StoredAlert>> RecordsAsync(IEnumerable<Quarter> quarters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quarters);
        var records = new List<StoredAlert>();
        foreach (var quarter in quarters.Distinct().Order())
        {
            await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Alerts, quarter.ToString(), null, cancellationToken))
            {
                var at = row.RowKey.LastIndexOf('~');
                if (at <= 0 || RiskLevels.Parse(row.RowKey[(at + 1)..]) is not { } level)
                {
                    continue;
                }

                var delivery = Enum.TryParse<AlertDelivery>(row.GetString("Delivery"), out var d) ? d : AlertDelivery.Sent;
                records.Add(new StoredAlert(
                    new AlertKey(row.RowKey[..at], quarter, level),
                    row.GetString("WorkshopName") ?? row.RowKey[..at],
                    row.GetString("CoachId") ?? "",
                    row.GetString("CoachEmail") ?? "",
                    row.Properties.GetValueOrDefault("Score") is double score ? score : 0,
                    row.GetString("Source") ?? "",
                    (row.GetString("Reasons") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
                    delivery,
                    row.Properties.GetValueOrDefault("SentAt") as DateTimeOffset?,
                    Quarter.TryParse(row.GetString("HeldSince"), out var since) ? since : null)
                {
                    AttemptedAt = row.Properties.GetValueOrDefault("AttemptedAt") as DateTimeOffset?,
                });
            }
        }

        return records;
    }

    /// <summary>The row key of an alert: <c>{workshop}~{level}</c>.</summary>
    public static string RowKey(AlertKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{key.WorkshopId}~{RiskLevels.Key(key.Level)}";
    }
}
