using Impact.Analytics;
using Impact.Analytics.Risk;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Records;

/// <summary>
/// The RiskScores table: partition = quarter (a quarter's national view is one query), row = workshop. The one mapping
/// of <see cref="RiskScore"/> to a row: the level spelled by <see cref="RiskLevels"/>, the reasons joined as in
/// risk/scores.csv (<see cref="RiskScoreCsv.ReasonSeparator"/>).
/// </summary>
public sealed class RiskScoreStore(IImpactStorage storage)
{
    /// <summary>Records the scores of a run (a rerun replaces them).</summary>
    public Task UpsertAsync(IReadOnlyCollection<RiskScore> scores, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new ChangedRows(storage).UpsertAsync(StorageNames.Tables.RiskScores, [.. scores.Select(ToRow)], cancellationToken);
    }

    /// <summary>The newest score of a workshop at <paramref name="from"/> or up to <paramref name="lookBackQuarters"/> before it, or null.</summary>
    public async Task<RiskScore?> LatestAsync(string workshopId, Quarter from, int lookBackQuarters, CancellationToken cancellationToken = default)
    {
        for (var back = 0; back <= lookBackQuarters; back++)
        {
            if (await storage.GetRowAsync(StorageNames.Tables.RiskScores, from.AddQuarters(-back).ToString(), workshopId, cancellationToken) is { } row)
            {
                return FromRow(row);
            }
        }

        return null;
    }

    private static TableRow ToRow(RiskScore score) => new(score.Quarter.ToString(), score.WorkshopId, new Dictionary<string, object?>
    {
        ["Score"] = score.Score,
        ["Level"] = RiskLevels.Key(score.Level),
        ["Source"] = score.Source,
        ["Reasons"] = string.Join(RiskScoreCsv.ReasonSeparator, score.Reasons),
    });

    private static RiskScore FromRow(TableRow row) => new(
        row.RowKey,
        Quarter.Parse(row.PartitionKey),
        row.Properties.GetValueOrDefault("Score") is double score ? score : 0,
        RiskLevels.Parse(row.GetString("Level"))
            ?? throw new ImpactException($"Score de risque illisible : {StorageNames.Tables.RiskScores} {row.PartitionKey}/{row.RowKey}, niveau « {row.GetString("Level")} » (attendu green, amber ou red)."),
        row.GetString("Source") ?? RiskSources.Scorecard,
        row.GetString("Reasons") is { Length: > 0 } reasons ? reasons.Split(RiskScoreCsv.ReasonSeparator) : []);
}
