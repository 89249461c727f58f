using System.Text;
using Impact.Analytics;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Risk;
using Impact.Analytics.Settings;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Run;

/// <summary>
/// Reads what storage knows of every workshop up to a quarter: the current version of each quarter's return,
/// what was received when, and the ministry's recorded outcomes. Shared by the quarterly run and risk training.
/// </summary>
public sealed class WorkshopRecords(IImpactStorage storage, ReportingOptions reporting)
{
    private readonly Registry.ReferenceFile<IReadOnlyList<OutcomeRecord>> _outcomes = new(storage, StorageNames.Blobs.Outcomes,
        content => OutcomeCsv.Read(Encoding.UTF8.GetString(content.Span)));

    private readonly ReturnHistory _history = new(storage);
    private readonly SubmissionStore _submissions = new(storage);

    /// <summary>
    /// One history per registry workshop (sorted by identifier): the current versions of the quarters up to
    /// <paramref name="last"/>; accepted quarters received at their first accepted version (a later correction does
    /// not make a quarter late); rejected uploads of quarters never accepted; the outcomes of registry/outcomes.csv.
    /// </summary>
    public Task<IReadOnlyList<WorkshopHistory>> LoadAsync(WorkshopRegistry registry, Quarter last, int parallelism,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default) =>
        LoadAsync(registry, last, parallelism, null, progress, cancellationToken);

    /// <summary>
    /// <see cref="LoadAsync(WorkshopRegistry, Quarter, int, IProgress{ValueTuple{int, int}}?, CancellationToken)"/>, taking
    /// the versions and submissions the ingestion sweep has just left in <paramref name="swept"/> rather than reading them again.
    /// </summary>
    public async Task<IReadOnlyList<WorkshopHistory>> LoadAsync(WorkshopRegistry registry, Quarter last, int parallelism, SweptPartitions? swept,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var outcomes = await ReadOutcomesAsync(cancellationToken);
        var perWorkshop = new (List<QuarterlyReturn> Returns, List<ReceivedReturn> Received)[registry.Workshops.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, registry.Workshops.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                perWorkshop[i] = await LoadOneAsync(registry.Workshops[i].WorkshopId, last, swept, ct);
                progress?.Report((Interlocked.Increment(ref done), registry.Workshops.Count));
            });
        return WorkshopHistory.FromRecords(registry,
            [.. perWorkshop.SelectMany(p => p.Returns)],
            [.. perWorkshop.SelectMany(p => p.Received)],
            [.. outcomes.Where(o => o.Quarter <= last)],
            reporting);
    }

    private async Task<(List<QuarterlyReturn>, List<ReceivedReturn>)> LoadOneAsync(string workshopId, Quarter last, SweptPartitions? swept, CancellationToken cancellationToken)
    {
        var returns = new List<QuarterlyReturn>();
        var received = new List<ReceivedReturn>();
        var held = swept?.Of(workshopId);
        var versions = held?.Versions ?? await _history.CurrentByQuarterAsync(workshopId, cancellationToken);
        foreach (var (current, firstReceivedAt) in versions)
        {
            if (current.Return.Quarter <= last)
            {
                returns.Add(current.Return);
                received.Add(new ReceivedReturn(workshopId, current.Return.Quarter, firstReceivedAt, true, current.Return.Status));
            }
        }

        var acceptedQuarters = returns.Select(r => r.Quarter).ToHashSet();
        var submissions = held is not null ? held.Submissions.ToAsyncEnumerable() : _submissions.OfWorkshopAsync(workshopId, cancellationToken);
        await foreach (var submission in submissions.WithCancellation(cancellationToken))
        {
            // Rejected, or received but never decided (a failure on our side): it arrived, but holds nothing usable.
            if (submission.Status != SubmissionStatus.Accepted
                && submission.Quarter is { } quarter
                && quarter <= last
                && !acceptedQuarters.Contains(quarter))
            {
                received.Add(new ReceivedReturn(workshopId, quarter, submission.ReceivedAt, false, null));
            }
        }

        return (returns, received);
    }

    /// <summary>registry/outcomes.csv (the previous valid version when an edit is refused), or none when the ministry has recorded none yet.</summary>
    private async Task<IReadOnlyList<OutcomeRecord>> ReadOutcomesAsync(CancellationToken cancellationToken) =>
        (await _outcomes.ReadAsync(cancellationToken))?.Value ?? [];
}
