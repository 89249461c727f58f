using System.Security.Cryptography;
using System.Text;
using Impact.Analytics;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Registry;

/// <summary>A reference file as read: the value in use and, when the stored file was refused, why and which version serves instead.</summary>
/// <param name="Value">What is in use.</param>
/// <param name="Refusal">Why the stored file was refused (French), or null when it is the one in use.</param>
/// <param name="VersionInUse">The kept version in use instead (<c>reports/_reference/…</c>), or null.</param>
public sealed record ReferenceRead<T>(T Value, string? Refusal, string? VersionInUse);

/// <summary>Where the versions of the reference files are kept.</summary>
public static class ReferenceFiles
{
    /// <summary>The prefix of a file's kept versions in the reports container: <c>_reference/workshops.csv/</c>.</summary>
    public static string VersionsPrefix(string file) => $"_reference/{file}/";
}

/// <summary>
/// A file the ministry maintains in the registry container (<c>workshops.csv</c>, <c>outcomes.csv</c>, <c>accounts.csv</c>),
/// validated like a return: every version seen is kept in <c>reports/_reference/{file}/{time}-{sha}.csv</c>; a version
/// that does not parse gets its French report beside it (<c>….rapport.txt</c>) and the newest version that parsed stays
/// in use, so a bad edit never stops ingestion, the run or the sign-in. Parsed once per change (as <see cref="CachedBlob{T}"/>).
/// </summary>
/// <remarks>
/// With <paramref name="keepVersions"/> false (a dry run), nothing is written; an earlier valid version still serves.
/// Kept versions expire with the reports container (<see cref="Analytics.Settings.RetentionOptions.ReportDays"/>), except
/// the one in use: it is written again once it is <see cref="RefreshAfter"/> old, so the fallback never expires while it serves.
/// </remarks>
public sealed class ReferenceFile<T>(IImpactStorage storage, string name, Func<ReadOnlyMemory<byte>, T> parse, bool keepVersions = true, TimeProvider? time = null) where T : class
{
    /// <summary>Age at which the kept copy of the version in use is written again (well under the shortest retention, 30 days).</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromDays(7);

    /// <summary>How long a parsed file is served from memory before its kept copy is checked again.</summary>
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromDays(1);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private Cached? _cached;

    /// <summary>The file in use, or null when none was ever stored.</summary>
    /// <exception cref="ImpactException">The stored file does not parse and no earlier version did.</exception>
    public async Task<ReferenceRead<T>?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var info = await storage.GetBlobInfoAsync(StorageNames.Containers.Registry, name, cancellationToken);
        if (info is null)
        {
            return null;
        }

        if (Volatile.Read(ref _cached) is { } hit && hit.Entry == info && _time.GetUtcNow() - hit.CheckedAt < RecheckAfter)
        {
            return hit.Read;
        }

        var blob = await storage.ReadBlobAsync(StorageNames.Containers.Registry, name, cancellationToken);
        if (blob is null)
        {
            return null;
        }

        var version = $"{ReferenceFiles.VersionsPrefix(name)}{blob.Entry.LastModified.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{Convert.ToHexStringLower(SHA256.HashData(blob.Content.Span))[..12]}{Path.GetExtension(name)}";
        ReferenceRead<T> read;
        try
        {
            read = new ReferenceRead<T>(parse(blob.Content), null, null);
            await KeepAsync(version, blob.Content, cancellationToken);
        }
        catch (ImpactException refused)
        {
            await KeepAsync(version, blob.Content, cancellationToken);
            var report = $"Fichier {StorageNames.Containers.Registry}/{name} refusé (reçu le {Impact.Analytics.Dashboard.FrenchFormat.DateTime(blob.Entry.LastModified)}, heure de Paris) : {refused.Message}\n";
            var good = await LastGoodAsync(version, cancellationToken);
            report += good is null
                ? "Aucune version précédente n'est valable : rien ne peut être traité tant que le fichier n'est pas corrigé.\n"
                : $"La version précédente valable reste en service : {StorageNames.Containers.Reports}/{good.Value.Name}.\nCorrigez le fichier puis déposez-le à nouveau.\n";
            if (keepVersions)
            {
                await storage.WriteBlobAsync(StorageNames.Containers.Reports, ReportOf(version), Encoding.UTF8.GetBytes(report), "text/plain; charset=utf-8", cancellationToken);
            }

            if (good is null)
            {
                throw;
            }

            await KeepAsync(good.Value.Name, good.Value.Content, cancellationToken);
            read = new ReferenceRead<T>(good.Value.Value, refused.Message, $"{StorageNames.Containers.Reports}/{good.Value.Name}");
        }

        Volatile.Write(ref _cached, new Cached(blob.Entry, read, _time.GetUtcNow()));
        return read;
    }

    /// <summary>Keeps a version: written when missing, and written again when its copy is <see cref="RefreshAfter"/> old.</summary>
    private async Task KeepAsync(string version, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (!keepVersions)
        {
            return;
        }

        var kept = await storage.GetBlobInfoAsync(StorageNames.Containers.Reports, version, cancellationToken);
        if (kept is null || _time.GetUtcNow() - kept.LastModified >= RefreshAfter)
        {
            await storage.WriteBlobAsync(StorageNames.Containers.Reports, version, content, "text/csv; charset=utf-8", cancellationToken);
        }
    }

    /// <summary>The newest kept version before <paramref name="refused"/> that has no refusal report and parses.</summary>
    private async Task<(string Name, T Value, ReadOnlyMemory<byte> Content)?> LastGoodAsync(string refused, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var entry in storage.ListBlobsAsync(StorageNames.Containers.Reports, ReferenceFiles.VersionsPrefix(name), cancellationToken))
        {
            names.Add(entry.Name);
        }

        var reports = names.Where(n => n.EndsWith(".rapport.txt", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        foreach (var candidate in names.Where(n => n != refused && !n.EndsWith(".txt", StringComparison.Ordinal) && !reports.Contains(ReportOf(n))).OrderDescending(StringComparer.Ordinal))
        {
            if (await storage.ReadBlobAsync(StorageNames.Containers.Reports, candidate, cancellationToken) is { } kept)
            {
                try
                {
                    return (candidate, parse(kept.Content), kept.Content);
                }
                catch (ImpactException)
                {
                    // Kept before the rules changed: look further back.
                }
            }
        }

        return null;
    }

    private static string ReportOf(string version) => Path.ChangeExtension(version, ".rapport.txt");

    private sealed record Cached(BlobEntry Entry, ReferenceRead<T> Read, DateTimeOffset CheckedAt);
}
