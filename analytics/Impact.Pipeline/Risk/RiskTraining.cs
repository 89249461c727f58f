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
/// <param name="Promoted">Whether it became the current model.</param>
/// <param name="Metrics">Its figures, and the scorecard's beside them.</param>
/// <param name="Reason">Why it was or was not promoted (French).</param>
public sealed record TrainingOutcome(string Version, bool Promoted, RiskMetrics Metrics, string Reason);

/// <summary>
/// The use case "train the risk model": ingest what is new, build every workshop's history up to the last ended
/// quarter, train and evaluate on grouped out-of-fold data, store the version, and promote it only when it serves
/// (it beats the scorecard) and beats the current model.
/// </summary>
public sealed class RiskTraining(Impact.Pipeline.Storage.IImpactStorage storage, TimeProvider time, RunOptions runOptions, ReportingOptions reporting, RiskOptions riskOptions)
{
    private readonly ReturnIngestion _ingestion = new(storage, time, reporting);
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
        var result = RiskModelTrainer.Train(histories, last, riskOptions);

        var version = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var current = await _models.CurrentAsync(cancellationToken);
        var (promote, reason) = !result.ServesModel
            ? (false, "le modèle appris ne bat pas la grille de points : la grille sert")
            : current is not null && !result.Metrics.Beats(current.Metrics)
                ? (false, $"le modèle appris ne bat pas le modèle en service ({current.Version})")
                : (true, current is null ? "premier modèle appris qui bat la grille de points" : $"bat le modèle en service ({current.Version})");
        await _models.SaveAsync(version, result, promote, cancellationToken);
        return new TrainingOutcome(version, promote, result.Metrics, reason);
    }
}
