using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Impact.Analytics.FollowUp;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using Impact.Analytics.Settings;
using Impact.Analytics.Validation;
using Impact.Pipeline.Records;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Ingestion;

/// <summary>What ingestion did with an uploaded blob.</summary>
public enum IngestionStatus
{
    /// <summary>Accepted: a new version is current.</summary>
    Accepted,

    /// <summary>Rejected: recorded with its report; the current version, if any, stays.</summary>
    Rejected,

    /// <summary>The same content was already ingested: nothing changed.</summary>
    Unchanged,

    /// <summary>The blob no longer exists (deleted before it was processed): nothing to do.</summary>
    Missing,

    /// <summary>
    /// An unexpected failure on our side while ingesting it (a defect, not the file's fault): recorded as this
    /// upload's failure in Submissions, the rest of the run goes on, and the next run tries it again.
    /// </summary>
    Failed,
}

/// <summary>The result of ingesting one blob, for the caller's log.</summary>
public sealed record IngestionOutcome(
    string BlobName,
    IngestionStatus Status,
    string? WorkshopId,
    string? Quarter,
    int? Version,
    int ErrorCount,
    int WarningCount,
    string? ReportBlob)
{
    /// <summary>What went wrong, for <see cref="IngestionStatus.Failed"/> (for the operators' log, not for the workshop).</summary>
    public string? Failure { get; init; }

    /// <summary>Whether a notice to the workshop (errors, warnings or receipt) was queued.</summary>
    public bool NoticeQueued { get; init; }
}

/// <summary>
/// The use case "ingest a return": an uploaded blob in <c>returns/</c> is read, validated against the
/// registry and the previous quarter, and recorded. Accepted returns become a new version in the Returns
/// table; every upload gets a row in Submissions and its own report, <c>reports/{workshop}/{quarter}/{submission}.json</c>
/// (and <c>.txt</c>, in French), copied to the quarter's latest, <c>reports/{workshop}/{quarter}.json</c>. Idempotent: the same content ingested again changes nothing. Its writes are ordered
/// (Submissions row "received", report, version, final status) so that a crash after any of them is completed by the
/// next ingestion of the upload (docs/guarantees.md).
/// </summary>
/// <remarks>
/// The workshop is told (a <see cref="Notice"/> queued on <c>risk-alerts</c>, sent once by the alert dispatcher) when its
/// upload is rejected or accepted with warnings, and of a clean acceptance only when <see cref="FollowUpOptions.SendReceipts"/>.
/// </remarks>
public sealed class ReturnIngestion(IImpactStorage storage, TimeProvider time, ReportingOptions reporting, FollowUpOptions? followUp = null, Alerts.AlertOptions? alerts = null)
{
    private readonly ReturnHistory _history = new(storage);
    private readonly SubmissionStore _submissions = new(storage);
    private readonly UploadStore _uploads = new(storage);
    // Not readonly: a workshop's ingestion in a sweep shares the sweep's (see ForWorkshop), so the registry is read once.
    private RegistrySource _registry = new(storage, time: time);
    private readonly RegistrySource _dryRunRegistry = new(storage, keepVersions: false, time);

    /// <summary>
    /// Ingests every blob of the returns container: workshops in parallel, each workshop's returns in quarter
    /// order (so that each is compared with its previous quarter). Outcomes sorted by blob name. An upload already
    /// decided is recognised from the listing alone, unread (<see cref="AlreadyDecided"/>): a rerun reads one
    /// Submissions partition and one Returns partition per workshop, and only the blobs that are new or changed.
    /// A workshop's Submissions and Returns partitions are held in memory while its uploads are ingested and written
    /// once after its last one (<see cref="PartitionBuffer"/>); a version number another writer took meanwhile (the
    /// per-upload function, on an account) sends that upload through the unbuffered path again.
    /// </summary>
    public Task<IReadOnlyList<IngestionOutcome>> IngestAllAsync(int parallelism, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default) =>
        IngestAllAsync(parallelism, null, progress, cancellationToken);

