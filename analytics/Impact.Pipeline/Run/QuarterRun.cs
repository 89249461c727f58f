using System.Text;
using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.Dashboard;
using Impact.Analytics.Evaluation;
using Impact.Analytics.Indicators;
using Impact.Analytics.Risk;
using Impact.Analytics.Settings;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Evaluation;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Reads;
using Impact.Pipeline.Records;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Risk;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Run;

/// <summary>
/// The use case "run a quarter": ingest every uploaded return not yet ingested; from the current versions, compute
/// the indicators of every workshop and quarter up to the as-of quarter, their aggregates, and the completeness and
/// timeliness of returns; score the risk of every active workshop (the promoted model, or the scorecard) and queue
/// the alerts the policy allows on <c>risk-alerts</c>. Results go to the results container and the Indicators and
/// RiskScores tables. Idempotent: a rerun on the same inputs changes nothing and alerts no one twice.
/// </summary>
/// <remarks>
/// Every setting comes in as the one record that declares it: <see cref="ReportingOptions"/> (shared with ingestion and
/// training: the same upload is judged the same way by each), <see cref="RunOptions"/>, <see cref="RiskOptions"/> and
/// <see cref="AlertOptions"/>.
/// </remarks>
public sealed class QuarterRun(IImpactStorage storage, TimeProvider time, RunOptions options, ReportingOptions reporting, RiskOptions? riskOptions = null, AlertOptions? alertOptions = null,
    FollowUpOptions? followUpOptions = null)
{
    private const string CsvContentType = "text/csv; charset=utf-8";

    private readonly ReturnIngestion _ingestion = new(storage, time, reporting, followUpOptions, alertOptions);
    private readonly RegistrySource _registry = new(storage);
    private readonly WorkshopRecords _records = new(storage, reporting);
    private readonly RiskModelStore _models = new(storage);
    private readonly ImpactEvaluation _evaluation = new(storage, new EvaluationOptions());
    private readonly AlertStore _sentAlerts = new(storage);
    private readonly IndicatorStore _indicatorRows = new(storage);
    private readonly RiskScoreStore _riskRows = new(storage);
    private readonly RiskOptions _risk = riskOptions ?? RiskOptions.Default;
    private readonly AlertOptions _alerts = alertOptions ?? new AlertOptions();
    private readonly FollowUpOptions _followUp = followUpOptions ?? FollowUpOptions.Default;

    /// <summary>The default as-of quarter: the last quarter that has ended, by the clock.</summary>
    public Quarter DefaultAsOf() => Quarter.FromDate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).AddQuarters(-1);

    /// <summary>Runs the whole job up to <paramref name="asOf"/> (default: <see cref="DefaultAsOf"/>).</summary>
    public async Task<RunSummary> RunAsync(Quarter? asOf = null, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var last = asOf ?? DefaultAsOf();
        var stages = new List<StageTiming>();
        var outputs = new List<string>();

        var started = time.GetTimestamp();
        var registry = await _registry.GetAsync(cancellationToken);
        var refusedRegistry = await _registry.StatusAsync(cancellationToken);
        var swept = new SweptPartitions();
        var ingested = await _ingestion.IngestAllAsync(options.Parallelism, swept, Report(progress, "ingestion"), cancellationToken);
        stages.Add(new StageTiming("ingestion", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        var histories = await _records.LoadAsync(registry, last, options.Parallelism, swept, Report(progress, "lecture des versions"), cancellationToken);
        swept = null; // released with the stage: the histories now hold the versions and receipts the run needs
        stages.Add(new StageTiming("lecture des versions", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        var (indicators, aggregates, completeness) = QuarterFigures.Compute(
            registry, [.. histories.SelectMany(h => h.Returns)], [.. histories.SelectMany(h => h.Received)], last, reporting);
        stages.Add(new StageTiming("indicateurs", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        var model = await _models.CurrentAsync(cancellationToken);
        var serving = model?.Serving ?? RiskServing.Untrained;
        var scores = RiskScorer.Score(histories, last, serving, _risk);
        var previousScores = RiskScorer.Score(histories, last.AddQuarters(-1), serving, _risk);
        var decision = await DecideAlertsAsync(registry, histories, scores, previousScores, last, cancellationToken);
        stages.Add(new StageTiming("risques et alertes", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        var evaluated = await _evaluation.EvaluateAsync(cancellationToken: cancellationToken);
        var evaluation = evaluated?.Results;
        stages.Add(new StageTiming("évaluation d'impact", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        async Task WriteAsync(string name, string text)
        {
            await storage.WriteBlobAsync(StorageNames.Containers.Results, name, Encoding.UTF8.GetBytes(text), CsvContentType, cancellationToken);
            outputs.Add($"{StorageNames.Containers.Results}/{name}");
        }

        await WriteAsync("indicators/indicators.csv", IndicatorCsv.Write(indicators));
        await WriteAsync("indicators/aggregates.csv", AggregateCsv.Write(aggregates));
        await WriteAsync("completeness/completeness.csv", CompletenessCsv.WriteRows(completeness.Rows));
        await WriteAsync("completeness/missing_by_coach.csv", CompletenessCsv.WriteMissing(completeness.Missing));
        await WriteAsync("risk/scores.csv", RiskScoreCsv.Write(scores));
        var heldBack = decision.OverCapacity.Select(a => a.WorkshopId).ToHashSet(StringComparer.Ordinal);
        await WriteAsync("alerts/over_capacity.csv", RiskScoreCsv.Write(scores.Where(s => heldBack.Contains(s.WorkshopId))));
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        // The returns still open (FollowUp:OpenQuarters) whose deadline has passed: older gaps stay in missing_by_coach.csv.
        var open = _followUp.OpenQuartersAt(last).ToHashSet();
        await WriteAsync("alerts/reminders.csv", CompletenessCsv.WriteMissing(completeness.Missing.Where(m => m.Deadline < today && open.Contains(m.Quarter))));
        if (evaluated is not null)
        {
            outputs.AddRange(await _evaluation.WriteAsync(evaluated, cancellationToken));
        }

        stages.Add(new StageTiming("écriture", time.GetElapsedTime(started)));

        started = time.GetTimestamp();
        var input = new SiteInput
        {
            Registry = registry,
            Indicators = indicators,
            Aggregates = aggregates,
            Completeness = completeness,
            AsOf = last,
            Returns = [.. histories.SelectMany(h => h.Returns).Select(SiteReturnExtract.From)],
            // This quarter's scores and the previous one's (the same model): the views show each workshop's trend.
            RiskScores = [.. previousScores.Concat(scores).Select(r => new SiteRiskScore(r.WorkshopId, r.Quarter, RiskLevels.Key(r.Level), r.Score, r.Reasons))],
            Evaluation = SiteEvaluationOf(evaluation),
            Publisher = new SitePublisher(options.ContactEmail, today, options.ReportRetentionDays),
            DeadlineDays = reporting.DeadlineDays,
            FollowUpQuarters = reporting.FollowUpQuarters,
            Simulated = await storage.ReadBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Simulation, cancellationToken) is not null,
        };
        // What the signed-in views are rendered from, on request (private: the results container is never published).
        await storage.WriteBlobAsync(StorageNames.Containers.Results, SiteSnapshot.BlobName, SiteInputJson.Write(input), "application/json", cancellationToken);
        outputs.Add($"{StorageNames.Containers.Results}/{SiteSnapshot.BlobName}");
        if (options.PublishSite)
        {
            // The public site, for the anonymous static website: the scheme under statistical secrecy, nothing of one workshop.
            var site = SiteBuilder.Build(input with { Audience = SiteAudience.Public });
            await Parallel.ForEachAsync(site, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
                async (file, ct) => await storage.WriteBlobAsync(StorageNames.Containers.Web, file.Path, file.Content, file.ContentType, ct));
            outputs.Add($"{StorageNames.Containers.Web}/index.html");
        }

        stages.Add(new StageTiming("site", time.GetElapsedTime(started)));
        started = time.GetTimestamp();

        await _indicatorRows.UpsertAsync([.. indicators], cancellationToken);
        await _riskRows.UpsertAsync([.. scores], cancellationToken);
        foreach (var alert in decision.ToSend)
        {
            await storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, alert.ToJson(), cancellationToken);
        }

        await _sentAlerts.RecordHeldAsync(decision.OverCapacity, time.GetUtcNow(), cancellationToken);

        stages.Add(new StageTiming("tables et file d'alertes", time.GetElapsedTime(started)));

        var national = completeness.National.Where(q => q.Quarter <= last).ToList();
        var summary = new RunSummary
        {
            AsOf = last,
            ReturnsRead = ingested.Count,
            Accepted = ingested.Count(o => o.Status == IngestionStatus.Accepted),
            Rejected = ingested.Count(o => o.Status == IngestionStatus.Rejected),
            Unchanged = ingested.Count(o => o.Status is IngestionStatus.Unchanged or IngestionStatus.Missing),
            Failed = [.. ingested.Where(o => o.Status == IngestionStatus.Failed).Select(o => $"{o.BlobName} ({o.Failure})")],
            IndicatorRows = indicators.Count,
            Completeness = (national.Sum(q => q.Expected), national.Sum(q => q.Received), national.Sum(q => q.OnTime), national.Sum(q => q.TimeUnknown)),
            Risk = (scores.Count(s => s.Level == RiskLevel.Green), scores.Count(s => s.Level == RiskLevel.Amber), scores.Count(s => s.Level == RiskLevel.Red),
                serving.Source, model?.Version),
            AlertsQueued = decision.ToSend.Count,
            ImpactReading = evaluation?.FirstOrDefault(e => e.Summary.Outcome == ImpactEstimator.DefaultOutcome)?.ToFrenchReading(),
            AlertsOverCapacity = decision.OverCapacity.Count,
            NoticesQueued = ingested.Count(o => o.NoticeQueued),
            RegistryRefusal = refusedRegistry is null ? null : $"{refusedRegistry.Refusal} La version précédente valable reste en service : {refusedRegistry.VersionInUse}.",
            Stages = stages,
            Outputs = [.. outputs, $"{StorageNames.Containers.Results}/run/summary.json", $"table {StorageNames.Tables.Indicators}", $"table {StorageNames.Tables.RiskScores}", $"queue {StorageNames.Queues.RiskAlerts}"],
        };
        var located = summary.Outputs.Select(storage.Locate).ToList();
        if (!located.SequenceEqual(summary.Outputs, StringComparer.Ordinal))
        {
            summary = summary with { OutputPaths = located };
        }

        await storage.WriteBlobAsync(StorageNames.Containers.Results, "run/summary.json", summary.ToJson(), "application/json", cancellationToken);
        return summary;
    }

    /// <summary>
    /// The alerts of the quarter: previous levels from the previous quarter's scores (computed with the same model,
    /// so a change of model does not read as a change of risk), alerts sent or held back from the Alerts table, every
    /// quarter since the first support start.
    /// </summary>
    private async Task<AlertDecision> DecideAlertsAsync(Analytics.Registry.WorkshopRegistry registry, IReadOnlyList<WorkshopHistory> histories,
        IReadOnlyList<RiskScore> scores, IReadOnlyList<RiskScore> previousScores, Quarter last, CancellationToken cancellationToken)
    {
        var earliest = registry.Workshops.Count == 0 ? last : Quarter.FromDate(registry.Workshops.Min(w => w.LabelledOn < w.SupportStart ? w.LabelledOn : w.SupportStart));
        var first = earliest < last ? earliest : last;
        var span = last.QuartersSince(first) + 1;
        var history = await _sentAlerts.HistoryAsync(Enumerable.Range(0, span).Select(i => first.AddQuarters(i)), cancellationToken);

        var closed = histories.Where(h => !DistressLabels.IsActive(h, last)).Select(h => h.WorkshopId).ToHashSet(StringComparer.Ordinal);
        var previous = previousScores.ToDictionary(s => s.WorkshopId, s => s.Level, StringComparer.Ordinal);
        return AlertPolicy.Decide(scores, previous, history, registry, closed, _alerts.CapacityPerCoach);
    }

    /// <summary>The dashboard's view of the main outcome's evaluation, or null without a panel.</summary>
    private static SiteEvaluation? SiteEvaluationOf(IReadOnlyList<EvaluationResult>? evaluation)
    {
        var main = evaluation?.FirstOrDefault(e => e.Summary.Outcome == ImpactEstimator.DefaultOutcome);
        return main is null
            ? null
            : new SiteEvaluation(
                [.. main.EventStudy.Select(p => (p.EventTime, p.Estimate, p.CiLow, p.CiHigh))],
                main.Summary.OverallAtt, main.Summary.CiLow, main.Summary.CiHigh, main.ToFrenchReading());
    }

    private static SyncProgress? Report(IProgress<RunProgress>? progress, string stage) =>
        progress is null ? null : new SyncProgress(p => progress.Report(new RunProgress(stage, p.Done, p.Total)));

    /// <summary>Reports synchronously, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
