using System.Globalization;
using Impact.Analytics.FollowUp;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Records;

/// <summary>
/// The FollowUps table: partition = the workshop, row = <c>{alert id}~{recorded at, yyyyMMddHHmmssfffffff}~{n}</c>. Every
/// follow-up is a new row (inserted, never replaced): the history of what was done about an alert, with who and when.
/// </summary>
public sealed class FollowUpStore(IImpactStorage storage)
{
    /// <summary>Records a follow-up (a new row; a second one at the same instant gets the next number).</summary>
    public async Task AddAsync(string workshopId, AlertFollowUp followUp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var stamp = followUp.RecordedAt.UtcDateTime.ToString("yyyyMMddHHmmssfffffff", CultureInfo.InvariantCulture);
        for (var n = 0; ; n++)
        {
            var row = new TableRow(workshopId, $"{followUp.AlertId}~{stamp}~{n.ToString("D3", CultureInfo.InvariantCulture)}", new Dictionary<string, object?>
            {
                ["AlertId"] = followUp.AlertId,
                ["Action"] = FollowUpActions.Key(followUp.Action),
                ["Date"] = followUp.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Note"] = followUp.Note,
                ["By"] = followUp.By,
                ["RecordedAt"] = followUp.RecordedAt,
            });
            if (await storage.InsertRowAsync(StorageNames.Tables.FollowUps, row, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>The follow-ups of one workshop's alerts, oldest first, by alert id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AlertFollowUp>>> OfWorkshopAsync(string workshopId, CancellationToken cancellationToken = default)
    {
        var all = new List<AlertFollowUp>();
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.FollowUps, workshopId, null, cancellationToken))
        {
            if (row.GetString("AlertId") is { } alertId && FollowUpActions.Parse(row.GetString("Action")) is { } action
                && DateOnly.TryParseExact(row.GetString("Date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                all.Add(new AlertFollowUp(alertId, action, date, row.GetString("Note") ?? "", row.GetString("By") ?? "",
                    row.Properties.GetValueOrDefault("RecordedAt") is DateTimeOffset at ? at : DateTimeOffset.MinValue));
            }
        }

        return all.GroupBy(f => f.AlertId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<AlertFollowUp>)[.. g.OrderBy(f => f.RecordedAt)], StringComparer.Ordinal);
    }
}
