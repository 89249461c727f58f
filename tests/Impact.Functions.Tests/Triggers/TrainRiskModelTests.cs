using Impact.Testing;
using System.Text.Json;
using Impact.Functions.Triggers;
using Impact.Pipeline.Risk;
using Impact.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Tests.Triggers;

/// <summary>
/// The monthly TrainRiskModel timer in a scheme's first year (issue 14): too few labelled rows is a result, not a failed
/// execution. Resolved from the app's wiring and invoked on Azurite.
/// </summary>
[Collection("Azurite")]
public sealed class TrainRiskModelTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public async Task InitializeAsync() => _services = await SampleApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task RunAsync_TooLittleData_RecordsWhyLogsOnceAndSucceeds()
    {
        var log = new ListLogger<TrainRiskModel>();
        var function = new TrainRiskModel(_services.GetRequiredService<RiskTraining>(), log);

        await function.RunAsync(new TimerInfo(), CancellationToken.None);

        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("Risk model 20241115T060000Z not trained; version in service: none: pas entraîné : ", entry.Message, StringComparison.Ordinal);
        var storage = _services.GetRequiredService<IImpactStorage>();
        var record = await storage.ReadBlobAsync(StorageNames.Containers.Models, "risk/20241115T060000Z/not-trained.json");
        Assert.NotNull(record);
        using var json = JsonDocument.Parse(record.Content);
        Assert.Equal("2024-Q3", json.RootElement.GetProperty("last_observed_quarter").GetString());
        Assert.Equal(entry.Message[(entry.Message.IndexOf("pas entraîné", StringComparison.Ordinal))..], json.RootElement.GetProperty("reason").GetString());
        Assert.Null(await storage.GetBlobInfoAsync(StorageNames.Containers.Models, "risk/current.json"));
        Assert.Null(await storage.GetBlobInfoAsync(StorageNames.Containers.Models, "risk/20241115T060000Z/model.zip"));
    }
}
