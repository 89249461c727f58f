using System.Globalization;
using Impact.Analytics.Returns;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Records;

/// <summary>Who sent an upload and how; <see cref="Account"/> is null for a direct upload.</summary>
/// <param name="Channel">How it arrived.</param>
/// <param name="Account">The signed-in account (registry/accounts.csv), or null when nobody signed in.</param>
public sealed record Uploader(UploadChannel Channel, string? Account)
{
    /// <summary>An upload written to storage directly: nobody known.</summary>
    public static Uploader Direct { get; } = new(UploadChannel.Direct, null);
}

/// <summary>
/// The Uploads table: what the HTTP side knows of an upload before ingestion reads it. Partition = the workshop;
/// row <c>{quarter}~{sha256}</c> for a file received by the API or the form (written before the blob, so the blob event
/// finds it), row <c>url~{file}~{issued}</c> for an upload URL issued to an account. Ingestion copies the uploader into the
/// upload's Submissions row; an upload that matches neither was written to storage directly, and its row says so.
/// </summary>
public sealed class UploadStore(IImpactStorage storage)
{
    /// <summary>Records that <paramref name="uploader"/> sent this content (<paramref name="contentSha256"/>) for the return at <paramref name="path"/>, at <paramref name="at"/>.</summary>
    public Task RecordUploadAsync(ReturnPath path, string contentSha256, Uploader uploader, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(uploader);
        return storage.UpsertRowAsync(StorageNames.Tables.Uploads, new TableRow(path.WorkshopId, $"{path.Quarter}~{contentSha256}", new Dictionary<string, object?>
        {
            ["Account"] = uploader.Account,
            ["Channel"] = UploadChannels.Key(uploader.Channel),
            ["At"] = at,
        }), cancellationToken);
    }

    /// <summary>Records an upload URL for <paramref name="path"/> issued to <paramref name="account"/>, valid from <paramref name="startsOn"/> to <paramref name="expiresOn"/>.</summary>
    public Task RecordUploadUrlAsync(ReturnPath path, string account, DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var row = string.Create(CultureInfo.InvariantCulture, $"{UrlPrefix(path)}{startsOn.UtcTicks:D19}");
        return storage.UpsertRowAsync(StorageNames.Tables.Uploads, new TableRow(path.WorkshopId, row, new Dictionary<string, object?>
        {
            ["Account"] = account,
            ["Channel"] = UploadChannels.Key(UploadChannel.SignedUrl),
            ["StartsOn"] = startsOn,
            ["ExpiresOn"] = expiresOn,
        }), cancellationToken);
    }

    /// <summary>
    /// Who sent the upload of <paramref name="path"/> with this content, received at <paramref name="receivedAt"/>: the
    /// API or form upload of that content, else the most recent upload URL for that file valid at that time, else nobody
    /// (a direct upload).
    /// </summary>
    public async Task<Uploader> FindAsync(ReturnPath path, string contentSha256, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (await storage.GetRowAsync(StorageNames.Tables.Uploads, path.WorkshopId, $"{path.Quarter}~{contentSha256}", cancellationToken) is { } sent
            && UploadChannels.Parse(sent.GetString("Channel")) is { } channel)
        {
            return new Uploader(channel, sent.GetString("Account"));
        }

        Uploader? signed = null;
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Uploads, path.WorkshopId, UrlPrefix(path), cancellationToken))
        {
            // Rows sort by issue time: the last one whose window holds the receipt wins.
            if (row.Properties.GetValueOrDefault("StartsOn") is DateTimeOffset from && row.Properties.GetValueOrDefault("ExpiresOn") is DateTimeOffset to
                && receivedAt >= from && receivedAt <= to)
            {
                signed = new Uploader(UploadChannel.SignedUrl, row.GetString("Account"));
            }
        }

        return signed ?? Uploader.Direct;
    }

    private static string UrlPrefix(ReturnPath path) => $"url~{path.Quarter}.{path.Format.Extension()}~";
}
