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
        Assert.Contains("https://tableau.example.org/ateliers/MP-002.html", mail.TextBody, StringComparison.Ordinal);
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
    public async Task DispatchAsync_FailedSendThrowsAndRecordsNothingSoTheQueueRetries()
    {
        var down = new SmtpAlertSender(Options with { SmtpPort = SmtpServerFixture.FreePort() });

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => Dispatch(down).DispatchAsync(Alert.ToJson()));

        Assert.Null(await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~red"));
        Assert.Equal(DispatchStatus.Sent, await Dispatch().DispatchAsync(Alert.ToJson()));
    }

    [Fact]
    public async Task DrainQueueAsync_ReportsEachFailureWithItsReasonAndRecordsNothing()
    {
        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, Alert.ToJson());
        var noHost = new SmtpAlertSender(Options with { SmtpHost = "" });

        var drained = await Dispatch(noHost).DrainQueueAsync();

        Assert.Equal((0, 0), (drained.Sent, drained.AlreadySent));
        Assert.Equal("Réglage Alerts:SmtpHost vide : les alertes ne peuvent pas être envoyées par e-mail.", Assert.Single(drained.Failed).Reason);
        Assert.Null(await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~red"));
        Assert.Empty(smtp.Messages());
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
