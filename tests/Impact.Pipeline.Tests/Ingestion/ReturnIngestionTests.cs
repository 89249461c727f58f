using Impact.Analytics.Settings;
using System.Text;
using Impact.Analytics;
using Impact.Analytics.Returns.Reading;
using Impact.Analytics.Validation;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Records;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Pipeline.Tests.Ingestion;

/// <summary>
/// Ingestion of uploaded returns, run identically on both storage adapters: the folder (below) and
/// Azure Storage on a real Azurite (<see cref="AzureReturnIngestionTests"/>).
/// </summary>
public abstract class ReturnIngestionTests : IAsyncLifetime
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");
    protected static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 10, 20, 8, 0, 0, TimeSpan.Zero));

    protected IImpactStorage Storage { get; private set; } = null!;

    private ReturnIngestion Ingestion => new(Storage, Clock, ReportingOptions.Default);

    private ReturnHistory History => new(Storage);

    protected abstract Task<IImpactStorage> CreateEmptyStorageAsync();

    public async Task InitializeAsync()
    {
        Storage = await CreateEmptyStorageAsync();
        await Storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops,
            await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")), "text/csv");
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static byte[] Sample(string quarter = "2024-Q3") =>
        File.ReadAllBytes(Path.Combine(Samples, "returns", "MP-002", $"{quarter}.csv"));

    protected static byte[] SampleWith(string oldText, string newText) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Sample()).Replace(oldText, newText, StringComparison.Ordinal));

    private async Task<IngestionOutcome> UploadAndIngestAsync(string blobName, byte[] content)
    {
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, blobName, content, "text/csv");
        return await Ingestion.IngestAsync(blobName);
    }

    protected async Task<List<TableRow>> RowsAsync(string table, string partition)
    {
        var rows = new List<TableRow>();
        await foreach (var row in Storage.QueryPartitionAsync(table, partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<ValidationReport> ReportAsync(string name) =>
        ValidationReport.FromJson((await Storage.ReadBlobAsync(StorageNames.Containers.Reports, name))!.Content.Span);

    [Fact]
    public async Task IngestAsync_AcceptedReturnBecomesVersionOneWithSubmissionAndReport()
    {
        var outcome = await UploadAndIngestAsync("MP-002/2024-Q3.csv", Sample());

        Assert.Equal(new IngestionOutcome("MP-002/2024-Q3.csv", IngestionStatus.Accepted, "MP-002", "2024-Q3", 1, 0, 0, "MP-002/2024-Q3.json"), outcome);
        var current = (await History.CurrentAsync("MP-002", new Quarter(2024, 3)))!;
        Assert.Equal(1, current.Version);
        Assert.Equal(62350.5m, current.Return.CashEnd);
        Assert.Equal("MP-002/2024-Q3.csv", current.SourceBlob);

        var submission = Assert.Single(await RowsAsync(StorageNames.Tables.Submissions, "MP-002"));
        Assert.Equal("2024-Q3~" + current.ContentSha256, submission.RowKey);
        Assert.Equal("Accepted", submission.GetString("Status"));
        Assert.Equal(0, submission.Properties["ErrorCount"]);
        Assert.Equal(64, current.ContentSha256.Length);

        var report = await ReportAsync("MP-002/2024-Q3.json");
        Assert.Equal(ValidationStatus.Accepted, report.Status);
        Assert.Equal(current.ContentSha256, report.ContentSha256);
        Assert.Equal(current.ReceivedAt, report.ReceivedAt);
        var text = Encoding.UTF8.GetString((await Storage.ReadBlobAsync(StorageNames.Containers.Reports, "MP-002/2024-Q3.txt"))!.Content.Span);
        Assert.Contains("Résultat : ACCEPTÉ.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_SameContentTwiceChangesNothingTwice()
    {
        await UploadAndIngestAsync("MP-002/2024-Q3.csv", Sample());
        var reportBefore = (await Storage.GetBlobInfoAsync(StorageNames.Containers.Reports, "MP-002/2024-Q3.json"))!;

        var replay = await Ingestion.IngestAsync("MP-002/2024-Q3.csv");
        var reupload = await UploadAndIngestAsync("MP-002/2024-Q3.csv", Sample());

        Assert.Equal(IngestionStatus.Unchanged, replay.Status);
        Assert.Equal(IngestionStatus.Unchanged, reupload.Status);
        Assert.Single(await RowsAsync(StorageNames.Tables.Returns, "MP-002"));
        Assert.Single(await RowsAsync(StorageNames.Tables.Submissions, "MP-002"));
        Assert.Equal(reportBefore, await Storage.GetBlobInfoAsync(StorageNames.Containers.Reports, "MP-002/2024-Q3.json"));
    }

    [Fact]
    public async Task IngestAsync_CorrectionSupersedesAndKeepsEveryVersion()
    {
        await UploadAndIngestAsync("MP-002/2024-Q3.csv", Sample());
        var corrected = await UploadAndIngestAsync("MP-002/2024-Q3.csv", SampleWith("62350,50", "61000"));

        Assert.Equal(2, corrected.Version);
        var versions = await RowsAsync(StorageNames.Tables.Returns, "MP-002");
        Assert.Equal(["2024-Q3~v0001", "2024-Q3~v0002"], versions.Select(r => r.RowKey));
        Assert.Equal(61000m, (await History.CurrentAsync("MP-002", new Quarter(2024, 3)))!.Return.CashEnd);
        Assert.Equal(2, (await RowsAsync(StorageNames.Tables.Submissions, "MP-002")).Count);
    }

    [Fact]
    public async Task IngestAsync_RevertingToEarlierContentMakesItCurrentAgain()
    {
        await UploadAndIngestAsync("MP-002/2024-Q3.csv", Sample());
        await UploadAndIngestAsync("MP-002/2024-Q3.csv", SampleWith("62350,50", "61000"));
        var reverted = await UploadAndIngestAsync("MP-002/2024-Q3.csv", Sample());

        Assert.Equal(IngestionStatus.Accepted, reverted.Status);
        Assert.Equal(3, reverted.Version);
        Assert.Equal(62350.5m, (await History.CurrentAsync("MP-002", new Quarter(2024, 3)))!.Return.CashEnd);
    }

    [Fact]
    public async Task IngestAsync_RejectedResubmissionLeavesTheCurrentVersion()
    {
        await UploadAndIngestAsync("MP-002/2024-Q3.csv", Sample());
        var rejected = await UploadAndIngestAsync("MP-002/2024-Q3.csv", SampleWith(";7;5,8;", ";7;9,5;"));

        Assert.Equal(IngestionStatus.Rejected, rejected.Status);
        Assert.Equal(1, rejected.ErrorCount);
        Assert.Equal(1, (await History.CurrentAsync("MP-002", new Quarter(2024, 3)))!.Version);
        var report = await ReportAsync("MP-002/2024-Q3.json");
        Assert.Equal("cross.fte_le_headcount", Assert.Single(report.Findings).Rule);
        var statuses = (await RowsAsync(StorageNames.Tables.Submissions, "MP-002")).Select(r => r.GetString("Status")).Order(StringComparer.Ordinal);
        Assert.Equal(["Accepted", "Rejected"], statuses);

        var again = await Ingestion.IngestAsync("MP-002/2024-Q3.csv");
        Assert.Equal(IngestionStatus.Unchanged, again.Status);
        Assert.Equal(2, (await RowsAsync(StorageNames.Tables.Submissions, "MP-002")).Count);
    }

    [Fact]
    public async Task IngestAsync_UnknownWorkshopIsRejectedAgainstTheRegistry()
    {
        var outcome = await UploadAndIngestAsync("MP-404/2024-Q3.csv", SampleWith("MP-002", "MP-404"));
        Assert.Equal(IngestionStatus.Rejected, outcome.Status);
        var report = await ReportAsync("MP-404/2024-Q3.json");
        Assert.Equal("registry.unknown_workshop", Assert.Single(report.Findings).Rule);
        Assert.Empty(await RowsAsync(StorageNames.Tables.Returns, "MP-404"));
    }

    [Fact]
    public async Task IngestAsync_FileInTheWrongFolderIsRejected()
    {
        var outcome = await UploadAndIngestAsync("MP-001/2024-Q3.csv", Sample());
        Assert.Equal(IngestionStatus.Rejected, outcome.Status);
        Assert.Equal("path.workshop_mismatch", Assert.Single((await ReportAsync("MP-001/2024-Q3.json")).Findings).Rule);
    }

    /// <summary>A rejected upload corrected by a second one: each keeps its own report; the quarter's latest is the correction's.</summary>
    [Fact]
    public async Task IngestAsync_EachUploadKeepsItsOwnReport()
    {
        var rejected = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Sample()).Replace("MP-002;2024-Q3;active;7;", "MP-002;2024-Q3;active;-7;", StringComparison.Ordinal));
        Assert.Equal(IngestionStatus.Rejected, (await UploadAndIngestAsync("MP-002/2024-Q3.csv", rejected)).Status);
        Assert.Equal(IngestionStatus.Accepted, (await UploadAndIngestAsync("MP-002/2024-Q3.csv", Sample())).Status);

        string Own(byte[] content) => $"MP-002/2024-Q3/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))}.json";
        Assert.Equal(ValidationStatus.Rejected, (await ReportAsync(Own(rejected))).Status);
        Assert.Equal(ValidationStatus.Accepted, (await ReportAsync(Own(Sample()))).Status);
        Assert.Equal(ValidationStatus.Accepted, (await ReportAsync("MP-002/2024-Q3.json")).Status);
        Assert.NotNull(await Storage.GetBlobInfoAsync(StorageNames.Containers.Reports, Path.ChangeExtension(Own(rejected), ".txt")));

        // The workshop's page lists both uploads, the rejected one with its own findings.
        var uploads = await new Impact.Pipeline.Reads.SiteSnapshot(Storage).SubmissionsAsync("MP-002");
        Assert.Equal([0, 1], uploads.Select(u => u.ErrorCount).Order());
        Assert.Equal("staff_headcount", uploads.Single(u => u.ErrorCount == 1).Findings!.Single(f => f.Severity == Severity.Error).Field);
        Assert.Equal([Own(rejected), Own(Sample())], (await RowsAsync(StorageNames.Tables.Submissions, "MP-002")).OrderBy(r => r.GetString("Status") == "Accepted").Select(r => r.GetString("ReportBlob")));
    }

    [Fact]
    public async Task IngestAsync_InvalidPathIsRecordedWithoutBeingRead()
    {
        var outcome = await Ingestion.IngestAsync("MP-002/../../registry/workshops.csv");
        Assert.Equal(IngestionStatus.Rejected, outcome.Status);
        var row = Assert.Single(await RowsAsync(StorageNames.Tables.Submissions, Impact.Pipeline.Records.SubmissionStore.InvalidPathPartition));
        Assert.Equal("MP-002/../../registry/workshops.csv", row.GetString("BlobName"));
        var report = await ReportAsync(outcome.ReportBlob!);
        Assert.Equal("path.invalid", Assert.Single(report.Findings).Rule);

        Assert.Equal(IngestionStatus.Unchanged, (await Ingestion.IngestAsync("MP-002/../../registry/workshops.csv")).Status);
    }

    [Fact]
    public async Task IngestAsync_OversizedFileIsRefusedUnread()
    {
        var outcome = await UploadAndIngestAsync("MP-002/2024-Q3.csv", new byte[ReturnReader.MaxBytes + 1]);
        Assert.Equal(IngestionStatus.Rejected, outcome.Status);
        Assert.Equal("file.too_large", Assert.Single((await ReportAsync("MP-002/2024-Q3.json")).Findings).Rule);
    }

    /// <summary><c>impact validate</c>'s dry run: the ingestion's own steps, the previous quarter still pending, nothing written.</summary>
    [Fact]
    public async Task DryRunAsync_JudgesAsIngestionWouldAndWritesNothing()
    {
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q2.csv", Sample("2024-Q2"), "text/csv");
        var content = SampleWith(";73200;", ";732000;");

        var dry = await Ingestion.DryRunAsync("MP-002/2024-Q3.csv", "2024-Q3.csv", content.Length, _ => Task.FromResult(content));
        var wrongFolder = await Ingestion.DryRunAsync("MP-001/2024-Q3.csv", "2024-Q3.csv", content.Length, _ => Task.FromResult(content));
        var tooLarge = await Ingestion.DryRunAsync("MP-002/2024-Q3.csv", "2024-Q3.csv", 2_000_000, _ => throw new InvalidOperationException("read"));

        Assert.Equal(ValidationStatus.Accepted, dry.Report.Status);
        Assert.Equal(("previous.jump", "operating_expenses"), (Assert.Single(dry.Report.Findings).Rule, dry.Report.Findings[0].Field));
        Assert.Contains(wrongFolder.Report.Findings, f => f.Rule == "path.workshop_mismatch");
        Assert.Equal("file.too_large", Assert.Single(tooLarge.Report.Findings).Rule);
        Assert.Empty(await RowsAsync(StorageNames.Tables.Submissions, "MP-002"));
        Assert.Empty(await RowsAsync(StorageNames.Tables.Returns, "MP-002"));
        Assert.Null(await Storage.GetBlobInfoAsync(StorageNames.Containers.Reports, "MP-002/2024-Q3.json"));
    }

    [Fact]
    public async Task IngestAsync_TenfoldJumpFromTheStoredPreviousQuarterWarns()
    {
        await UploadAndIngestAsync("MP-002/2024-Q2.csv", Sample("2024-Q2"));
        var outcome = await UploadAndIngestAsync("MP-002/2024-Q3.csv", SampleWith(";73200;", ";732000;"));
        Assert.Equal(IngestionStatus.Accepted, outcome.Status);
        Assert.Equal(1, outcome.WarningCount);
        var finding = Assert.Single((await ReportAsync("MP-002/2024-Q3.json")).Findings);
        Assert.Equal(("previous.jump", "operating_expenses"), (finding.Rule, finding.Field));
    }

    [Fact]
    public async Task IngestAsync_DeletedBlobIsMissing()
    {
        var outcome = await Ingestion.IngestAsync("MP-002/2023-Q1.csv");
        Assert.Equal(IngestionStatus.Missing, outcome.Status);
        Assert.Empty(await RowsAsync(StorageNames.Tables.Submissions, "MP-002"));
    }

    [Fact]
    public async Task IngestAsync_MissingRegistryIsAnOperationalError()
    {
        var empty = await CreateEmptyStorageAsync();
        await empty.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", Sample(), "text/csv");
        var ex = await Assert.ThrowsAsync<ImpactException>(() => new ReturnIngestion(empty, Clock, ReportingOptions.Default).IngestAsync("MP-002/2024-Q3.csv"));
        Assert.Equal("Registre des manufactures absent : registry/workshops.csv.", ex.Message);
    }

    [Fact]
    public async Task AddAsync_ConcurrentVersionsNeverOverwrite()
    {
        var a = ReturnValidator.Validate(Sample(), Analytics.Returns.ReturnFormat.Csv, "a.csv", ValidationContext.None).Return!;
        var b = ReturnValidator.Validate(SampleWith("62350,50", "1"), Analytics.Returns.ReturnFormat.Csv, "b.csv", ValidationContext.None).Return!;
        var versions = await Task.WhenAll(
            History.AddAsync(a, "aa", Clock.GetUtcNow(), "a.csv"),
            History.AddAsync(b, "bb", Clock.GetUtcNow(), "b.csv"));
        Assert.Equal([1, 2], versions.Order());
        Assert.Equal(2, (await RowsAsync(StorageNames.Tables.Returns, "MP-002")).Count);
    }

    /// <summary>Holds two writers at their first insert into the Returns table until both are there: both have read "no version yet".</summary>
    private static Func<StorageWrite, Task> BothAtTheirFirstVersion(TaskCompletionSource bothThere, Func<int> arrive)
    {
        var held = 0;
        return async write =>
        {
            if (write is { Operation: "InsertRow", Target: StorageNames.Tables.Returns } && Interlocked.Exchange(ref held, 1) == 0)
            {
                if (arrive() == 2)
                {
                    bothThere.SetResult();
                }

                await bothThere.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        };
    }

    private async Task<IngestionOutcome[]> IngestTogetherAsync(params string[] blobNames)
    {
        var bothThere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        return await Task.WhenAll(blobNames.Select(name => Task.Run(() =>
        {
            var writer = new FaultInjectingStorage(Storage) { BeforeWrite = BothAtTheirFirstVersion(bothThere, () => Interlocked.Increment(ref arrived)) };
            return new ReturnIngestion(writer, Clock, ReportingOptions.Default).IngestAsync(name);
        })));
    }

    [Fact]
    public async Task IngestAsync_TheSameUploadIngestedTwiceAtOnceMakesOneVersion()
    {
        // The blob event and the timer's catch-up meet on one upload: both read "no version", both add one.
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", Sample(), "text/csv");

        var outcomes = await IngestTogetherAsync("MP-002/2024-Q3.csv", "MP-002/2024-Q3.csv");

        Assert.Equal([(IngestionStatus.Accepted, 1), (IngestionStatus.Accepted, 1)], outcomes.Select(o => (o.Status, o.Version ?? 0)));
        Assert.Equal(["2024-Q3~v0001"], (await RowsAsync(StorageNames.Tables.Returns, "MP-002")).Select(r => r.RowKey));
        var submission = Assert.Single(await RowsAsync(StorageNames.Tables.Submissions, "MP-002"));
        Assert.Equal(("Accepted", 1), (submission.GetString("Status"), submission.Properties["Version"]));
    }

    [Fact]
    public async Task IngestAsync_TwoUploadsOfOneQuarterAtOnceTakeTwoVersionsAndKeepBothSubmissions()
    {
        var csv = SampleWith("62350,50", "61000");
        var json = ReturnValidator.Validate(Sample(), Analytics.Returns.ReturnFormat.Csv, "x.csv", ValidationContext.None).Return!.ToCanonicalJson();
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", csv, "text/csv");
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.json", json, "application/json");

        var outcomes = await IngestTogetherAsync("MP-002/2024-Q3.csv", "MP-002/2024-Q3.json");

        Assert.Equal([1, 2], outcomes.Select(o => o.Version ?? 0).Order());
        var versions = await RowsAsync(StorageNames.Tables.Returns, "MP-002");
        Assert.Equal(["2024-Q3~v0001", "2024-Q3~v0002"], versions.Select(r => r.RowKey));
        Assert.Equal(new[] { Sha(csv), Sha(json) }.Order(StringComparer.Ordinal), versions.Select(r => r.GetString("ContentSha256")!).Order(StringComparer.Ordinal));
        var submissions = await RowsAsync(StorageNames.Tables.Submissions, "MP-002");
        Assert.Equal([("Accepted", 1), ("Accepted", 2)], submissions.Select(r => (r.GetString("Status"), (int)r.Properties["Version"]!)).OrderBy(p => p.Item2));
    }

    private static string Sha(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

    /// <summary>What ingestion leaves, minus the receipt times (a fresh account receives the same file at another time).</summary>
    private async Task<string> StateAsync(params string[] workshops)
    {
        var state = new StringBuilder();
        foreach (var workshop in workshops)
        {
            foreach (var table in new[] { StorageNames.Tables.Returns, StorageNames.Tables.Submissions })
            {
                foreach (var row in await RowsAsync(table, workshop))
                {
                    state.Append(table).Append(' ').Append(row.RowKey).Append(':');
                    foreach (var (name, value) in row.Properties.Where(p => p.Key != "ReceivedAt").OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        state.Append(' ').Append(name).Append('=').Append(value);
                    }

                    state.AppendLine();
                }
            }
        }

        await foreach (var blob in Storage.ListBlobsAsync(StorageNames.Containers.Reports))
        {
            if (blob.Name.StartsWith("_reference/", StringComparison.Ordinal))
            {
                continue; // the registry's kept versions, named after its upload time, which each re-initialisation changes
            }

            var content = (await Storage.ReadBlobAsync(StorageNames.Containers.Reports, blob.Name))!.Content;
            state.Append("report ").Append(blob.Name).Append(": ").AppendLine(blob.Name.EndsWith(".json", StringComparison.Ordinal)
                ? Encoding.UTF8.GetString((ValidationReport.FromJson(content.Span) with { ReceivedAt = null }).ToJson())
                : $"{content.Length} bytes");
        }

        return state.ToString();
    }

    private async Task UploadSamplesAsync()
    {
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q2.csv", Sample("2024-Q2"), "text/csv");
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", Sample(), "text/csv");
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-001/2024-Q3.csv", Sample(), "text/csv");
    }

    [Fact]
    public async Task IngestAllAsync_ARerunReadsNoUploadAlreadyDecided_OnlyTheOneRewritten()
    {
        // Two accepted uploads of MP-002 and one rejected (MP-001's return claims to be MP-002's).
        await UploadSamplesAsync();
        var first = await Ingestion.IngestAllAsync(parallelism: 1);
        var state = await StateAsync("MP-001", "MP-002");

        var counting = new FaultInjectingStorage(Storage);
        var rerun = await new ReturnIngestion(counting, Clock, ReportingOptions.Default).IngestAllAsync(parallelism: 1);

        Assert.DoesNotContain(counting.BlobReads, b => b.StartsWith(StorageNames.Containers.Returns + "/", StringComparison.Ordinal));
        Assert.Empty(counting.Writes);
        Assert.All(rerun, o => Assert.Equal(IngestionStatus.Unchanged, o.Status));
        Assert.Equal(first.Select(o => (o.BlobName, o.Version)), rerun.Select(o => (o.BlobName, o.Version)));
        // The same outcomes as reading each upload again would give.
        foreach (var unread in rerun)
        {
            Assert.Equal(await Ingestion.IngestAsync(unread.BlobName), unread);
        }

        Assert.Equal(state, await StateAsync("MP-001", "MP-002"));

        // A correction of one quarter: that blob alone is read again, and becomes version 2.
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", SampleWith("62350,50", "61000"), "text/csv");
        counting = new FaultInjectingStorage(Storage);
        var corrected = await new ReturnIngestion(counting, Clock, ReportingOptions.Default).IngestAllAsync(parallelism: 1);

        Assert.Equal([StorageNames.Containers.Returns + "/MP-002/2024-Q3.csv"], counting.BlobReads.Where(b => b.StartsWith(StorageNames.Containers.Returns + "/", StringComparison.Ordinal)));
        var outcome = Assert.Single(corrected, o => o.Status != IngestionStatus.Unchanged);
        Assert.Equal(("MP-002/2024-Q3.csv", IngestionStatus.Accepted, 2), (outcome.BlobName, outcome.Status, outcome.Version));
    }

    /// <summary>Each current version with everything it holds: number, content hash, receipts, source, the return's canonical JSON.</summary>
    private static string Dump(IEnumerable<(ReturnVersion Current, DateTimeOffset FirstReceivedAt)> versions) => string.Join('\n', versions.Select(v =>
        $"{v.Current.Version} {v.Current.ContentSha256} {v.Current.ReceivedAt:O} {v.FirstReceivedAt:O} {v.Current.SourceBlob} {Encoding.UTF8.GetString(v.Current.Return.ToCanonicalJson())}"));

    [Fact]
    public async Task IngestAllAsync_LeavesEachWorkshopsCurrentVersionsAndSubmissionsAsStored_AndTheHistoriesFromThemAreTheStoredOnes()
    {
        // First sweep: MP-002's two accepted quarters, MP-001's rejected upload; second: one correction of MP-002's 2024-Q3.
        await UploadSamplesAsync();
        var registry = await new Impact.Pipeline.Registry.RegistrySource(Storage, keepVersions: false).GetAsync();
        foreach (var round in new[] { 1, 2 })
        {
            if (round == 2)
            {
                await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", SampleWith("62350,50", "61000"), "text/csv");
            }

            var swept = new SweptPartitions();
            await Ingestion.IngestAllAsync(parallelism: 2, swept);

            Assert.Equal(2, swept.Count);
            foreach (var workshop in new[] { "MP-001", "MP-002" })
            {
                var held = swept.Of(workshop)!;
                Assert.Equal(Dump(await History.CurrentByQuarterAsync(workshop)), Dump(held.Versions));
                var stored = new List<SubmissionRecord>();
                await foreach (var submission in new SubmissionStore(Storage).OfWorkshopAsync(workshop))
                {
                    stored.Add(submission);
                }

                Assert.Equal(stored, held.Submissions);
            }

            Assert.Equal(round == 1 ? ["2024-Q2 v1", "2024-Q3 v1"] : ["2024-Q2 v1", "2024-Q3 v2"],
                swept.Of("MP-002")!.Versions.Select(v => $"{v.Current.Return.Quarter} v{v.Current.Version}"));
            Assert.Empty(swept.Of("MP-001")!.Versions);
            Assert.Equal([SubmissionStatus.Rejected], swept.Of("MP-001")!.Submissions.Select(s => s.Status));
            Assert.Null(swept.Of("MP-003"));

            // The run's next stage gives the same histories from the held rows as from storage.
            var records = new WorkshopRecords(Storage, ReportingOptions.Default);
            var fromStorage = await records.LoadAsync(registry, new Quarter(2024, 3), parallelism: 2);
            var fromSweep = await records.LoadAsync(registry, new Quarter(2024, 3), 2, swept);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(fromStorage), System.Text.Json.JsonSerializer.Serialize(fromSweep));
            var mp002 = fromSweep.Single(h => h.WorkshopId == "MP-002");
            Assert.Equal(round == 1 ? 62350.5m : 61000m, mp002.Returns.Single(r => r.Quarter == new Quarter(2024, 3)).CashEnd);
            Assert.Single(fromSweep.Single(h => h.WorkshopId == "MP-001").Received, r => !r.Accepted);
        }
    }

    [Fact]
    public async Task IngestAllAsync_ACrashBeforeAnyWriteThenARerunEndsAsAnUninterruptedIngestion()
    {
        // Two accepted uploads of MP-002 and one rejected (MP-001's return claims to be MP-002's: refused), one at a time.
        await UploadSamplesAsync();
        var counting = new FaultInjectingStorage(Storage);
        await new ReturnIngestion(counting, Clock, ReportingOptions.Default).IngestAllAsync(parallelism: 1);
        var clean = await StateAsync("MP-001", "MP-002");
        var writes = counting.Writes.Count;
        // The registry's version kept (reports/_reference/) once; per upload its own report .json and .txt and the
        // quarter's latest .json and .txt; the rejected one's notice to MP-001's contact address; then each workshop's rows,
        // written after its last upload: on a folder (one writer) a batch per partition (MP-001's Submissions, MP-002's
        // Returns and Submissions: 1 + 12 + 1 + 3); on an account each row inserted insert-only (MP-001's submission,
        // MP-002's two versions and two submissions: 1 + 12 + 1 + 5).
        Assert.Equal(Storage.SoleWriter ? 17 : 19, writes);
        Assert.Contains("Submissions 2024-Q3~", clean, StringComparison.Ordinal);

        for (var crash = 1; crash <= writes; crash++)
        {
            await InitializeAsync();
            await UploadSamplesAsync();
            var dying = new FaultInjectingStorage(Storage) { CrashBefore = crash };
            await Assert.ThrowsAsync<SimulatedCrashException>(() => new ReturnIngestion(dying, Clock, ReportingOptions.Default).IngestAllAsync(parallelism: 1));

            var rerun = await Ingestion.IngestAllAsync(parallelism: 1);

            Assert.Equal(clean, await StateAsync("MP-001", "MP-002"));
            Assert.DoesNotContain(rerun, o => o.Status == IngestionStatus.Failed);
        }
    }

    [Fact]
    public async Task IngestAllAsync_AnUnexpectedFailureOnOneUploadIsThatUploadsFailureAndTheRestGoesOn()
    {
        // A stored version that no longer reads (a defect, or a hand-edited table) breaks MP-002's next quarter only.
        await Storage.InsertRowAsync(StorageNames.Tables.Returns, new TableRow("MP-002", "2024-Q2~v0001", new Dictionary<string, object?> { ["Data"] = "{", ["Version"] = 1 }));
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", Sample(), "text/csv");
        var mp001 = ReturnValidator.Validate(SampleWith("MP-002", "MP-001"), Analytics.Returns.ReturnFormat.Csv, "x.csv", ValidationContext.None).Return!;
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-001/2024-Q3.json", mp001.ToCanonicalJson(), "application/json");

        var swept = new SweptPartitions();
        var outcomes = await Ingestion.IngestAllAsync(parallelism: 1, swept);

        Assert.Equal([("MP-001/2024-Q3.json", IngestionStatus.Accepted), ("MP-002/2024-Q3.csv", IngestionStatus.Failed)], outcomes.Select(o => (o.BlobName, o.Status)));
        // MP-002's unreadable version is left for the versions stage to read from storage, and report, itself.
        Assert.Equal((1, true), (swept.Count, swept.Of("MP-002") is null));
        Assert.StartsWith("ImpactException: Version enregistrée illisible : MP-002/2024-Q2~v0001", outcomes[1].Failure, StringComparison.Ordinal);
        var failed = Assert.Single(await RowsAsync(StorageNames.Tables.Submissions, "MP-002"));
        Assert.Equal(("Failed", "2024-Q3~" + Sha(Sample())), (failed.GetString("Status"), failed.RowKey));
    }
}

/// <summary>Ingestion on a local folder.</summary>
public sealed class FolderReturnIngestionTests : ReturnIngestionTests, IDisposable
{
    private readonly List<string> _folders = [];

    protected override Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        var root = Directory.CreateTempSubdirectory("impact-ingest-").FullName;
        _folders.Add(root);
        return Task.FromResult<IImpactStorage>(new FolderStorage(FolderLayout.At(root)));
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Ingestion on Azure Storage (Azurite), each test on an emptied account.</summary>
[Collection("Azurite")]
public sealed class AzureReturnIngestionTests(AzuriteFixture azurite) : ReturnIngestionTests
{
    protected override async Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        await azurite.ResetAsync();
        return AzureStorage.FromConnectionString(azurite.ConnectionString);
    }

    [Fact]
    public async Task IngestAllAsync_AVersionTheUploadFunctionTookMeanwhile_IsNotOverwritten_TheSweepsUploadTakesTheNext()
    {
        // The sweep holds MP-002's rows until its last upload; meanwhile the blob event ingests another upload of the same
        // quarter and takes v0001. The sweep's insert of v0001 then conflicts, and its upload goes through the unbuffered path.
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", SampleWith("62350,50", "61000"), "text/csv");
        var json = ReturnValidator.Validate(Sample(), Analytics.Returns.ReturnFormat.Csv, "x.csv", ValidationContext.None).Return!.ToCanonicalJson();
        var held = 0;
        var sweep = new FaultInjectingStorage(Storage)
        {
            BeforeWrite = async write =>
            {
                if (write is { Operation: "InsertRow", Target: StorageNames.Tables.Returns } && Interlocked.Exchange(ref held, 1) == 0)
                {
                    await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.json", json, "application/json");
                    var theirs = await new ReturnIngestion(Storage, Clock, ReportingOptions.Default).IngestAsync("MP-002/2024-Q3.json");
                    Assert.Equal((IngestionStatus.Accepted, 1), (theirs.Status, theirs.Version));
                }
            },
        };

        var swept = new SweptPartitions();
        var outcome = Assert.Single(await new ReturnIngestion(sweep, Clock, ReportingOptions.Default).IngestAllAsync(parallelism: 1, swept));

        // Its rows redone unbuffered, the sweep's copy is not what is stored: the workshop is not left for the next stage.
        Assert.Equal(0, swept.Count);
        Assert.Null(swept.Of("MP-002"));

        Assert.Equal(("MP-002/2024-Q3.csv", IngestionStatus.Accepted, 2), (outcome.BlobName, outcome.Status, outcome.Version));
        var versions = await RowsAsync(StorageNames.Tables.Returns, "MP-002");
        Assert.Equal([("2024-Q3~v0001", "MP-002/2024-Q3.json"), ("2024-Q3~v0002", "MP-002/2024-Q3.csv")], versions.Select(v => (v.RowKey, v.GetString("SourceBlob"))));
        var submissions = (await RowsAsync(StorageNames.Tables.Submissions, "MP-002")).Select(r => (r.GetString("BlobName"), r.GetString("Status"), r.Properties.GetValueOrDefault("Version")));
        Assert.Equal([("MP-002/2024-Q3.csv", "Accepted", (object?)2), ("MP-002/2024-Q3.json", "Accepted", 1)], submissions.OrderBy(s => s.Item1, StringComparer.Ordinal));
    }
}