    /// <summary>
    /// <see cref="IngestAllAsync(int, IProgress{ValueTuple{int, int}}?, CancellationToken)"/>, leaving in
    /// <paramref name="swept"/> what each workshop's Returns and Submissions partitions hold once the sweep has written
    /// them (current versions, parsed once, and submissions), for the run's next stage to take without going back to storage.
    /// </summary>
    public async Task<IReadOnlyList<IngestionOutcome>> IngestAllAsync(int parallelism, SweptPartitions? swept, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var entries = new List<BlobEntry>();
        await foreach (var blob in storage.ListBlobsAsync(StorageNames.Containers.Returns, null, cancellationToken))
        {
            entries.Add(blob);
        }

        var byWorkshop = entries
            .GroupBy(e => e.Name.Split('/')[0], StringComparer.Ordinal)
            .Select(g => (WorkshopId: g.Key, Blobs: g.OrderBy(e => e.Name, StringComparer.Ordinal).ToList()))
            .ToList();
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<IngestionOutcome>();
        var done = 0;
        await Parallel.ForEachAsync(byWorkshop, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (workshop, ct) =>
            {
                // Only a workshop's folder has rows to look up (not a stray file at the root, nor a malformed name).
                if (!workshop.Blobs.Any(b => ReturnPath.TryParse(b.Name, out _) is not null))
                {
                    foreach (var entry in workshop.Blobs)
                    {
                        outcomes.Add(await IngestIsolatedAsync(entry.Name, ct));
                        progress?.Report((Interlocked.Increment(ref done), entries.Count));
                    }

                    return;
                }

                var buffer = new PartitionBuffer(storage, workshop.WorkshopId,
                    [StorageNames.Tables.Returns, StorageNames.Tables.Submissions], [StorageNames.Tables.Uploads]);
                var local = ForWorkshop(buffer);
                var decided = await local.DecidedAsync(workshop.WorkshopId, ct);
                var own = new Dictionary<string, IngestionOutcome>(StringComparer.Ordinal);
                foreach (var entry in workshop.Blobs)
                {
                    own[entry.Name] = AlreadyDecided(entry, decided) ?? await local.IngestIsolatedAsync(entry.Name, ct);
                    progress?.Report((Interlocked.Increment(ref done), entries.Count));
                }

                var returns = buffer.Held(StorageNames.Tables.Returns, workshop.WorkshopId);
                var submissions = buffer.Held(StorageNames.Tables.Submissions, workshop.WorkshopId);
                var conflicts = await buffer.FlushAsync(ct);
                foreach (var (_, row) in conflicts)
                {
                    var blobName = row.GetString("SourceBlob") ?? row.GetString("BlobName");
                    if (blobName is not null && own.ContainsKey(blobName))
                    {
                        own[blobName] = await IngestIsolatedAsync(blobName, ct);
                    }
                }

                // Only what is known to be stored as held: no conflict redone unbuffered, both partitions read.
                if (swept is not null && conflicts.Count == 0 && returns is not null && submissions is not null)
                {
                    swept.Hold(workshop.WorkshopId, returns, submissions);
                }

                foreach (var outcome in own.Values)
                {
                    outcomes.Add(outcome);
                }
            });
        return [.. outcomes.OrderBy(o => o.BlobName, StringComparer.Ordinal)];
    }

    /// <summary>This ingestion on a workshop's buffered partitions, sharing this one's registry.</summary>
    private ReturnIngestion ForWorkshop(PartitionBuffer buffer) => new(buffer, time, reporting, followUp, alerts) { _registry = _registry };

    /// <summary>What a workshop's uploads became: its Submissions rows, and each quarter's current version by content (unparsed).</summary>
    private sealed record Decided(IReadOnlyList<SubmissionRecord> Submissions, IReadOnlyDictionary<string, (string Quarter, int Version)> CurrentBySha);

    private async Task<Decided> DecidedAsync(string workshopId, CancellationToken cancellationToken)
    {
        var submissions = new List<SubmissionRecord>();
        await foreach (var submission in _submissions.OfWorkshopAsync(workshopId, cancellationToken))
        {
            submissions.Add(submission);
        }

        return new Decided(submissions, submissions.Count == 0
            ? new Dictionary<string, (string, int)>(StringComparer.Ordinal)
            : await _history.CurrentContentAsync(workshopId, cancellationToken));
    }

