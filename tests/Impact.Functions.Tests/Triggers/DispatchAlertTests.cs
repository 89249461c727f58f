using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.Risk;
using Impact.Functions.Configuration;
using Impact.Functions.Triggers;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Impact.Functions.Tests.Triggers;

/// <summary>The DispatchAlert queue function, wired from settings, sending through a real SMTP server on loopback.</summary>
[Collection("Azurite")]
public sealed class DispatchAlertTests(AzuriteFixture azurite, SmtpServerFixture smtp) : IClassFixture<SmtpServerFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private static readonly RiskAlert Alert = new()
    {
        WorkshopId = "MP-002",
        WorkshopName = "Atelier des Quais",
        Quarter = new Quarter(2024, 3),
        Level = RiskLevel.Amber,
        Score = 0.41,
        Source = "scorecard",
        CoachId = "C-02",
        CoachEmail = "coach.c02@example.org",
        Reasons = ["Retours manquants ou en retard : 2 sur les 4 derniers trimestres"],
    };

    public async Task InitializeAsync()
    {
        await azurite.ResetAsync();
        smtp.Clear();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ImpactStorage"] = azurite.ConnectionString,
            ["Alerts:SmtpHost"] = SmtpServerFixture.Host,
            ["Alerts:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Security"] = "None",
            ["Alerts:Sender"] = "alertes@example.org",
            ["Alerts:DashboardBaseUrl"] = "https://func-impact-prod.azurewebsites.net/",
        }).Build();
        _services = new ServiceCollection().AddImpactPipeline(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task RunAsync_SendsOnceAndRecords()
    {
        var function = new DispatchAlert(_services.GetRequiredService<AlertDispatch>(), new ListLogger<DispatchAlert>());

        await function.RunAsync(Alert.ToJson(), CancellationToken.None);
        await function.RunAsync(Alert.ToJson(), CancellationToken.None);

        var mail = Assert.Single(smtp.Messages());
        Assert.Equal("[Manufactures de proximité] Atelier des Quais (MP-002) : risque à surveiller au T3 2024", mail.Subject);
        Assert.Contains("https://func-impact-prod.azurewebsites.net/app/workshops/MP-002", mail.TextBody, StringComparison.Ordinal);
        var row = await _services.GetRequiredService<IImpactStorage>().GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~amber");
        Assert.Equal("coach.c02@example.org", row!.GetString("CoachEmail"));
    }

    [Fact]
    public async Task RunAsync_SmtpDownThrowsSoTheHostRetriesThenPoisons()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ImpactStorage"] = azurite.ConnectionString,
            ["Alerts:SmtpHost"] = SmtpServerFixture.Host,
            ["Alerts:SmtpPort"] = SmtpServerFixture.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Security"] = "None",
        }).Build();
        await using var services = new ServiceCollection().AddImpactPipeline(configuration).BuildServiceProvider();
        var function = new DispatchAlert(services.GetRequiredService<AlertDispatch>(), new ListLogger<DispatchAlert>());

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => function.RunAsync(Alert.ToJson(), CancellationToken.None));
        // Only the intent is recorded: the retry sends it (docs/guarantees.md).
        Assert.Equal("Sending", (await services.GetRequiredService<IImpactStorage>().GetRowAsync(StorageNames.Tables.Alerts, "2024-Q3", "MP-002~amber"))!.GetString("Delivery"));
    }
}
