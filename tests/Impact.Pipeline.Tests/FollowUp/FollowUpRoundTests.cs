using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.FollowUp;
using Impact.Analytics.Risk;
using Impact.Analytics.Settings;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.FollowUp;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Pipeline.Tests.FollowUp;

/// <summary>
/// The follow-up round on the sample registry (MP-001 of coach C-01, MP-002 of C-02), with a fake clock and a real SMTP
/// server on loopback: who is reminded of which quarter before and after the deadline (2024-Q3: 30 October 2024), the
/// weekly digest, and the alert without follow-up sent again once after 14 days; a second round sends nothing twice.
/// </summary>
public abstract class FollowUpRoundTests(SmtpServerFixture smtp) : IAsyncLifetime
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");

    // Friday 25 October 2024: five days before the 2024-Q3 deadline.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 10, 25, 7, 0, 0, TimeSpan.Zero));

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
        // MP-002 sent 2024-Q2 (received on the fake clock's day); nobody sent 2024-Q3; MP-001 never sent 2024-Q2.
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q2.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "returns", "MP-002", "2024-Q2.csv")), "text/csv");
        await new ReturnIngestion(Storage, _clock, ReportingOptions.Default).IngestAllAsync(parallelism: 1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<(string To, string Subject)>> RoundAsync()
    {
        smtp.Clear();
        await new FollowUpRound(Storage, _clock, ReportingOptions.Default, FollowUpOptions.Default, Options).RunAsync();
        await new AlertDispatch(Storage, new SmtpAlertSender(Options), _clock, Options).DrainQueueAsync();
        return [.. smtp.Messages().Select(m => (m.To.Mailboxes.Single().Address, m.Subject ?? "")).OrderBy(m => m.Address, StringComparer.Ordinal).ThenBy(m => m.Item2, StringComparer.Ordinal)];
    }

    [Fact]
    public async Task RemindersDigestsAndTheAlertReminderGoOnceEachToTheRightPerson()
    {
        var first = await RoundAsync();

        Assert.Equal(
        [
            ("bonjour@atelier-des-quais.example.org", "[Manufactures de proximité] Rappel : retour du T3 2024 attendu au plus tard le 30 octobre 2024"),
            ("coach.c01@example.org", "[Manufactures de proximité] Point de la semaine 43 : 1 retour manquant, aucune alerte sans suite, aucune alerte en attente"),
            ("contact@fabrique-du-val.example.org", "[Manufactures de proximité] Rappel : retour du T3 2024 attendu au plus tard le 30 octobre 2024"),
            ("contact@fabrique-du-val.example.org", "[Manufactures de proximité] Retour du T2 2024 en retard : date limite du 30 juillet 2024 dépassée"),
        ], first);
        var digest = smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == "coach.c01@example.org");
        Assert.Contains("Retours manquants, date limite dépassée (1) :\n- La Fabrique du Val (MP-001) : T2 2024, attendu au plus tard le 30/07/2024\n", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://tableau.example.org/app/coaches/C-01", digest.TextBody, StringComparison.Ordinal);
        Assert.Empty(await RoundAsync());

        // An alert e-mailed to C-02 today, another to C-01 that C-01 acts on.
        var dispatch = new AlertDispatch(Storage, new SmtpAlertSender(Options), _clock, Options);
        await dispatch.DispatchAsync(Alert("MP-002", "Atelier des Quais", "C-02", "coach.c02@example.org").ToJson());
        await dispatch.DispatchAsync(Alert("MP-001", "La Fabrique du Val", "C-01", "coach.c01@example.org").ToJson());
        await new FollowUpStore(Storage).AddAsync("MP-001", new AlertFollowUp("2024-Q3~MP-001~red", FollowUpAction.ContactMade, new DateOnly(2024, 10, 28), "Appel au gérant.", "coach.c01@example.org", _clock.GetUtcNow()));

        // Saturday 2 November: three days after the deadline, a new week.
        _clock.SetUtcNow(new DateTimeOffset(2024, 11, 2, 7, 0, 0, TimeSpan.Zero));
        var week = await RoundAsync();
        Assert.Equal(
        [
            ("bonjour@atelier-des-quais.example.org", "[Manufactures de proximité] Retour du T3 2024 en retard : date limite du 30 octobre 2024 dépassée"),
            ("coach.c01@example.org", "[Manufactures de proximité] Point de la semaine 44 : 2 retours manquants, aucune alerte sans suite, aucune alerte en attente"),
            ("coach.c02@example.org", "[Manufactures de proximité] Point de la semaine 44 : 1 retour manquant, 1 alerte sans suite, aucune alerte en attente"),
            ("contact@fabrique-du-val.example.org", "[Manufactures de proximité] Retour du T3 2024 en retard : date limite du 30 octobre 2024 dépassée"),
        ], week);
        var c02 = smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == "coach.c02@example.org");
        Assert.Contains("Alertes sans suite enregistrée (1) :\n- Atelier des Quais (MP-002) : risque élevé au T3 2024, alerte envoyée le 25/10/2024\n", c02.TextBody, StringComparison.Ordinal);

        // Thirteen days after the alert, only the next week's digests; on the fourteenth, C-02 is reminded once; C-01's
        // followed-up alert never is.
        _clock.SetUtcNow(new DateTimeOffset(2024, 11, 7, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(
        [
            ("coach.c01@example.org", "[Manufactures de proximité] Point de la semaine 45 : 2 retours manquants, aucune alerte sans suite, aucune alerte en attente"),
            ("coach.c02@example.org", "[Manufactures de proximité] Point de la semaine 45 : 1 retour manquant, 1 alerte sans suite, aucune alerte en attente"),
        ], await RoundAsync());
        _clock.SetUtcNow(new DateTimeOffset(2024, 11, 8, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal([("coach.c02@example.org", "[Manufactures de proximité] Rappel : alerte sans suite sur Atelier des Quais (MP-002), risque élevé au T3 2024")], await RoundAsync());
        var reminder = Assert.Single(smtp.Messages());
        Assert.Contains("n'a aucune suite enregistrée depuis 14 jours. Ce rappel n'est envoyé qu'une fois", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)\n", reminder.TextBody, StringComparison.Ordinal);
        Assert.Empty(await RoundAsync());

        var recorded = await new NoticeStore(Storage).OfAsync("C-02");
        Assert.Equal(
            [("alert-reminder~2024-Q3~MP-002~red", NoticeKind.AlertReminder, "coach.c02@example.org", AlertDelivery.Sent), ("coach-digest~2024-W44", NoticeKind.CoachDigest, "coach.c02@example.org", AlertDelivery.Sent),
                ("coach-digest~2024-W45", NoticeKind.CoachDigest, "coach.c02@example.org", AlertDelivery.Sent)],
            recorded.Select(r => (r.Row, r.Kind, r.Recipient, r.Delivery)));
    }

    private static RiskAlert Alert(string id, string name, string coach, string email) => new()
    {
        WorkshopId = id,
        WorkshopName = name,
        Quarter = new Quarter(2024, 3),
        Level = RiskLevel.Red,
        PreviousLevel = RiskLevel.Amber,
        Score = 0.82,
        Source = "scorecard",
        CoachId = coach,
        CoachEmail = email,
        Reasons = ["Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)"],
    };
}

public sealed class FolderFollowUpRoundTests(SmtpServerFixture smtp) : FollowUpRoundTests(smtp), IClassFixture<SmtpServerFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-followup-").FullName;

    protected override Task<IImpactStorage> CreateEmptyStorageAsync() => Task.FromResult<IImpactStorage>(new FolderStorage(FolderLayout.At(_root)));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

[Collection("Azurite")]
public sealed class AzureFollowUpRoundTests(AzuriteFixture azurite, SmtpServerFixture smtp) : FollowUpRoundTests(smtp), IClassFixture<SmtpServerFixture>
{
    protected override async Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        await azurite.ResetAsync();
        return AzureStorage.FromConnectionString(azurite.ConnectionString);
    }
}
