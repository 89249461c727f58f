using Impact.Functions.Triggers;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Tests.Triggers;

/// <summary>
/// The FollowUpRound timer function, resolved from the app's wiring and invoked on Azurite: while failed work waits,
/// it logs the warning the Azure Monitor log alert of the Bicep looks for; with nothing waiting, no warning.
/// </summary>
[Collection("Azurite")]
public sealed class FollowUpRoundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public async Task InitializeAsync() => _services = await SampleApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private FollowUpRound Function(ListLogger<FollowUpRound> log) =>
        new(_services.GetRequiredService<Pipeline.FollowUp.FollowUpRound>(), _services.GetRequiredService<IImpactStorage>(), log);

    [Fact]
    public async Task RunAsync_WarnsOfPoisonMessagesAndUnreplayedDeadLetters()
    {
        var storage = _services.GetRequiredService<IImpactStorage>();
        var quiet = new ListLogger<FollowUpRound>();
        await Function(quiet).RunAsync(new TimerInfo(), CancellationToken.None);
        Assert.DoesNotContain(quiet.Entries, e => e.Level == LogLevel.Warning);

        await storage.EnqueueAsync(StorageNames.Queues.RiskAlertsPoison, "{}");
        await storage.EnqueueAsync(StorageNames.Queues.RiskAlertsPoison, "{}");
        await storage.WriteBlobAsync(StorageNames.Containers.DeadLetters, "evgt/ingest-returns/2024/11/05/08/1.json", "[]"u8.ToArray(), "application/json");
        var log = new ListLogger<FollowUpRound>();

        await Function(log).RunAsync(new TimerInfo(), CancellationToken.None);

        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(FollowUpRound.FailedWorkMarker + ": 2 message(s) in risk-alerts-poison, 1 undelivered event file(s) in eventgrid-deadletter; fix the cause, then run impact replay --storage",
            warning.Message);
    }
}
