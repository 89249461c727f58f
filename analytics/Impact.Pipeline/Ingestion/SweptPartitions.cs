using System.Collections.Concurrent;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Ingestion;

/// <summary>
/// The Returns and Submissions partitions of each workshop the ingestion sweep has just handled, as it wrote them:
/// the quarterly run's next stage (reading the current versions) takes them from here instead of reading every
/// workshop's partitions from storage a second time. Filled by
/// <see cref="ReturnIngestion.IngestAllAsync(int, SweptPartitions, IProgress{ValueTuple{int, int}}?, CancellationToken)"/>,
/// one run's worth, then dropped with the run.
/// </summary>
/// <remarks>
/// A workshop is held only when the sweep's writes all landed as buffered (no key taken meanwhile by another writer,
/// see <see cref="PartitionBuffer"/>); otherwise, and for a workshop without uploads, the reader goes to storage. On an
/// account where the upload function writes at the same time, what is held is the partition as of the sweep: the run
/// sees the state it has just ingested, and a version added a moment later is the next run's, as it would be a moment
/// before the stage read it.
/// </remarks>
public sealed class SweptPartitions
{
    private readonly ConcurrentDictionary<(string Table, string WorkshopId), IReadOnlyList<TableRow>> _rows = new();

    /// <summary>The workshops held (each with both tables).</summary>
    public int Count => _rows.Count / 2;

    /// <summary>A workshop's rows of <paramref name="table"/> in row-key order, or null when the sweep did not leave them.</summary>
    public IReadOnlyList<TableRow>? Rows(string table, string workshopId) => _rows.GetValueOrDefault((table, workshopId));

    internal void Hold(string workshopId, IReadOnlyList<TableRow> returns, IReadOnlyList<TableRow> submissions)
    {
        _rows[(StorageNames.Tables.Returns, workshopId)] = returns;
        _rows[(StorageNames.Tables.Submissions, workshopId)] = submissions;
    }
}
