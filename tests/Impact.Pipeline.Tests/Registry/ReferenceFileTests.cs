using System.Text;
using Impact.Analytics;
using Impact.Analytics.Settings;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Pipeline.Tests.Registry;

/// <summary>
/// Edits of registry/workshops.csv validated like returns, on both adapters: every version is kept, a malformed one gets
/// its French report and the previous valid version stays in use (the run goes on and says so); with no valid version
/// before it, the refusal stands.
/// </summary>
public abstract class ReferenceFileTests : IAsyncLifetime
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");
    private static readonly string SampleRegistry = File.ReadAllText(Path.Combine(Samples, "registry", "workshops.csv"));
    private const string Refusal = "Registre des manufactures illisible : ligne 3, colonne territory_type : valeur « forêt » invalide.";

    protected IImpactStorage Storage { get; private set; } = null!;

    protected abstract Task<IImpactStorage> CreateEmptyStorageAsync();

    public async Task InitializeAsync() => Storage = await CreateEmptyStorageAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task UploadRegistryAsync(string text) =>
        Storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, Encoding.UTF8.GetBytes(text), "text/csv");

    private async Task<List<string>> KeptAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Storage.ListBlobsAsync(StorageNames.Containers.Reports, ReferenceFiles.VersionsPrefix(StorageNames.Blobs.Workshops)))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    [Fact]
    public async Task AMalformedEditKeepsThePreviousVersionInUseWithItsReport()
    {
        await UploadRegistryAsync(SampleRegistry);
        Assert.Equal(["MP-001", "MP-002"], (await new RegistrySource(Storage).GetAsync()).Workshops.Select(w => w.WorkshopId));
        await Task.Delay(5); // distinct receipt times, as two uploads by a person are
        await UploadRegistryAsync(SampleRegistry.Replace(",qpv,", ",forêt,", StringComparison.Ordinal) + "MP-003,Nouvel atelier,Bretagne,35,35238,urban,48.1,-1.6,4,2024-01-10,2024-01-10,2026-06-30,200000,C-01,coach.c01@example.org,6,0.5,association,\n");

        var source = new RegistrySource(Storage);
        Assert.Equal(["MP-001", "MP-002"], (await source.GetAsync()).Workshops.Select(w => w.WorkshopId));
        var status = (await source.StatusAsync())!;
        var kept = await KeptAsync();
        Assert.Equal((Refusal, $"reports/{kept[0]}"), (status.Refusal, status.VersionInUse));
        Assert.Equal(3, kept.Count);
        Assert.EndsWith(".csv", kept[1], StringComparison.Ordinal);
        Assert.Equal(Path.ChangeExtension(kept[1], ".rapport.txt"), kept[2]);
        var report = Encoding.UTF8.GetString((await Storage.ReadBlobAsync(StorageNames.Containers.Reports, kept[2]))!.Content.Span);
        Assert.StartsWith("Fichier registry/workshops.csv refusé (reçu le ", report, StringComparison.Ordinal);
        Assert.EndsWith($", heure de Paris) : {Refusal}\nLa version précédente valable reste en service : reports/{kept[0]}.\nCorrigez le fichier puis déposez-le à nouveau.\n", report, StringComparison.Ordinal);

        // The run goes on with the version in use, and says why.
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 11, 20, 6, 0, 0, TimeSpan.Zero));
        var summary = await new QuarterRun(Storage, clock, new RunOptions { PublishSite = false }, ReportingOptions.Default).RunAsync(new Quarter(2024, 3));
        Assert.Equal($"{Refusal} La version précédente valable reste en service : reports/{kept[0]}.", summary.RegistryRefusal);
        Assert.Contains($"- registre refusé : {Refusal} La version précédente", summary.ToFrenchText(), StringComparison.Ordinal);

        // Corrected: the new version is in use, and every version is kept.
        await Task.Delay(5);
        await UploadRegistryAsync(SampleRegistry + "MP-003,Nouvel atelier,Bretagne,35,35238,urban,48.1,-1.6,4,2024-01-10,2024-01-10,2026-06-30,200000,C-01,coach.c01@example.org,6,0.5,association,\n");
        var fixedSource = new RegistrySource(Storage);
        Assert.Equal(["MP-001", "MP-002", "MP-003"], (await fixedSource.GetAsync()).Workshops.Select(w => w.WorkshopId));
        Assert.Null(await fixedSource.StatusAsync());
        Assert.Equal(4, (await KeptAsync()).Count);
    }

    [Fact]
    public async Task AMalformedOutcomesEditKeepsThePreviousOutcomesForTheRun()
    {
        await UploadRegistryAsync(SampleRegistry);
        var registry = await new RegistrySource(Storage).GetAsync();
        await Storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Outcomes,
            "workshop_id,quarter,event,note\nMP-001,2024-Q2,distress,trésorerie à zéro\n"u8.ToArray(), "text/csv");
        Assert.Equal([("MP-001", "2024-Q2", "distress")], await OutcomesAsync(registry));
        await Task.Delay(5);
        await Storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Outcomes,
            "workshop_id,quarter,event,note\nMP-001,2024-Q2,faillite,\n"u8.ToArray(), "text/csv");

        // A new reader (the next run) still learns from the previous valid version; the refused one has its French report.
        Assert.Equal([("MP-001", "2024-Q2", "distress")], await OutcomesAsync(registry));
        var kept = new List<string>();
        await foreach (var blob in Storage.ListBlobsAsync(StorageNames.Containers.Reports, ReferenceFiles.VersionsPrefix(StorageNames.Blobs.Outcomes)))
        {
            kept.Add(blob.Name);
        }

        Assert.Equal(3, kept.Count);
        var report = Encoding.UTF8.GetString((await Storage.ReadBlobAsync(StorageNames.Containers.Reports, kept[2]))!.Content.Span);
        Assert.StartsWith("Fichier registry/outcomes.csv refusé (reçu le ", report, StringComparison.Ordinal);
        Assert.EndsWith($"La version précédente valable reste en service : reports/{kept[0]}.\nCorrigez le fichier puis déposez-le à nouveau.\n", report, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<(string, string, string)>> OutcomesAsync(Analytics.Registry.WorkshopRegistry registry) =>
        [.. (await new WorkshopRecords(Storage, ReportingOptions.Default).LoadAsync(registry, new Quarter(2024, 3), 1))
            .SelectMany(h => h.Outcomes).Select(o => (o.WorkshopId, o.Quarter.ToString(), o.Event))];

    [Fact]
    public async Task AMalformedFirstVersionIsRefusedWithItsReport()
    {
        await UploadRegistryAsync(SampleRegistry.Replace(",qpv,", ",forêt,", StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<ImpactException>(() => new RegistrySource(Storage).GetAsync());

        Assert.Equal("Registre des manufactures illisible : ligne 3, colonne territory_type : valeur « forêt » invalide.", refused.Message);
        var kept = await KeptAsync();
        Assert.Equal(2, kept.Count);
        Assert.EndsWith("Aucune version précédente n'est valable : rien ne peut être traité tant que le fichier n'est pas corrigé.\n",
            Encoding.UTF8.GetString((await Storage.ReadBlobAsync(StorageNames.Containers.Reports, kept[1]))!.Content.Span), StringComparison.Ordinal);
    }
}

public sealed class FolderReferenceFileTests : ReferenceFileTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-reference-").FullName;

    protected override Task<IImpactStorage> CreateEmptyStorageAsync() => Task.FromResult<IImpactStorage>(new FolderStorage(FolderLayout.At(_root)));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

[Collection("Azurite")]
public sealed class AzureReferenceFileTests(AzuriteFixture azurite) : ReferenceFileTests
{
    protected override async Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        await azurite.ResetAsync();
        return AzureStorage.FromConnectionString(azurite.ConnectionString);
    }
}
