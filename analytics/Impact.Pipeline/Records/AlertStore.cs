using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.Risk;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Records;

/// <summary>An alert as sent to a coach: a row of the Alerts table.</summary>
/// <param name="Alert">The alert (workshop, quarter, level, score, source, coach).</param>
/// <param name="Subject">The e-mail's subject.</param>
/// <param name="SentAt">When the e-mail was handed over (UTC).</param>
public sealed record AlertRecord(RiskAlert Alert, string Subject, DateTimeOffset SentAt);

/// <summary>
/// The Alerts table: partition = quarter (a quarter's alerts, and each coach's count against their capacity, are one
/// query), row = <c>{workshop}~{level}</c> with the level spelled by <see cref="RiskLevels"/>: one row per workshop,
/// quarter and level. The one mapping of <see cref="AlertRecord"/> to a row.
/// </summary>
public sealed class AlertStore(IImpactStorage storage)
{
    /// <summary>Whether the alert of <paramref name="key"/> was sent.</summary>
    public async Task<bool> WasSentAsync(AlertKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await storage.GetRowAsync(StorageNames.Tables.Alerts, key.Quarter.ToString(), RowKey(key), cancellationToken) is not null;
    }

    /// <summary>Records a sent alert; false, changing nothing, when it was recorded already.</summary>
    public Task<bool> RecordAsync(AlertRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var alert = record.Alert;
        return storage.InsertRowAsync(StorageNames.Tables.Alerts, new TableRow(alert.Quarter.ToString(), RowKey(alert.Key), new Dictionary<string, object?>
        {
            ["WorkshopId"] = alert.WorkshopId,
            ["Level"] = RiskLevels.Key(alert.Level),
            ["PreviousLevel"] = alert.PreviousLevel is { } previous ? RiskLevels.Key(previous) : null,
            ["Score"] = alert.Score,
            ["Source"] = alert.Source,
            ["CoachId"] = alert.CoachId,
            ["CoachEmail"] = alert.CoachEmail,
            ["Subject"] = record.Subject,
            ["SentAt"] = record.SentAt,
        }), cancellationToken);
    }

    /// <summary>The alerts sent for <paramref name="quarter"/>.</summary>
    public async Task<IReadOnlySet<AlertKey>> SentInAsync(Quarter quarter, CancellationToken cancellationToken = default)
    {
        var sent = new HashSet<AlertKey>();
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Alerts, quarter.ToString(), null, cancellationToken))
        {
            var at = row.RowKey.LastIndexOf('~');
            if (at > 0 && RiskLevels.Parse(row.RowKey[(at + 1)..]) is { } level)
            {
                sent.Add(new AlertKey(row.RowKey[..at], quarter, level));
            }
        }

        return sent;
    }

    /// <summary>The row key of an alert: <c>{workshop}~{level}</c>.</summary>
    public static string RowKey(AlertKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{key.WorkshopId}~{RiskLevels.Key(key.Level)}";
    }
}