    /// <summary>
    /// The outcome of an upload the listing shows unchanged since it was decided, or null to ingest it: a Submissions row
    /// for the same blob, size and time (a blob rewritten gets a new time), rejected, or accepted and still its quarter's
    /// current version. The same outcome <see cref="IngestAsync"/> would give after reading and hashing it again.
    /// </summary>
    private static IngestionOutcome? AlreadyDecided(BlobEntry entry, Decided decided)
    {
        var path = ReturnPath.TryParse(entry.Name, out _);
        if (path is null || entry.Length > ReturnReader.MaxBytes)
        {
            return null;
        }

        foreach (var submission in decided.Submissions)
        {
            if (submission.BlobName != entry.Name || submission.Length != entry.Length || submission.ReceivedAt != entry.LastModified
                || submission.Quarter != path.Quarter || submission.ContentSha256 is not { } sha)
            {
                continue;
            }

            if (submission.Status == SubmissionStatus.Rejected)
            {
                return new IngestionOutcome(entry.Name, IngestionStatus.Unchanged, path.WorkshopId, path.Quarter.ToString(), null, 0, 0, submission.ReportBlob);
            }

            if (submission.Status == SubmissionStatus.Accepted && decided.CurrentBySha.TryGetValue(sha, out var current) && current.Quarter == path.Quarter.ToString())
            {
                return new IngestionOutcome(entry.Name, IngestionStatus.Unchanged, path.WorkshopId, path.Quarter.ToString(), current.Version, 0, 0, ReportBlob(path));
            }
        }

        return null;
    }

