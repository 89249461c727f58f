using System.Text;
using Impact.Analytics;
using Impact.Analytics.Registry;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Registry;

/// <summary>
/// The registry of workshops (<c>registry/workshops.csv</c>), read once and re-read only when the blob changes
/// (its size or time): ingestion of thousands of returns, or a long-lived function instance, parses it once.
/// </summary>
public sealed class RegistrySource(IImpactStorage storage)
{
    // Two callers racing on a change may both parse it; the result is the same, so no lock is needed.
    private Cached? _cached;

    /// <summary>The current registry.</summary>
    /// <exception cref="ImpactException">The registry is absent or malformed.</exception>
    public async Task<WorkshopRegistry> GetAsync(CancellationToken cancellationToken = default)
    {
        var info = await storage.GetBlobInfoAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, cancellationToken)
            ?? throw Absent();
        if (Volatile.Read(ref _cached) is { } hit && hit.Entry == info)
        {
            return hit.Registry;
        }

        var blob = await storage.ReadBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, cancellationToken)
            ?? throw Absent();
        var registry = WorkshopRegistry.Read(Encoding.UTF8.GetString(blob.Content.Span));
        Volatile.Write(ref _cached, new Cached(blob.Entry, registry));
        return registry;
    }

    /// <summary>The current registry, or null when none is stored (a dry run then applies no registry rule).</summary>
    /// <exception cref="ImpactException">The registry is malformed.</exception>
    public async Task<WorkshopRegistry?> FindAsync(CancellationToken cancellationToken = default) =>
        await storage.GetBlobInfoAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, cancellationToken) is null
            ? null
            : await GetAsync(cancellationToken);

    private static ImpactException Absent() =>
        new($"Registre des manufactures absent : {StorageNames.Containers.Registry}/{StorageNames.Blobs.Workshops}.");

    private sealed record Cached(BlobEntry Entry, WorkshopRegistry Registry);
}
