using System.Text;
using Impact.Analytics;
using Impact.Analytics.Registry;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Registry;

/// <summary>
/// The registry of workshops (<c>registry/workshops.csv</c>), read once and re-read only when the blob changes
/// (<see cref="CachedBlob{T}"/>): ingestion of thousands of returns, or a long-lived function instance, parses it once.
/// </summary>
public sealed class RegistrySource(IImpactStorage storage)
{
    private readonly CachedBlob<WorkshopRegistry> _blob = new(storage, StorageNames.Containers.Registry, StorageNames.Blobs.Workshops,
        content => WorkshopRegistry.Read(Encoding.UTF8.GetString(content.Span)));

    /// <summary>The current registry.</summary>
    /// <exception cref="ImpactException">The registry is absent or malformed.</exception>
    public async Task<WorkshopRegistry> GetAsync(CancellationToken cancellationToken = default) =>
        await _blob.GetAsync(cancellationToken)
            ?? throw new ImpactException($"Registre des manufactures absent : {StorageNames.Containers.Registry}/{StorageNames.Blobs.Workshops}.");

    /// <summary>The current registry, or null when none is stored (a dry run then applies no registry rule).</summary>
    /// <exception cref="ImpactException">The registry is malformed.</exception>
    public Task<WorkshopRegistry?> FindAsync(CancellationToken cancellationToken = default) => _blob.GetAsync(cancellationToken);
}
