using System.Text;
using Impact.Analytics.FollowUp;
using Impact.Analytics.Settings;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Pipeline.Tests.Alerts;

/// <summary>
/// Workshops told of their upload through a real SMTP server on loopback: a rejected return's errors go to the
/// registry's contact_email once, whatever is replayed; a clean acceptance sends nothing unless receipts are asked.
/// </summary>
public abstract class NoticeDispatchTests(SmtpServerFixture smtp) : IAsyncLifetime
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 10, 14, 8, 0, 0, TimeSpan.Zero));

    protected IImpactStorage Storage { get; private set; } = null!;

    private AlertOptions Options => new()
    {
        SmtpHost = SmtpServerFixture.Host,
        SmtpPort = smtp.Port,
        Security = SmtpSecurity.None,
        Sender = "alertes@example.org",
        DashboardBaseUrl = new Uri("https://tableau.example.org/"),
    };

    protected abstract Task<IImpactStorage> CreateEmptyStorageAsync();

    public async Task InitializeAsync()
    {
        smtp.Clear();
        Storage = await CreateEmptyStorageAsync();
        await Storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")), "text/csv");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private ReturnIngestion Ingestion(bool receipts = false) => new(Storage, Clock, ReportingOptions.Default, new FollowUpOptions { SendReceipts = receipts }, Options);

    private AlertDispatch Dispatch() => new(Storage, new SmtpAlertSender(Options), Clock, Options);

    private async Task UploadAsync(string name, Func<string, string>? edit = null)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Samples, "returns", name));
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, name, Encoding.UTF8.GetBytes(edit is null ? text : edit(text)), "text/csv");
    }

    [Fact]
    public async Task ARejectedReturnTellsTheWorkshopItsErrorsOnce()
    {
        await UploadAsync("MP-002/2024-Q3.csv", t => t.Replace("MP-002;2024-Q3;active;7;5,8;", "MP-002;2024-Q3;active;-7;5,8;", StringComparison.Ordinal));
        Assert.Equal(IngestionStatus.Rejected, (await Ingestion().IngestAsync("MP-002/2024-Q3.csv")).Status);

        var drained = await Dispatch().DrainQueueAsync();

        Assert.Equal((1, 0, 0), (drained.Sent, drained.AlreadySent, drained.Failed.Count));
        var mail = Assert.Single(smtp.Messages());
        Assert.Equal(["bonjour@atelier-des-quais.example.org"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.StartsWith("[Manufactures de proximité] Retour du T3 2024 refusé : ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("(staff_headcount) — valeur reçue : « -7 »", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://tableau.example.org/app/workshops/MP-002", mail.TextBody, StringComparison.Ordinal);

        var rows = new List<TableRow>();
        await foreach (var row in Storage.QueryPartitionAsync(StorageNames.Tables.Notices, "MP-002"))
        {
            rows.Add(row);
        }

        var recorded = Assert.Single(rows);
        Assert.StartsWith("return-rejected~2024-Q3~", recorded.RowKey, StringComparison.Ordinal);
        Assert.Equal(("ReturnRejected", "bonjour@atelier-des-quais.example.org", "Sent", Clock.GetUtcNow()),
            (recorded.GetString("Kind"), recorded.GetString("Recipient"), recorded.GetString("Delivery"), (DateTimeOffset)recorded.Properties["SentAt"]!));

        // The same blob ingested again (a replayed event), and the same message delivered again: nothing more is sent.
        Assert.Equal(IngestionStatus.Unchanged, (await Ingestion().IngestAsync("MP-002/2024-Q3.csv")).Status);
        Assert.Equal(0, (await Dispatch().DrainQueueAsync()).Sent);
        var notice = NoticeTexts.ForReport(
            Analytics.Registry.WorkshopRegistry.Read(await File.ReadAllTextAsync(Path.Combine(Samples, "registry", "workshops.csv"))).Find("MP-002")!,
            Analytics.Validation.ValidationReport.FromJson((await Storage.ReadBlobAsync(StorageNames.Containers.Reports, "MP-002/2024-Q3.json"))!.Content.Span),
            Options.DashboardBaseUrl, sendReceipts: false)!;
        Assert.Equal(recorded.RowKey, notice.Row);
        Assert.Equal(DispatchStatus.AlreadySent, await Dispatch().DispatchAsync(notice.ToJson()));
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task ACleanAcceptanceSendsNothingUnlessReceiptsAreAsked()
    {
        await UploadAsync("MP-002/2024-Q2.csv");
        await UploadAsync("MP-001/2024-Q3.json");
        Assert.Equal(IngestionStatus.Accepted, (await Ingestion().IngestAsync("MP-002/2024-Q2.csv")).Status);
        Assert.Equal(0, (await Dispatch().DrainQueueAsync()).Sent);

        Assert.Equal(IngestionStatus.Accepted, (await Ingestion(receipts: true).IngestAsync("MP-001/2024-Q3.json")).Status);
        Assert.Equal(1, (await Dispatch().DrainQueueAsync()).Sent);
        var mail = Assert.Single(smtp.Messages());
        Assert.Equal(("contact@fabrique-du-val.example.org", "[Manufactures de proximité] Retour du T3 2024 reçu et accepté"), (mail.To.Mailboxes.Single().Address, mail.Subject));
    }
}

public sealed class FolderNoticeDispatchTests(SmtpServerFixture smtp) : NoticeDispatchTests(smtp), IClassFixture<SmtpServerFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-notices-").FullName;

    protected override Task<IImpactStorage> CreateEmptyStorageAsync() => Task.FromResult<IImpactStorage>(new FolderStorage(FolderLayout.At(_root)));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

[Collection("Azurite")]
public sealed class AzureNoticeDispatchTests(AzuriteFixture azurite, SmtpServerFixture smtp) : NoticeDispatchTests(smtp), IClassFixture<SmtpServerFixture>
{
    protected override async Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        await azurite.ResetAsync();
        return AzureStorage.FromConnectionString(azurite.ConnectionString);
    }
}
