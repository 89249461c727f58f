using System.Globalization;
using System.Text;
using System.Text.Json;
using Impact.Analytics.Risk;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Risk;

/// <summary>A stored model version: the ML.NET model and its metrics.</summary>
public sealed record StoredRiskModel(string Version, RiskModel Model, RiskMetrics Metrics);

/// <summary>
/// The model registry in the models container: <c>risk/{version}/model.zip</c> and <c>risk/{version}/metrics.json</c>
/// for every trained version, and <c>risk/current.json</c> naming the promoted one. The promoted model is loaded once
/// and kept until current.json changes (a function instance loads it on first use, not at start-up).
/// </summary>
public sealed class RiskModelStore(IImpactStorage storage)
{
    private const string CurrentBlob = "risk/current.json";
    private Cached? _cached;

    /// <summary>The promoted model, or null when none is (the scorecard serves).</summary>
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
        var model = await ReadAsync(version, cancellationToken);
        Volatile.Write(ref _cached, new Cached(current.Entry, model));
        return model;
    }

    /// <summary>Reads one stored version.</summary>
    public async Task<StoredRiskModel> ReadAsync(string version, CancellationToken cancellationToken = default)
    {
        var zip = await storage.ReadBlobAsync(StorageNames.Containers.Models, $"risk/{version}/model.zip", cancellationToken)
            ?? throw new Analytics.ImpactException($"Version {version} du modèle de risque incomplète : models/risk/{version}/model.zip manque.");
        var metrics = await storage.ReadBlobAsync(StorageNames.Containers.Models, $"risk/{version}/metrics.json", cancellationToken)
            ?? throw new Analytics.ImpactException($"Version {version} du modèle de risque incomplète : models/risk/{version}/metrics.json manque.");
        using var stream = new MemoryStream(zip.Content.ToArray(), writable: false);
        return new StoredRiskModel(version, RiskModel.Load(stream), RiskMetrics.FromJson(Encoding.UTF8.GetString(metrics.Content.Span)));
    }

    /// <summary>Stores a trained version (never overwriting another), and promotes it when asked.</summary>
    public async Task SaveAsync(string version, TrainingResult result, bool promote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        await storage.WriteBlobAsync(StorageNames.Containers.Models, $"risk/{version}/model.zip", result.Model, "application/zip", cancellationToken);
        await storage.WriteBlobAsync(StorageNames.Containers.Models, $"risk/{version}/metrics.json", Encoding.UTF8.GetBytes(result.Metrics.ToJson()), "application/json", cancellationToken);
        if (promote)
        {
            var pointer = string.Create(CultureInfo.InvariantCulture, $"{{\"version\": \"{version}\"}}\n");
            await storage.WriteBlobAsync(StorageNames.Containers.Models, CurrentBlob, Encoding.UTF8.GetBytes(pointer), "application/json", cancellationToken);
        }
    }

    private sealed record Cached(BlobEntry Pointer, StoredRiskModel Model);
}
