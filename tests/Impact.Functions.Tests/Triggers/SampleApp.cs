using Impact.Functions.Configuration;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Functions.Tests.Triggers;

/// <summary>
/// The app's wiring on Azurite with the samples' registry and MP-002's 2024-Q3 return uploaded, at the clock of the
/// scheme's autumn 2024 (2024-11-15 06:00 UTC: the default as-of quarter is 2024-Q3, inside the samples' windows).
/// </summary>
internal static class SampleApp
{
    public static readonly DateTimeOffset Now = new(2024, 11, 15, 6, 0, 0, TimeSpan.Zero);

    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");

    public static async Task<ServiceProvider> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await azurite.ResetAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["ImpactStorage"] = azurite.ConnectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddImpactPipeline(configuration)
            .BuildServiceProvider();
        var storage = services.GetRequiredService<IImpactStorage>();
        await storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv")), "text/csv");
        await storage.WriteBlobAsync(StorageNames.Containers.Returns, "MP-002/2024-Q3.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "returns", "MP-002", "2024-Q3.csv")), "text/csv");
        return services;
    }
}
