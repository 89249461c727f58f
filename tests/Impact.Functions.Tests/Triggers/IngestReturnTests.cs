using Impact.Functions.Configuration;
using Impact.Functions.Triggers;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Tests.Triggers;

/// <summary>The IngestReturn function class, resolved from the app's own wiring and invoked with a real blob client on Azurite.</summary>
[Collection("Azurite")]
public sealed class IngestReturnTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await azurite.ResetAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ImpactStorage"] = azurite.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddImpactPipeline(configuration).BuildServiceProvider();
        var registry = azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.Containers.Registry);
        await registry.CreateIfNotExistsAsync();
        await registry.UploadBlobAsync(StorageNames.Blobs.Workshops, BinaryData.FromBytes(await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv"))));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<(IngestReturn Function, ListLogger<IngestReturn> Log)> UploadAsync(string name, byte[] content)
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(StorageNames.Containers.Returns);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true);
        var log = new ListLogger<IngestReturn>();
        return (new IngestReturn(_services.GetRequiredService<ReturnIngestion>(), log), log);
    }

    [Fact]
    public async Task RunAsync_AcceptedUploadIsRecordedAndLogged()
    {
        var (function, log) = await UploadAsync("MP-002/2024-Q3.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "returns", "MP-002", "2024-Q3.csv")));
        var blob = azurite.CreateBlobServiceClient().GetBlobContainerClient("returns").GetBlobClient("MP-002/2024-Q3.csv");

        await function.RunAsync(blob, CancellationToken.None);

        var (level, message) = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Equal("Return MP-002/2024-Q3.csv of MP-002 for 2024-Q3: Accepted, version 1, 0 errors, 0 warnings, report MP-002/2024-Q3.json", message);
        var report = azurite.CreateBlobServiceClient().GetBlobContainerClient("reports").GetBlobClient("MP-002/2024-Q3.json");
        Assert.True((await report.ExistsAsync()).Value);
        var entity = await azurite.CreateTableServiceClient().GetTableClient("Returns").GetEntityAsync<Azure.Data.Tables.TableEntity>("MP-002", "2024-Q3~v0001");
        Assert.Equal(1, entity.Value.GetInt32("Version"));
    }

    [Fact]
    public async Task RunAsync_ReplayedEventChangesNothing()
    {
        var (function, log) = await UploadAsync("MP-002/2024-Q3.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "returns", "MP-002", "2024-Q3.csv")));
        var blob = azurite.CreateBlobServiceClient().GetBlobContainerClient("returns").GetBlobClient("MP-002/2024-Q3.csv");

        await function.RunAsync(blob, CancellationToken.None);
        await function.RunAsync(blob, CancellationToken.None);

        Assert.EndsWith("Unchanged, version 1, 0 errors, 0 warnings, report MP-002/2024-Q3.json", log.Entries[1].Message, StringComparison.Ordinal);
        var rows = azurite.CreateTableServiceClient().GetTableClient("Submissions").QueryAsync<Azure.Data.Tables.TableEntity>();
        var count = 0;
        await foreach (var _ in rows)
        {
            count++;
        }

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task RunAsync_RejectedUploadGetsAFrenchReport()
    {
        var (function, log) = await UploadAsync("MP-002/2024-Q3.csv", "workshop_id;quarter\nMP-002;2024-Q3\n"u8.ToArray());
        var blob = azurite.CreateBlobServiceClient().GetBlobContainerClient("returns").GetBlobClient("MP-002/2024-Q3.csv");

        await function.RunAsync(blob, CancellationToken.None);

        Assert.Equal("Return MP-002/2024-Q3.csv of MP-002 for 2024-Q3: Rejected, version , 36 errors, 0 warnings, report MP-002/2024-Q3.json", Assert.Single(log.Entries).Message);
        var text = (await azurite.CreateBlobServiceClient().GetBlobContainerClient("reports").GetBlobClient("MP-002/2024-Q3.txt").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("Résultat : REFUSÉ — 36 erreurs à corriger.", text, StringComparison.Ordinal);
    }
}
