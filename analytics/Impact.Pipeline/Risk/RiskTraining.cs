using System.Globalization;
using Impact.Analytics;
using Impact.Analytics.Risk;
using Impact.Analytics.Settings;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Run;

namespace Impact.Pipeline.Risk;

/// <summary>What a training run decided.</summary>
/// <param name="Version">The stored version (<c>models/risk/{version}/</c>).</param>
/// <param name="Promoted">Whether it went into service.</param>
/// <param name="Metrics">Its figures, the baselines' beside them; null when it could not train.</param>
/// <param name="Reason">Why it was or was not promoted, or why it did not train: « pas entraîné : … » (French).</param>
/// <param name="InService">The version in service after the run, if any.</param>
public sealed record TrainingOutcome(string Version, bool Promoted, RiskMetrics? Metrics, string Reason, string? InService)
{
    /// <summary>Training ran (false: too little data, recorded as not-trained.json).</summary>
    public bool Trained => Metrics is not null;
}

/// <summary>
/// The use case "train the risk model": ingest what is new, build every workshop's history up to the last ended
/// quarter, train and evaluate on grouped out-of-fold data with the source in service measured in the same folds, store
/// the version, and put it in service only when its choice beats what serves (<see cref="RiskMetrics.PromotionOver"/>).
/// Too little data is a result, not an error: the run records « pas entraîné » and what serves keeps serving.
/// </summary>
public sealed class RiskTraining(Impact.Pipeline.Storage.IImpactStorage storage, TimeProvider time, RunOptions runOptions, ReportingOptions reporting, RiskOptions riskOptions,
    FollowUpOptions? followUpOptions = null, Alerts.AlertOptions? alertOptions = null)
{
    // Training ingests what is new as the run does: a rejected upload's workshop is told, whichever ingests it first.
    private readonly ReturnIngestion _ingestion = new(storage, time, reporting, followUpOptions, alertOptions);
    private readonly RegistrySource _registry = new(storage);
    private readonly WorkshopRecords _records = new(storage, reporting);
    private readonly RiskModelStore _models = new(storage);

    /// <summary>Trains on everything observed up to <paramref name="lastObserved"/> (default: the last ended quarter).</summary>
    public async Task<TrainingOutcome> TrainAsync(Quarter? lastObserved = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var last = lastObserved ?? Quarter.FromDate(DateOnly.FromDateTime(now.UtcDateTime)).AddQuarters(-1);
        await _ingestion.IngestAllAsync(runOptions.Parallelism, null, cancellationToken);
        var registry = await _registry.GetAsync(cancellationToken);
        var histories = await _records.LoadAsync(registry, last, runOptions.Parallelism, null, cancellationToken);
        var current = await _models.CurrentAsync(cancellationToken);
        var result = RiskModelTrainer.Train(histories, last, riskOptions, current?.Metrics);

        var version = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        if (!result.Trained)
        {
            await _models.SaveAsync(version, result, promote: false, cancellationToken);
            return new TrainingOutcome(version, false, null, result.NotTrained.Reason, current?.Version);
        }

        var (promote, reason) = result.Metrics.PromotionOver(current?.Metrics, current?.Version);
        await _models.SaveAsync(version, result, promote, cancellationToken);
        return new TrainingOutcome(version, promote, result.Metrics, reason, promote ? version : current?.Version);
    }
}
