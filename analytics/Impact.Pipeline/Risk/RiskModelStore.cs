using System.Globalization;
using System.Text;
using System.Text.Json;
using Impact.Analytics.Risk;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Risk;

/// <summary>A stored training version: what it serves (its learned model, or its better baseline calibrated) and its metrics.</summary>
/// <param name="Version">The version (<c>models/risk/{version}/</c>).</param>
/// <param name="Serving">What scores while it is in service.</param>
/// <param name="Metrics">Its metrics.json.</param>
public sealed record StoredRiskModel(string Version, RiskServing Serving, RiskMetrics Metrics);

/// <summary>
/// The model registry in the models container: <c>risk/{version}/model.zip</c> and <c>risk/{version}/metrics.json</c>
/// for every trained version (<c>risk/{version}/not-trained.json</c> for a run that could not train), and
/// <c>risk/current.json</c> naming the version in service. Its model (when the learned model serves) is loaded once and
/// kept until current.json changes (a function instance loads it on first use, not at start-up).
/// </summary>
public sealed class RiskModelStore(IImpactStorage storage)
{
    private const string CurrentBlob = "risk/current.json";
    private Cached? _cached;

    /// <summary>
    /// The version in service, or null when none is, or when it was trained on another feature vector than this code
    /// computes (it cannot score; the scorecard serves, uncalibrated, until the next training replaces it).
    /// </summary>
    public async Task<StoredRiskModel?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var pointer = await storage.GetBlobInfoAsync(StorageNames.Containers.Models, CurrentBlob, cancellationToken);
        if (pointer is null)
        {
            return null;
        }

        if (Volatile.Read(ref _cached) is { } hit && hit.Pointer == pointer)
        {
            return hit.Model;
        }

        var current = await storage.ReadBlobAsync(StorageNames.Containers.Models, CurrentBlob, cancellationToken);
        if (current is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(current.Content);
        var version = json.RootElement.GetProperty("version").GetString()!;
        var metrics = await ReadMetricsAsync(version, cancellationToken);
        var model = metrics.Features.SequenceEqual(RiskFeatureCatalog.SlotNames, StringComparer.Ordinal) ? await ReadAsync(version, metrics, cancellationToken) : null;
        Volatile.Write(ref _cached, new Cached(current.Entry, model));
        return model;
    }

    /// <summary>Reads one stored version (its model.zip only when its learned model serves).</summary>
    public async Task<StoredRiskModel> ReadAsync(string version, CancellationToken cancellationToken = default) =>
        await ReadAsync(version, await ReadMetricsAsync(version, cancellationToken), cancellationToken);

    private async Task<StoredRiskModel> ReadAsync(string version, RiskMetrics metrics, CancellationToken cancellationToken)
    {
        RiskModel? model = null;
        if (string.Equals(metrics.ChosenSource, RiskSources.Model, StringComparison.Ordinal))
        {
            var zip = await storage.ReadBlobAsync(StorageNames.Containers.Models, $"risk/{version}/model.zip", cancellationToken)
                ?? throw new Analytics.ImpactException($"Version {version} du modèle de risque incomplète : models/risk/{version}/model.zip manque.");
            using var stream = new MemoryStream(zip.Content.ToArray(), writable: false);
            model = RiskModel.Load(stream);
        }

        return new StoredRiskModel(version, RiskServing.Of(metrics, () => model!, version), metrics);
    }

    /// <summary>Stores a trained version (never overwriting another), and promotes it when asked.</summary>
    public async Task SaveAsync(string version, TrainingResult result, bool promote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Trained)
        {
            // Too little data is a result: it is recorded beside the models, and nothing in service changes.
            await storage.WriteBlobAsync(StorageNames.Containers.Models, $"risk/{version}/not-trained.json", Encoding.UTF8.GetBytes(result.NotTrained.ToJson()), "application/json", cancellationToken);
            return;
        }

        await storage.WriteBlobAsync(StorageNames.Containers.Models, $"risk/{version}/model.zip", result.Model, "application/zip", cancellationToken);
        await storage.WriteBlobAsync(StorageNames.Containers.Models, $"risk/{version}/metrics.json", Encoding.UTF8.GetBytes(result.Metrics.ToJson()), "application/json", cancellationToken);
        if (promote)
        {
            var pointer = string.Create(CultureInfo.InvariantCulture, $"{{\"version\": \"{version}\"}}\n");
            await storage.WriteBlobAsync(StorageNames.Containers.Models, CurrentBlob, Encoding.UTF8.GetBytes(pointer), "application/json", cancellationToken);
        }
    }

    private async Task<RiskMetrics> ReadMetricsAsync(string version, CancellationToken cancellationToken)
    {
        var metrics = await storage.ReadBlobAsync(StorageNames.Containers.Models, $"risk/{version}/metrics.json", cancellationToken)
            ?? throw new Analytics.ImpactException($"Version {version} du modèle de risque incomplète : models/risk/{version}/metrics.json manque.");
        return RiskMetrics.FromJson(Encoding.UTF8.GetString(metrics.Content.Span));
    }

    private sealed record Cached(BlobEntry Pointer, StoredRiskModel? Model);
}
