using System.Collections.Concurrent;
using System.Text;
using Impact.Analytics;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Run;

/// <summary>
/// The use case "run a quarter": ingest every uploaded return not yet ingested, then compute the indicators
/// of every workshop and quarter up to the as-of quarter from the current versions, their aggregates, and the
/// completeness and timeliness of returns; write them to the results container and the Indicators table.
/// Idempotent: a rerun on the same inputs changes nothing; a corrected return changes its quarter's indicators.
/// </summary>
public sealed class QuarterRun(IImpactStorage storage, TimeProvider time, RunOptions options)
{
    private const string CsvContentType = "text/csv; charset=utf-8";

    private readonly ReturnIngestion _ingestion = new(storage, time, new IngestionOptions { FollowUpQuarters = options.FollowUpQuarters });
    private readonly ReturnHistory _history = new(storage);
    private readonly RegistrySource _registry = new(storage);

    /// <summary>The default as-of quarter: the last quarter that has ended, by the clock.</summary>
    public Quarter DefaultAsOf() => Quarter.FromDate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).AddQuarters(-1);

    /// <summary>Runs the whole job up to <paramref name="asOf"/> (default: <see cref="DefaultAsOf"/>).</summary>
    public async Task<RunSummary> RunAsync(Quarter? asOf = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var last = asOf ?? DefaultAsOf();
        var stages = new List<StageTiming>();

        var started = time.GetTimestamp();
        var registry = await _registry.GetAsync(cancellationToken);
        var ingested = await IngestAllAsync(progress, cancellationToken);
        stages.Add(new StageTiming("ingestion", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        var (returns, received) = await LoadCurrentAsync(registry, last, progress, cancellationToken);
        stages.Add(new StageTiming("lecture des versions", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        var indicators = IndicatorCalculator.Compute(returns, registry);
        var aggregates = IndicatorAggregates.Compute(indicators);
        var first = registry.Workshops.Count == 0 ? last : registry.Workshops.Min(w => w.LabelledQuarter);
        var completeness = Completeness.Compute(registry, received, first, last,
            new CompletenessOptions { DeadlineDays = options.DeadlineDays, FollowUpQuarters = options.FollowUpQuarters });
        stages.Add(new StageTiming("indicateurs", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        var outputs = new List<string>();
        async Task WriteAsync(string name, string text)
        {
            await storage.WriteBlobAsync(StorageNames.Containers.Results, name, Encoding.UTF8.GetBytes(text), CsvContentType, cancellationToken);
            outputs.Add($"{StorageNames.Containers.Results}/{name}");
        }

        await WriteAsync("indicators/indicators.csv", IndicatorCsv.Write(indicators));
        await WriteAsync("indicators/aggregates.csv", AggregateCsv.Write(aggregates));
        await WriteAsync("completeness/completeness.csv", CompletenessCsv.WriteRows(completeness.Rows));
        await WriteAsync("completeness/missing_by_coach.csv", CompletenessCsv.WriteMissing(completeness.Missing));
        await storage.UpsertRowsAsync(StorageNames.Tables.Indicators, [.. indicators.Select(IndicatorRow)], cancellationToken);
        stages.Add(new StageTiming("écriture", time.GetElapsedTime(started)));

        var national = completeness.National.Where(q => q.Quarter <= last).ToList();
        var summary = new RunSummary
        {
            AsOf = last,
            ReturnsRead = ingested.Count,
            Accepted = ingested.Count(o => o.Status == IngestionStatus.Accepted),
            Rejected = ingested.Count(o => o.Status == IngestionStatus.Rejected),
            Unchanged = ingested.Count(o => o.Status is IngestionStatus.Unchanged or IngestionStatus.Missing),
            IndicatorRows = indicators.Count,
            Completeness = (national.Sum(q => q.Expected), national.Sum(q => q.Received), national.Sum(q => q.OnTime)),
            Stages = stages,
            Outputs = [.. outputs, $"{StorageNames.Containers.Results}/run/summary.json", $"table {StorageNames.Tables.Indicators}"],
        };
        await storage.WriteBlobAsync(StorageNames.Containers.Results, "run/summary.json", summary.ToJson(), "application/json", cancellationToken);
        return summary;
    }

    /// <summary>
    /// Ingests every blob of the returns container: workshops in parallel, each workshop's returns in quarter
    /// order (so that each is compared with its previous quarter).
    /// </summary>
    private async Task<IReadOnlyList<IngestionOutcome>> IngestAllAsync(IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in storage.ListBlobsAsync(StorageNames.Containers.Returns, null, cancellationToken))
        {
            names.Add(blob.Name);
        }

        var byWorkshop = names
            .GroupBy(n => n.Split('/')[0], StringComparer.Ordinal)
            .Select(g => g.Order(StringComparer.Ordinal).ToList())
            .ToList();
        var outcomes = new ConcurrentBag<IngestionOutcome>();
        var done = 0;
        await Parallel.ForEachAsync(byWorkshop, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (blobs, ct) =>
            {
                foreach (var name in blobs)
                {
                    outcomes.Add(await _ingestion.IngestAsync(name, ct));
                    progress?.Report(new RunProgress("ingestion", Interlocked.Increment(ref done), names.Count));
                }
            });
        return [.. outcomes.OrderBy(o => o.BlobName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The current version of each workshop's return for each quarter up to <paramref name="last"/>, and what
    /// was received when: the first accepted version's receipt (a later correction does not make a quarter late)
    /// and rejected uploads (a quarter with only those is still missing).
    /// </summary>
    private async Task<(List<QuarterlyReturn> Returns, List<ReceivedReturn> Received)> LoadCurrentAsync(
        WorkshopRegistry registry, Quarter last, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var perWorkshop = new (List<QuarterlyReturn>, List<ReceivedReturn>)[registry.Workshops.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, registry.Workshops.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var workshopId = registry.Workshops[i].WorkshopId;
                var versions = new List<ReturnVersion>();
                await foreach (var version in _history.AllVersionsAsync(workshopId, ct))
                {
                    if (version.Return.Quarter <= last)
                    {
                        versions.Add(version);
                    }
                }

                var returns = new List<QuarterlyReturn>();
                var received = new List<ReceivedReturn>();
                foreach (var quarter in versions.GroupBy(v => v.Return.Quarter))
                {
                    var current = quarter.MaxBy(v => v.Version)!;
                    returns.Add(current.Return);
                    received.Add(new ReceivedReturn(workshopId, quarter.Key, quarter.Min(v => v.ReceivedAt), true, current.Return.Status));
                }

                var acceptedQuarters = versions.Select(v => v.Return.Quarter).ToHashSet();
                await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Submissions, workshopId, null, ct))
                {
                    if (row.GetString("Status") == "Rejected"
                        && Quarter.TryParse(row.RowKey.Split('~')[0], out var quarter)
                        && quarter <= last
                        && !acceptedQuarters.Contains(quarter)
                        && row.Properties.GetValueOrDefault("ReceivedAt") is DateTimeOffset at)
                    {
                        received.Add(new ReceivedReturn(workshopId, quarter, at, false, null));
                    }
                }

                perWorkshop[i] = (returns, received);
                progress?.Report(new RunProgress("lecture des versions", Interlocked.Increment(ref done), registry.Workshops.Count));
            });
        return ([.. perWorkshop.SelectMany(p => p.Item1)], [.. perWorkshop.SelectMany(p => p.Item2)]);
    }

    /// <summary>An indicator row for the Indicators table: partition = quarter (a quarter's national view is one query), row = workshop.</summary>
    private static TableRow IndicatorRow(IndicatorSet set) =>
        new(set.Quarter.ToString(), set.WorkshopId, set.ToColumns().ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal));
}
