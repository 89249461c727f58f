using System.Collections.Concurrent;
using Impact.Analytics;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Ingestion;

/// <summary>
/// What the ingestion sweep leaves of each workshop it has just handled, read from the Returns and Submissions
/// partitions as it wrote them: the current version of each quarter and the submissions. The quarterly run's next stage
/// (reading the current versions) takes them from here instead of querying every workshop's partitions a second time
/// (on an account, two requests per workshop). Filled by
/// <see cref="ReturnIngestion.IngestAllAsync(int, SweptPartitions, IProgress{ValueTuple{int, int}}?, CancellationToken)"/>,
/// one run's worth, then dropped with the run. It holds what the histories hold anyway (the current versions, parsed
/// once), not the partitions' rows.
/// </summary>
/// <remarks>
/// A workshop is held only when the sweep's writes all landed as buffered (no key taken meanwhile by another writer,
/// see <see cref="PartitionBuffer"/>), both partitions were read, and every current version reads back; otherwise, and
/// for a workshop without uploads, the reader goes to storage. On an account where the upload function writes at the
/// same time, what is held is the partitions as of the sweep: the run sees the state it has just ingested, and a version
/// added a moment later is the next run's, as it would be had it come a moment after the stage read it.
/// </remarks>
public sealed class SweptPartitions
{
    private readonly ConcurrentDictionary<string, Swept> _workshops = new(StringComparer.Ordinal);

    /// <summary>One workshop as the sweep left it.</summary>
    /// <param name="Versions">The current version of each quarter with its first receipt (<see cref="ReturnHistory.CurrentByQuarterAsync"/>).</param>
    /// <param name="Submissions">Every submission, by row key (<see cref="SubmissionStore.OfWorkshopAsync"/>).</param>
    public sealed record Swept(IReadOnlyList<(ReturnVersion Current, DateTimeOffset FirstReceivedAt)> Versions, IReadOnlyList<SubmissionRecord> Submissions);

    /// <summary>The workshops held.</summary>
    public int Count => _workshops.Count;

    /// <summary>A workshop as the sweep left it, or null when it must be read from storage.</summary>
    public Swept? Of(string workshopId) => _workshops.GetValueOrDefault(workshopId);

    /// <summary>Holds a workshop from its partitions' rows, unless a current version does not read back (then storage answers, and fails, as before).</summary>
    internal void Hold(string workshopId, IReadOnlyList<TableRow> returns, IReadOnlyList<TableRow> submissions)
    {
        try
        {
            _workshops[workshopId] = new Swept(ReturnHistory.CurrentByQuarter(returns), [.. SubmissionStore.OfRows(submissions)]);
        }
        catch (ImpactException)
        {
            // A stored version that no longer reads: the versions stage reads the partition itself and reports it.
        }
    }
}
