using Impact.Testing;
using Impact.Functions.Triggers;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Tests.Triggers;

/// <summary>The QuarterlyRun timer function, resolved from the app's wiring and invoked on Azurite.</summary>
[Collection("Azurite")]
public sealed class QuarterlyRunTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public async Task InitializeAsync() =>
        _services = await SampleApp.StartAsync(azurite, new Dictionary<string, string?> { ["Reporting:DeadlineDays"] = "45" });

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public void Registration_BindsReportingOptionsFromSettings() =>
        Assert.Equal(45, _services.GetRequiredService<Impact.Analytics.Settings.ReportingOptions>().DeadlineDays);

    [Fact]
    public async Task RunAsync_RunsTheQuarterAndLogsTheSummary()
    {
        var log = new ListLogger<QuarterlyRun>();
        var function = new QuarterlyRun(_services.GetRequiredService<QuarterRun>(), log);

        await function.RunAsync(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        Assert.Equal("Quarterly run is past due: running now", log.Entries[0].Message);
        Assert.Equal(["ingestion", "lecture des versions", "indicateurs", "risques et alertes", "évaluation d'impact", "écriture", "site", "tables et file d'alertes"],
            log.Entries.Skip(3).Select(e => System.Text.RegularExpressions.Regex.Match(e.Message, "^Quarterly run stage (.+) took [0-9.]+ s$").Groups[1].Value));
        // Up to 2024-Q3 (the fake clock's last ended quarter): MP-001 is expected 12 quarters from 2021-Q4 and MP-002 9 from
        // 2022-Q3; the one upload is received now (Azurite's clock), so late. Both have missed returns for quarters: amber,
        // and with no alert history both coaches are told (the first run alerts every workshop already amber or red).
        Assert.Equal("Quarterly run up to 2024-Q3: 1 returns read (1 accepted, 0 rejected, 0 unchanged), 1 indicator rows, 21 returns expected, 1 received, 0 on time", log.Entries[1].Message);
        Assert.Equal("Risk: 0 red, 2 amber, 0 green (source scorecard); 2 alerts queued, 0 held back by coach capacity", log.Entries[2].Message);
        Assert.All(log.Entries.Skip(1), e => Assert.Equal(LogLevel.Information, e.Level));
        var storage = _services.GetRequiredService<IImpactStorage>();
        Assert.NotNull(await storage.GetBlobInfoAsync(StorageNames.Containers.Results, "indicators/indicators.csv"));
    }
}
