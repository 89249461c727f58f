using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.Risk;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Impact.Pipeline.Tests.Alerts;

/// <summary>Alerts e-mailed through a real SMTP server on loopback, and recorded once, on both storage adapters.</summary>
public abstract class AlertDispatchTests(SmtpServerFixture smtp) : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2024, 11, 4, 6, 0, 0, TimeSpan.Zero));

    private static readonly RiskAlert Alert = new()
    {
        WorkshopId = "MP-002",
        WorkshopName = "Atelier des Quais",
        Quarter = new Quarter(2024, 3),
        Level = RiskLevel.Red,
        PreviousLevel = RiskLevel.Amber,
        Score = 0.82,
        Source = "model",
        CoachId = "C-02",
        CoachEmail = "coach.c02@example.org",
        Reasons = ["Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)"],
    };

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
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private AlertDispatch Dispatch(IAlertSender? sender = null) => new(Storage, sender ?? new SmtpAlertSender(Options), Clock, Options);

    [Fact]
    public async Task DispatchAsync_SendsTheCoachAFrenchEmailAndRecordsIt()
    {
        Assert.Equal(DispatchStatus.Sent, await Dispatch().DispatchAsync(Alert.ToJson()));

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal(["coach.c02@example.org"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("alertes@example.org", mail.From.Mailboxes.Single().Address);
        Assert.Equal("[Manufactures de proximité] Atelier des Quais (MP-002) : risque élevé au T3 2024", mail.Subject);
        Assert.Contains("- Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://tableau.example.org/app/workshops/MP-002", mail.TextBody, StringComparison.Ordinal);
        var row = await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~red");
        Assert.Equal(("C-02", "amber", Clock.GetUtcNow()), (row!.GetString("CoachId"), row.GetString("PreviousLevel"), (DateTimeOffset)row.Properties["SentAt"]!));
    }

    [Fact]
    public async Task DispatchAsync_ReplayedMessageSendsNothingTwice()
    {
        await Dispatch().DispatchAsync(Alert.ToJson());

        Assert.Equal(DispatchStatus.AlreadySent, await Dispatch().DispatchAsync(Alert.ToJson()));
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task DispatchAsync_FailedSendThrowsAndLeavesTheIntentSoTheQueueRetriesOnce()
    {
        var down = new SmtpAlertSender(Options with { SmtpPort = SmtpServerFixture.FreePort() });

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => Dispatch(down).DispatchAsync(Alert.ToJson()));

        var intent = (await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~red"))!;
        Assert.Equal(("Sending", "mp-002.2024-q3.red@alertes.manufactures", Clock.GetUtcNow()),
            (intent.GetString("Delivery"), intent.GetString("MessageId"), (DateTimeOffset)intent.Properties["AttemptedAt"]!));
        Assert.Equal(DispatchStatus.Sent, await Dispatch().DispatchAsync(Alert.ToJson()));
        Assert.Equal("mp-002.2024-q3.red@alertes.manufactures", Assert.Single(smtp.Messages()).MessageId);
        Assert.Equal("Sent", (await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~red"))!.GetString("Delivery"));
    }

    [Fact]
    public async Task DispatchAsync_TheIntentIsRecordedBeforeTheEmailLeaves()
    {
        var seen = new List<string?>();
        var watching = new WatchingSender(async () => seen.Add((await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~red"))?.GetString("Delivery")));

        await Dispatch(watching).DispatchAsync(Alert.ToJson());

        Assert.Equal(["Sending"], seen);
    }

    [Fact]
    public async Task DispatchAsync_ACrashAfterThePickupFolderTookItNeverWritesItTwice()
    {
        var folder = Directory.CreateTempSubdirectory("impact-eml-").FullName;
        try
        {
            var pickup = new PickupFolderAlertSender(folder);
            var dying = new FaultInjectingStorage(Storage) { CrashBefore = 2 }; // 1: the intent; 2: "sent", never written
            await Assert.ThrowsAsync<SimulatedCrashException>(() => new AlertDispatch(dying, pickup, Clock, Options).DispatchAsync(Alert.ToJson()));
            var written = File.GetLastWriteTimeUtc(Path.Combine(folder, "mp-002.2024-q3.red.eml"));
            var counting = new WatchingSender(() => Task.CompletedTask, pickup);

            Assert.Equal(DispatchStatus.AlreadySent, await Dispatch(counting).DispatchAsync(Alert.ToJson()));

            Assert.Equal(0, counting.Sends);
            Assert.Equal(["mp-002.2024-q3.red.eml"], Directory.GetFiles(folder).Select(Path.GetFileName));
            Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(folder, "mp-002.2024-q3.red.eml")));
            Assert.Equal("Sent", (await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~red"))!.GetString("Delivery"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DispatchAsync_ACrashAfterTheSmtpServerTookItResendsTheSameMessageId()
    {
        // An SMTP server cannot be asked what it accepted: the retry sends again (at least once), with the same
        // Message-ID, which the coach's mail system uses to drop the copy (docs/guarantees.md).
        var dying = new FaultInjectingStorage(Storage) { CrashBefore = 2 };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => new AlertDispatch(dying, new SmtpAlertSender(Options), Clock, Options).DispatchAsync(Alert.ToJson()));

        Assert.Equal(DispatchStatus.Sent, await Dispatch().DispatchAsync(Alert.ToJson()));

        Assert.Equal(["mp-002.2024-q3.red@alertes.manufactures", "mp-002.2024-q3.red@alertes.manufactures"], smtp.Messages().Select(m => m.MessageId));
        Assert.Equal(DispatchStatus.AlreadySent, await Dispatch().DispatchAsync(Alert.ToJson()));
        Assert.Equal(2, smtp.Messages().Count);
    }

    [Fact]
    public async Task DispatchAsync_ACrashBeforeTheSendSendsItOnceOnRetry()
    {
        var dying = new FaultInjectingStorage(Storage) { CrashBefore = 1 };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => new AlertDispatch(dying, new SmtpAlertSender(Options), Clock, Options).DispatchAsync(Alert.ToJson()));
        Assert.Empty(smtp.Messages());

        Assert.Equal(DispatchStatus.Sent, await Dispatch().DispatchAsync(Alert.ToJson()));

        Assert.Single(smtp.Messages());
    }

    /// <summary>A sender that runs a probe when asked to send, then hands over to <paramref name="inner"/> (if any).</summary>
    private sealed class WatchingSender(Func<Task> probe, IAlertSender? inner = null) : IAlertSender
    {
        public int Sends { get; private set; }

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
        {
            Sends++;
            await probe();
            if (inner is not null)
            {
                await inner.SendAsync(message, cancellationToken);
            }
        }

        public Task<bool> HoldsAsync(string messageId, CancellationToken cancellationToken = default) =>
            inner?.HoldsAsync(messageId, cancellationToken) ?? Task.FromResult(false);
    }

    [Fact]
    public async Task DrainQueueAsync_ReportsEachFailureWithItsReasonAndKeepsTheIntent()
    {
        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, Alert.ToJson());
        var noHost = new SmtpAlertSender(Options with { SmtpHost = "" });

        var drained = await Dispatch(noHost).DrainQueueAsync();

        Assert.Equal((0, 0), (drained.Sent, drained.AlreadySent));
        Assert.Equal("Réglage Alerts:SmtpHost vide : les alertes ne peuvent pas être envoyées par e-mail.", Assert.Single(drained.Failed).Reason);
        Assert.Equal("Sending", (await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~red"))!.GetString("Delivery"));
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task DrainQueueAsync_ManyAlerts_EachSentOnce_TheirRowsWrittenBatchByBatchOnAFolder()
    {
        // 40 alerts of one quarter, the first queued twice in a row (a replay within one batch of 32).
        var alerts = Enumerable.Range(1, 40).Select(i => Alert with { WorkshopId = $"MP-{i:000}" }).ToList();
        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, alerts[0].ToJson());
        foreach (var alert in alerts)
        {
            await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, alert.ToJson());
        }

        var folder = Directory.CreateTempSubdirectory("impact-eml-").FullName;
        try
        {
            var counting = new FaultInjectingStorage(Storage);
            var drained = await new AlertDispatch(counting, new PickupFolderAlertSender(folder), Clock, Options).DrainQueueAsync();

            Assert.Equal((40, 1, 0), (drained.Sent, drained.AlreadySent, drained.Failed.Count));
            Assert.Equal(40, Directory.GetFiles(folder, "*.eml").Length);
            Assert.Equal(0, await Storage.CountMessagesAsync(StorageNames.Queues.RiskAlerts));
            foreach (var alert in alerts)
            {
                Assert.Equal("Sent", (await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", $"{alert.WorkshopId}~red"))!.GetString("Delivery"));
            }

            // On a folder (one writer) each batch's intents in one write, then its "sent" rows in one: 2 batches, 4 writes.
            // On an account, where another dispatcher may be at work: each intent inserted insert-only, each "sent" upserted.
            Assert.Equal(Storage.SoleWriter ? 4 : 80, counting.Writes.Count(w => w.Target == StorageNames.Tables.Alerts));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DispatchAsync_PickupFolderWritesAnEmlFile()
    {
        var folder = Directory.CreateTempSubdirectory("impact-eml-").FullName;
        try
        {
            await Dispatch(new PickupFolderAlertSender(folder)).DispatchAsync(Alert.ToJson());

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal("mp-002.2024-q3.red.eml", Path.GetFileName(file));
            Assert.Equal("[Manufactures de proximité] Atelier des Quais (MP-002) : risque élevé au T3 2024", (await MimeMessage.LoadAsync(file)).Subject);
            Assert.Empty(smtp.Messages());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Alert dispatch recorded in a folder.</summary>
public sealed class FolderAlertDispatchTests(SmtpServerFixture smtp) : AlertDispatchTests(smtp), IClassFixture<SmtpServerFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-alerts-").FullName;

    protected override Task<IImpactStorage> CreateEmptyStorageAsync() => Task.FromResult<IImpactStorage>(new FolderStorage(FolderLayout.At(_root)));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>Alert dispatch recorded in Azure Table storage (Azurite).</summary>
[Collection("Azurite")]
public sealed class AzureAlertDispatchTests(AzuriteFixture azurite, SmtpServerFixture smtp) : AlertDispatchTests(smtp), IClassFixture<SmtpServerFixture>
{
    protected override async Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        await azurite.ResetAsync();
        return AzureStorage.FromConnectionString(azurite.ConnectionString);
    }
}
