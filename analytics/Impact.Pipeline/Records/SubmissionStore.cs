using Impact.Analytics;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Records;

/// <summary>
/// Where an upload stands. Ingestion records <see cref="Received"/> first, before anything else it writes, then
/// one final status; a row still <see cref="Received"/> or <see cref="Failed"/> is taken up again by the next run.
/// </summary>
public enum SubmissionStatus
{
    /// <summary>Read and recorded, not yet decided: ingestion stopped before the end (a crash), the next run finishes it.</summary>
    Received,

    /// <summary>Accepted: it became a version of the Returns table.</summary>
    Accepted,

    /// <summary>Rejected with its report: the workshop is told what to correct.</summary>
    Rejected,

    /// <summary>An unexpected failure on our side (not the file's fault): recorded, retried by the next run.</summary>
    Failed,
}

/// <summary>
/// One upload as ingestion recorded it, accepted or rejected: a row of the Submissions table.
/// Partition = the workshop (or <see cref="SubmissionStore.InvalidPathPartition"/>), row = <see cref="Key"/>.
/// </summary>
/// <param name="Partition">The workshop, or <see cref="SubmissionStore.InvalidPathPartition"/> for a path that names none.</param>
/// <param name="Key">The row key: <c>{quarter}~{sha256}</c>, or a key of the refusal (size, path) for uploads refused unread.</param>
/// <param name="BlobName">The uploaded blob's name in the returns container.</param>
/// <param name="ReceivedAt">When it was received (UTC).</param>
/// <param name="Length">Its size in bytes, when it was read.</param>
/// <param name="ReportBlob">Its own validation report in the reports container (<c>{id}/{quarter}/{submission}.json</c>; rows written before
/// per-submission reports name the quarter's latest, <c>{id}/{quarter}.json</c>).</param>
/// <param name="ContentSha256">SHA-256 of the content, when it was read.</param>
/// <param name="Status">Where it stands: received, then accepted or rejected (or failed, to be retried).</param>
/// <param name="ErrorCount">Errors found.</param>
/// <param name="WarningCount">Warnings found.</param>
/// <param name="Version">The version it became, when accepted.</param>
public sealed record SubmissionRecord(
    string Partition,
    string Key,
    string BlobName,
    DateTimeOffset ReceivedAt,
    long? Length,
    string ReportBlob,
    string? ContentSha256,
    SubmissionStatus Status,
    int ErrorCount,
    int WarningCount,
    int? Version)
{
    /// <summary>How it arrived: the API, the form, an upload URL or directly; null on rows written before uploaders were recorded.</summary>
    public UploadChannel? UploadedVia { get; init; }

    /// <summary>The signed-in account that sent it (registry/accounts.csv), or null for a direct upload.</summary>
    public string? UploadedBy { get; init; }

    /// <summary>The quarter the row key names, or null for an upload refused before its quarter was known.</summary>
    public Quarter? Quarter => Analytics.Quarter.TryParse(Key.Split('~')[0], out var quarter) ? quarter : null;

    /// <summary>This record with its uploader.</summary>
    public SubmissionRecord From(Uploader uploader)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        return this with { UploadedVia = uploader.Channel, UploadedBy = uploader.Account };
    }

    /// <summary>Whether ingestion decided on it (accepted or rejected): a decided upload is not ingested again.</summary>
    public bool IsDecided => Status is SubmissionStatus.Accepted or SubmissionStatus.Rejected;

    /// <summary>The status of a validation's outcome.</summary>
    public static SubmissionStatus StatusOf(ValidationStatus status) =>
        status == ValidationStatus.Accepted ? SubmissionStatus.Accepted : SubmissionStatus.Rejected;
}

/// <summary>The Submissions table, through the storage port: the one mapping of <see cref="SubmissionRecord"/> to a row.</summary>
public sealed class SubmissionStore(IImpactStorage storage)
{
    /// <summary>Submissions partition for uploads whose path names no valid workshop.</summary>
    public const string InvalidPathPartition = "_invalid-path";

    /// <summary>The record under these keys, or null.</summary>
    public async Task<SubmissionRecord?> GetAsync(string partition, string key, CancellationToken cancellationToken = default) =>
        await storage.GetRowAsync(StorageNames.Tables.Submissions, partition, key, cancellationToken) is { } row ? FromRow(row) : null;

    /// <summary>Records a submission unless one with the same keys exists; false when it did.</summary>
    public Task<bool> InsertAsync(SubmissionRecord record, CancellationToken cancellationToken = default) =>
        storage.InsertRowAsync(StorageNames.Tables.Submissions, ToRow(record), cancellationToken);

    /// <summary>Records or replaces a submission.</summary>
    public Task UpsertAsync(SubmissionRecord record, CancellationToken cancellationToken = default) =>
        storage.UpsertRowAsync(StorageNames.Tables.Submissions, ToRow(record), cancellationToken);

    /// <summary>Every submission of a workshop, by row key (quarter, then content).</summary>
    public async IAsyncEnumerable<SubmissionRecord> OfWorkshopAsync(string workshopId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Submissions, workshopId, null, cancellationToken))
        {
            yield return FromRow(row);
        }
    }

    /// <summary><see cref="OfWorkshopAsync"/> on a workshop's Submissions partition already in hand (<see cref="Ingestion.SweptPartitions"/>).</summary>
    public static IEnumerable<SubmissionRecord> OfRows(IEnumerable<TableRow> rows) => rows.Select(FromRow);

    private static TableRow ToRow(SubmissionRecord r) => new(r.Partition, r.Key, new Dictionary<string, object?>
    {
        ["BlobName"] = r.BlobName,
        ["ReceivedAt"] = r.ReceivedAt,
        ["Length"] = r.Length,
        ["ReportBlob"] = r.ReportBlob,
        ["ContentSha256"] = r.ContentSha256,
        ["Status"] = r.Status.ToString(),
        ["ErrorCount"] = r.ErrorCount,
        ["WarningCount"] = r.WarningCount,
        ["Version"] = r.Version,
        ["UploadedVia"] = r.UploadedVia is { } via ? UploadChannels.Key(via) : null,
        ["UploadedBy"] = r.UploadedBy,
    });

    private static SubmissionRecord FromRow(TableRow row) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetString("BlobName") ?? "",
        row.Properties.GetValueOrDefault("ReceivedAt") is DateTimeOffset at ? at : default,
        row.Properties.GetValueOrDefault("Length") switch { long l => l, int i => i, _ => null },
        row.GetString("ReportBlob") ?? "",
        row.GetString("ContentSha256"),
        Enum.TryParse<SubmissionStatus>(row.GetString("Status"), out var status) ? status : SubmissionStatus.Received,
        row.Properties.GetValueOrDefault("ErrorCount") is int e ? e : 0,
        row.Properties.GetValueOrDefault("WarningCount") is int w ? w : 0,
        row.Properties.GetValueOrDefault("Version") is int v ? v : null)
    {
        UploadedVia = UploadChannels.Parse(row.GetString("UploadedVia")),
        UploadedBy = row.GetString("UploadedBy"),
    };
}
