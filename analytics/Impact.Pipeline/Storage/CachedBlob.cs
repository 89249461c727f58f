namespace Impact.Pipeline.Storage;

/// <summary>
/// A blob parsed once and parsed again only when it changes (its size or time): the registry, the accounts, the latest
/// run's indicators. A long-lived function instance or <c>impact serve</c> reads such a file once per change, not once
/// per request. Two callers racing on a change may both parse it; the result is the same, so no lock is needed.
/// </summary>
/// <typeparam name="T">What the blob parses into.</typeparam>
public sealed class CachedBlob<T>(IImpactStorage storage, string container, string name, Func<ReadOnlyMemory<byte>, T> parse) where T : class
{
    private Cached? _cached;

    /// <summary>The parsed blob, or null when it does not exist.</summary>
    /// <exception cref="Analytics.ImpactException">The parser refused the blob (its message says why, in French).</exception>
    public async Task<T?> GetAsync(CancellationToken cancellationToken = default)
    {
        var info = await storage.GetBlobInfoAsync(container, name, cancellationToken);
        if (info is null)
        {
            return null;
        }

        if (Volatile.Read(ref _cached) is { } hit && hit.Entry == info)
        {
            return hit.Value;
        }

        var blob = await storage.ReadBlobAsync(container, name, cancellationToken);
        if (blob is null)
        {
            return null;
        }

        var value = parse(blob.Content);
        Volatile.Write(ref _cached, new Cached(blob.Entry, value));
        return value;
    }

    private sealed record Cached(BlobEntry Entry, T Value);
}