    /// <summary>
    /// Ingests one upload as <see cref="IngestAsync"/> does, except that an unexpected failure (a defect, not the
    /// storage) becomes this upload's outcome <see cref="IngestionStatus.Failed"/>, recorded in Submissions, instead of
    /// stopping the caller: one bad upload never stops a run. Storage failures and cancellation still propagate, since
    /// nothing could be recorded and every later upload would fail the same way.
    /// </summary>
    public async Task<IngestionOutcome> IngestIsolatedAsync(string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            return await IngestAsync(blobName, cancellationToken);
        }
#pragma warning disable CA1031 // The isolation boundary of one upload: whatever a defect throws is that upload's failure.
        catch (Exception ex) when (!StorageFailures.IsStorageOrCancellation(ex))
#pragma warning restore CA1031
        {
            var path = ReturnPath.TryParse(blobName, out _);
            var failure = $"{ex.GetType().Name}: {ex.Message}";
            if (path is not null)
            {
                await RecordFailureAsync(blobName, path, cancellationToken);
            }

            return new IngestionOutcome(blobName, IngestionStatus.Failed, path?.WorkshopId, path?.Quarter.ToString(), null, 0, 0, null) { Failure = failure };
        }
    }

    /// <summary>
    /// Marks the upload failed, unless it was decided meanwhile: a row the next run takes up (a decided row is never
    /// turned back). The report, if any, is left as it was: the failure is ours, not the workshop's to correct.
    /// </summary>
    private async Task RecordFailureAsync(string blobName, ReturnPath path, CancellationToken cancellationToken)
    {
        var blob = await storage.ReadBlobAsync(StorageNames.Containers.Returns, blobName, cancellationToken);
        if (blob is null || blob.Content.Length > ReturnReader.MaxBytes)
        {
            return;
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(blob.Content.Span));
        var key = $"{path.Quarter}~{sha}";
        if (await _submissions.GetAsync(path.WorkshopId, key, cancellationToken) is { IsDecided: true })
        {
            return;
        }

        await _submissions.UpsertAsync(new SubmissionRecord(path.WorkshopId, key, blobName, blob.Entry.LastModified, blob.Entry.Length, ReportBlob(path),
            sha, SubmissionStatus.Failed, 0, 0, null).From(await _uploads.FindAsync(path, sha, blob.Entry.LastModified, cancellationToken)), cancellationToken);
    }

    /// <summary>Ingests the blob <paramref name="blobName"/> of the returns container (e.g. <c>MP-001/2024-Q3.csv</c>).</summary>
    public async Task<IngestionOutcome> IngestAsync(string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var path = ReturnPath.TryParse(blobName, out var pathFinding);
        if (path is null)
        {
            // Not read at all: a name with '..' or '\' is never handed to storage. Keyed by the name, so a replay finds it.
            var nameKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blobName)));
            var invalid = ReturnValidator.Reject(blobName, ReturnFormats.FromExtension(Path.GetExtension(blobName)), pathFinding!, null);
            return await RecordRejectionAsync(blobName, null, nameKey, time.GetUtcNow(), invalid.Report, Uploader.Direct, cancellationToken);
        }

        var info = await storage.GetBlobInfoAsync(StorageNames.Containers.Returns, blobName, cancellationToken);
        if (info is null)
        {
            return new IngestionOutcome(blobName, IngestionStatus.Missing, path.WorkshopId, path.Quarter.ToString(), null, 0, 0, null);
        }

        if (info.Length > ReturnReader.MaxBytes)
        {
            // Refused before being read whole; keyed by size and time so that a replay finds it.
            var key = string.Create(CultureInfo.InvariantCulture, $"{path.Quarter}~size-{info.Length}-{info.LastModified.UtcTicks}");
            var tooLarge = ReturnValidator.Reject(blobName, path.Format, ReturnReader.TooLarge(), path);
            // Only an upload URL lets a file over the limit through (the API and the form refuse it): look for one.
            var sender = await _uploads.FindAsync(path, "", info.LastModified, cancellationToken);
            return await RecordRejectionAsync(blobName, path, key, info.LastModified, tooLarge.Report, sender, cancellationToken);
        }

        var blob = await storage.ReadBlobAsync(StorageNames.Containers.Returns, blobName, cancellationToken);
        if (blob is null)
        {
            return new IngestionOutcome(blobName, IngestionStatus.Missing, path.WorkshopId, path.Quarter.ToString(), null, 0, 0, null);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(blob.Content.Span));
        var submissionKey = $"{path.Quarter}~{sha}";
        var submission = await _submissions.GetAsync(path.WorkshopId, submissionKey, cancellationToken);
        if (submission is { Status: SubmissionStatus.Rejected })
        {
            // The same content was rejected before: its report stands.
            return new IngestionOutcome(blobName, IngestionStatus.Unchanged, path.WorkshopId, path.Quarter.ToString(), null, 0, 0, submission.ReportBlob);
        }

        var current = await _history.CurrentAsync(path.WorkshopId, path.Quarter, cancellationToken);
        if (submission is { Status: SubmissionStatus.Accepted } && current?.ContentSha256 == sha)
        {
            // Already the current version: a replayed event or the same file uploaded again.
            return new IngestionOutcome(blobName, IngestionStatus.Unchanged, path.WorkshopId, path.Quarter.ToString(), current.Version, 0, 0, ReportBlob(path));
        }

        // Each step below can be repeated: the upload is recorded as received before anything else is written, so a
        // crash at any later point leaves a row that the next run takes up (the version is added once per content).
        var received = blob.Entry.LastModified;
        var uploader = await _uploads.FindAsync(path, sha, received, cancellationToken);
        if (submission is null)
        {
            await _submissions.InsertAsync(new SubmissionRecord(path.WorkshopId, submissionKey, blobName, received, blob.Entry.Length, ReportBlob(path),
                sha, SubmissionStatus.Received, 0, 0, null).From(uploader), cancellationToken);
        }

        var registry = await _registry.GetAsync(cancellationToken);
        var context = await ContextAsync(path, registry, pendingPrevious: false, cancellationToken);
        var result = ReturnValidator.ValidateFile(blob.Content.Span, blobName, context);
        var report = result.Report with { ReceivedAt = received, ContentSha256 = sha };
        var ownReport = await WriteReportAsync(path, submissionKey, report, cancellationToken);
        int? version = result.Return is null ? null : await _history.AddAsync(result.Return, sha, received, blobName, cancellationToken);
        // Before the final status: a crash in between ingests it again, and the dispatcher sends the notice once.
        var notified = await NotifyAsync(registry, path, report, cancellationToken);
        await _submissions.UpsertAsync(Submission(path.WorkshopId, submissionKey, blobName, received, blob.Entry.Length, report, version, ownReport).From(uploader), cancellationToken);
        return new IngestionOutcome(blobName, version is null ? IngestionStatus.Rejected : IngestionStatus.Accepted, path.WorkshopId, path.Quarter.ToString(), version,
            report.ErrorCount, report.WarningCount, ReportBlob(path)) { NoticeQueued = notified };
    }

    /// <summary>
    /// A dry run (<c>impact validate</c>): what ingesting a file as the upload <paramref name="blobName"/>
    /// of the returns container would decide now, by the same steps as <see cref="IngestAsync"/> (path, size, registry and
    /// reporting window, previous quarter), writing nothing. The registry is <paramref name="registry"/> when given, else
    /// the stored one, else none (its rules are then not applied). The previous quarter is its current accepted version,
    /// or, when none was ingested yet, its pending upload as the next run would accept it (a run ingests each workshop's
    /// uploads in quarter order).
    /// </summary>
    /// <param name="blobName">The upload's name in the returns container (<c>MP-001/2024-Q3.csv</c>).</param>
    /// <param name="fileName">The name the report shows (the local file).</param>
    /// <param name="length">The file's size in bytes: over the limit, it is refused unread.</param>
    /// <param name="read">Reads the file's bytes (called only within the size limit).</param>
    /// <param name="registry">A registry to use instead of the stored one.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<ValidationResult> DryRunAsync(string blobName, string fileName, long length, Func<CancellationToken, Task<byte[]>> read,
        WorkshopRegistry? registry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        ArgumentNullException.ThrowIfNull(read);
        var path = ReturnPath.TryParse(blobName, out var pathFinding);
        if (path is null)
        {
            return ReturnValidator.Reject(fileName, ReturnFormats.FromExtension(Path.GetExtension(blobName)), pathFinding!, null);
        }

        if (length > ReturnReader.MaxBytes)
        {
            return ReturnValidator.Reject(fileName, path.Format, ReturnReader.TooLarge(), path);
        }

        var context = await ContextAsync(path, registry ?? await _dryRunRegistry.FindAsync(cancellationToken), pendingPrevious: true, cancellationToken);
        return ReturnValidator.ValidateFile(await read(cancellationToken), fileName, context);
    }

    /// <summary>What validation knows beyond the file, the same for an upload and for a dry run.</summary>
    private async Task<ValidationContext> ContextAsync(ReturnPath path, WorkshopRegistry? registry, bool pendingPrevious, CancellationToken cancellationToken)
    {
        var previousQuarter = path.Quarter.AddQuarters(-1);
        var previous = (await _history.CurrentAsync(path.WorkshopId, previousQuarter, cancellationToken))?.Return;
        if (previous is null && pendingPrevious)
        {
            previous = await PendingUploadAsync(path.WorkshopId, previousQuarter, cancellationToken);
        }

        return new ValidationContext
        {
            Path = path,
            Registry = registry,
            Previous = previous,
            Reporting = reporting,
            Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
        };
    }

    /// <summary>The upload of a quarter not yet ingested, when it validates on its own (any format), or null.</summary>
    private async Task<QuarterlyReturn?> PendingUploadAsync(string workshopId, Analytics.Quarter quarter, CancellationToken cancellationToken)
    {
        foreach (var format in Enum.GetValues<ReturnFormat>())
        {
            var name = $"{workshopId}/{quarter}.{format.Extension()}";
            if (await storage.GetBlobInfoAsync(StorageNames.Containers.Returns, name, cancellationToken) is { Length: <= ReturnReader.MaxBytes }
                && await storage.ReadBlobAsync(StorageNames.Containers.Returns, name, cancellationToken) is { } blob)
            {
                return ReturnValidator.Validate(blob.Content.Span, format, name, ValidationContext.None).Return;
            }
        }

        return null;
    }

    private async Task<IngestionOutcome> RecordRejectionAsync(string blobName, ReturnPath? path, string rowKey, DateTimeOffset receivedAt, ValidationReport report, Uploader uploader,
        CancellationToken cancellationToken)
    {
        report = report with { ReceivedAt = receivedAt };
        var partition = path?.WorkshopId ?? SubmissionStore.InvalidPathPartition;
        var existing = await _submissions.GetAsync(partition, rowKey, cancellationToken);
        if (existing is not null)
        {
            return new IngestionOutcome(blobName, IngestionStatus.Unchanged, path?.WorkshopId, path?.Quarter.ToString(), null, 0, 0, existing.ReportBlob);
        }

        string reportBlob;
        var notified = false;
        if (path is null)
        {
            reportBlob = $"{SubmissionStore.InvalidPathPartition}/{rowKey}.json";
            await storage.WriteBlobAsync(StorageNames.Containers.Reports, reportBlob, report.ToJson(), JsonContentType, cancellationToken);
        }
        else
        {
            reportBlob = await WriteReportAsync(path, rowKey, report, cancellationToken);
            if (await _registry.FindAsync(cancellationToken) is { } registry)
            {
                notified = await NotifyAsync(registry, path, report with { ContentSha256 = rowKey.Split('~')[^1] }, cancellationToken);
            }
        }

        await _submissions.InsertAsync(Submission(partition, rowKey, blobName, receivedAt, null, report, null, reportBlob).From(uploader), cancellationToken);
        return new IngestionOutcome(blobName, IngestionStatus.Rejected, path?.WorkshopId, path?.Quarter.ToString(), null,
            report.ErrorCount, report.WarningCount, reportBlob) { NoticeQueued = notified };
    }

    /// <summary>Queues the workshop's notice of this report, if it has an address and there is something to tell.</summary>
    private async Task<bool> NotifyAsync(WorkshopRegistry registry, ReturnPath path, ValidationReport report, CancellationToken cancellationToken)
    {
        if (registry.Find(path.WorkshopId) is { } workshop
            && NoticeTexts.ForReport(workshop, report, alerts?.DashboardBaseUrl, (followUp ?? FollowUpOptions.Default).SendReceipts) is { } notice)
        {
            await storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, notice.ToJson(), cancellationToken);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Writes the upload's own report (<c>reports/{id}/{quarter}/{submission}.json</c> and <c>.txt</c>, never replaced by a
    /// later upload), then the quarter's latest (<c>reports/{id}/{quarter}.json</c>, what the API's status reads); returns
    /// the upload's own.
    /// </summary>
    private async Task<string> WriteReportAsync(ReturnPath path, string submissionKey, ValidationReport report, CancellationToken cancellationToken)
    {
        var json = report.ToJson();
        var text = Encoding.UTF8.GetBytes(report.ToFrenchText());
        var own = $"{path.WorkshopId}/{path.Quarter}/{submissionKey[(submissionKey.IndexOf('~', StringComparison.Ordinal) + 1)..]}.json";
        foreach (var name in new[] { own, ReportBlob(path) })
        {
            await storage.WriteBlobAsync(StorageNames.Containers.Reports, name, json, JsonContentType, cancellationToken);
            await storage.WriteBlobAsync(StorageNames.Containers.Reports, Path.ChangeExtension(name, ".txt"), text, "text/plain; charset=utf-8", cancellationToken);
        }

        return own;
    }

    private static string ReportBlob(ReturnPath path) => $"{path.WorkshopId}/{path.Quarter}.json";

    private const string JsonContentType = "application/json; charset=utf-8";

    private static SubmissionRecord Submission(string partition, string rowKey, string blobName, DateTimeOffset receivedAt, long? length, ValidationReport report, int? version, string reportBlob) =>
        new(partition, rowKey, blobName, receivedAt, length, reportBlob, report.ContentSha256, SubmissionRecord.StatusOf(report.Status), report.ErrorCount, report.WarningCount, version);
}
