using System.Text;
using Impact.Analytics;
using Impact.Analytics.Registry;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Registry;

/// <summary>
/// The registry of workshops (<c>registry/workshops.csv</c>), read once and re-read only when the blob changes: ingestion
/// of thousands of returns, or a long-lived function instance, parses it once. A malformed edit is refused with its French
/// report and the previous valid version stays in use (<see cref="ReferenceFile{T}"/>).
/// </summary>
/// <remarks>With <paramref name="keepVersions"/> false (a dry run), reading writes nothing; <paramref name="time"/> dates the kept versions' refresh.</remarks>
public sealed class RegistrySource(IImpactStorage storage, bool keepVersions = true, TimeProvider? time = null)
{
    private readonly ReferenceFile<WorkshopRegistry> _file = new(storage, StorageNames.Blobs.Workshops,
        content => WorkshopRegistry.Read(Encoding.UTF8.GetString(content.Span)), keepVersions, time);

    /// <summary>The registry in use.</summary>
    /// <exception cref="ImpactException">The registry is absent, or malformed with no earlier valid version.</exception>
    public async Task<WorkshopRegistry> GetAsync(CancellationToken cancellationToken = default) =>
        (await _file.ReadAsync(cancellationToken))?.Value
            ?? throw new ImpactException($"Registre des manufactures absent : {StorageNames.Containers.Registry}/{StorageNames.Blobs.Workshops}.");

    /// <summary>The registry in use, or null when none is stored (a dry run then applies no registry rule).</summary>
    /// <exception cref="ImpactException">The registry is malformed with no earlier valid version.</exception>
    public async Task<WorkshopRegistry?> FindAsync(CancellationToken cancellationToken = default) => (await _file.ReadAsync(cancellationToken))?.Value;

    /// <summary>Why the stored registry was refused and which version serves instead, or null when it is the one in use (or absent).</summary>
    public async Task<ReferenceRead<WorkshopRegistry>?> StatusAsync(CancellationToken cancellationToken = default) =>
        await _file.ReadAsync(cancellationToken) is { Refusal: not null } refused ? refused : null;
}
