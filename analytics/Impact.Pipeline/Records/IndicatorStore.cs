using Impact.Analytics.Indicators;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Records;

/// <summary>
/// The Indicators table: partition = quarter (a quarter's national view is one query), row = workshop, one property per
/// stable key of indicators.csv (<see cref="IndicatorSet.ToColumns"/>), as invariant text (lossless).
/// </summary>
public sealed class IndicatorStore(IImpactStorage storage)
{
    /// <summary>Records the indicator sets of a run (a rerun replaces them).</summary>
    public Task UpsertAsync(IReadOnlyCollection<IndicatorSet> sets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sets);
        // Only the rows that differ from the last run's (ChangedRows): after one corrected return, that workshop's.
        return new ChangedRows(storage).UpsertAsync(StorageNames.Tables.Indicators,
            [.. sets.Select(s => new TableRow(s.Quarter.ToString(), s.WorkshopId, s.ToColumns().ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal)))],
            cancellationToken);
    }
}
