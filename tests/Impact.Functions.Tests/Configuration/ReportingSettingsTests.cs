using System.Text;
using Impact.Analytics.Settings;
using Impact.Functions.Configuration;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Functions.Tests.Configuration;

/// <summary>
/// One record of reporting rules (<c>Reporting__DeadlineDays</c>, <c>Reporting__FollowUpQuarters</c>) for every use case of
/// the app: the same upload is judged the same way by the IngestReturn function and by the quarterly run's catch-up
/// ingestion, and a bad value stops the host at start with a message naming the setting.
/// </summary>
[Collection("Azurite")]
public sealed class ReportingSettingsTests(AzuriteFixture azurite)
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");

    /// <summary>MP-001's support ends in 2024-Q2: with 2 follow-up quarters its window closes in 2024-Q4, so 2025-Q1 is outside it (it is inside with the default 4).</summary>
    private static byte[] Mp001Of2025Q1() =>
        Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(Samples, "returns", "MP-001", "2024-Q3.json")).Replace("\"2024-Q3\"", "\"2025-Q1\"", StringComparison.Ordinal));

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["ImpactStorage"] = azurite.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero)));
        return services.AddImpactPipeline(configuration).BuildServiceProvider();
    }

    private async Task<IImpactStorage> FreshStorageAsync(ServiceProvider services)
    {
        await azurite.ResetAsync();
        var storage = services.GetRequiredService<IImpactStorage>();
        await storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")), "text/csv");
        await storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-001/2025-Q1.json", Mp001Of2025Q1(), "application/json");
        return storage;
    }

    [Fact]
    public async Task IngestReturnAndTheRun_JudgeTheSameUploadTheSameWay()
    {
        // Two apps of the same settings on two fresh accounts: one ingests through the function's use case, the other through the run.
        Dictionary<string, string?> settings = new() { ["Reporting:DeadlineDays"] = "45", ["Reporting:FollowUpQuarters"] = "2" };
        await using var functionApp = Services(settings);
        Assert.Equal(new ReportingOptions { DeadlineDays = 45, FollowUpQuarters = 2 }, functionApp.GetRequiredService<ReportingOptions>());
        var storage = await FreshStorageAsync(functionApp);
        var byFunction = await functionApp.GetRequiredService<ReturnIngestion>().IngestAsync("MP-001/2025-Q1.json");
        var functionReport = Encoding.UTF8.GetString((await storage.ReadBlobAsync(StorageNames.Containers.Reports, "MP-001/2025-Q1.json"))!.Content.Span);

        await using var runApp = Services(settings);
        storage = await FreshStorageAsync(runApp);
        var summary = await runApp.GetRequiredService<QuarterRun>().RunAsync(new Analytics.Quarter(2025, 1));
        var runReport = Encoding.UTF8.GetString((await storage.ReadBlobAsync(StorageNames.Containers.Reports, "MP-001/2025-Q1.json"))!.Content.Span);

        Assert.Equal(IngestionStatus.Rejected, byFunction.Status);
        Assert.Equal((0, 1), (summary.Accepted, summary.Rejected));
        Assert.Contains("\"rule\": \"registry.outside_window\"", functionReport, StringComparison.Ordinal);
        // The same report but for the upload's receipt time (each account received its own copy).
        Assert.Equal(WithoutReceipt(functionReport), WithoutReceipt(runReport));
    }

    private static string WithoutReceipt(string reportJson) =>
        System.Text.RegularExpressions.Regex.Replace(reportJson, "\"received_at\": \"[^\"]*\"", "\"received_at\": \"…\"");

    [Fact]
    public async Task IngestReturn_DefaultWindowAcceptsTheSameUpload()
    {
        await using var services = Services([]);
        await FreshStorageAsync(services);

        var outcome = await services.GetRequiredService<ReturnIngestion>().IngestAsync("MP-001/2025-Q1.json");

        Assert.Equal(IngestionStatus.Accepted, outcome.Status);
    }

    [Theory]
    [InlineData("Reporting:DeadlineDays", "400", "Réglage Reporting:DeadlineDays invalide (400) : attendu un nombre de jours de 0 à 365.")]
    [InlineData("Reporting:FollowUpQuarters", "-1", "Réglage Reporting:FollowUpQuarters invalide (-1) : attendu un nombre de trimestres de 0 à 40.")]
    [InlineData("QuarterlyRun:Parallelism", "0", "Réglage QuarterlyRun:Parallelism invalide (0) : attendu un nombre de manufactures traitées à la fois de 1 à 64.")]
    [InlineData("Alerts:CapacityPerCoach", "101", "Réglage Alerts:CapacityPerCoach invalide (101) : attendu de 0 à 100 alertes par accompagnateur et par trimestre.")]
    [InlineData("Risk:Folds", "1", "Réglage Risk:Folds invalide (1) : attendu de 2 à 20 plis.")]
    public async Task Start_StopsOnABadSettingNamingIt(string key, string value, string expected)
    {
        await using var services = Services(new() { [key] = value });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(expected, Assert.Single(e.Failures));
    }

    [Fact]
    public async Task Start_RefusesAnUnknownSmtpSecurity()
    {
        await using var services = Services(new() { ["Alerts:Security"] = "StartTLSS" });

        var e = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("StartTLSS", e.Message + e.InnerException?.Message, StringComparison.Ordinal);
    }
}
