using System.Text;
using Impact.Analytics.Settings;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Retention;
using Impact.Pipeline.Storage;
using Impact.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Impact.Pipeline.Tests.Retention;

/// <summary>
/// What expires, expires, on a folder as the Bicep lifecycle rule does on Azure: reports last modified more than
/// RetentionOptions.ReportDays ago are deleted, newer ones stay, other containers are never touched; the kept version
/// of the registry in use is written again before it can age that far, so the fallback survives while older versions go.
/// </summary>
public sealed class RetentionSweepTests : IDisposable
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "samples");
    private readonly string _root = Directory.CreateTempSubdirectory("impact-retention-").FullName;
    private readonly FolderStorage _storage;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public RetentionSweepTests() => _storage = new FolderStorage(FolderLayout.At(_root));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task WriteAgedAsync(string container, string name, int daysAgo)
    {
        await _storage.WriteBlobAsync(container, name, "{}"u8.ToArray(), "application/json");
        File.SetLastWriteTimeUtc(Path.Combine(_root, container, name.Replace('/', Path.DirectorySeparatorChar)), _now.AddDays(-daysAgo).UtcDateTime);
    }

    private async Task<List<string>> NamesAsync(string container)
    {
        var names = new List<string>();
        await foreach (var blob in _storage.ListBlobsAsync(container))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    [Fact]
    public async Task ReportsOlderThanTheRetentionAreDeletedAndNothingElse()
    {
        await WriteAgedAsync(StorageNames.Containers.Reports, "MP-001/2022-Q1.json", 731);
        await WriteAgedAsync(StorageNames.Containers.Reports, "MP-001/2022-Q1/ab12.txt", 900);
        await WriteAgedAsync(StorageNames.Containers.Reports, "MP-001/2022-Q2.json", 729);
        await WriteAgedAsync(StorageNames.Containers.Returns, "MP-001/2022-Q1.csv", 1200);

        var deleted = await new RetentionSweep(_storage, new FakeTimeProvider(_now), RetentionOptions.Default).SweepAsync();

        Assert.Equal(2, deleted);
        Assert.Equal(["MP-001/2022-Q2.json"], await NamesAsync(StorageNames.Containers.Reports));
        Assert.Equal(["MP-001/2022-Q1.csv"], await NamesAsync(StorageNames.Containers.Returns));
        Assert.Equal(0, await new RetentionSweep(_storage, new FakeTimeProvider(_now), RetentionOptions.Default).SweepAsync());
    }

    [Fact]
    public async Task TheRegistryVersionInUseIsRefreshedAndOutlivesTheSweepWhileAnOldUnusedVersionGoes()
    {
        var registry = await File.ReadAllBytesAsync(Path.Combine(Samples, "registry", "workshops.csv"));
        await _storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, registry, "text/csv");
        Assert.Equal(2, (await new RegistrySource(_storage, time: new FakeTimeProvider(_now)).GetAsync()).Workshops.Count);
        var prefix = ReferenceFiles.VersionsPrefix(StorageNames.Blobs.Workshops);
        var inUse = Assert.Single(await NamesAsync(StorageNames.Containers.Reports));
        // Two years on: the copy of the version in use is as old as its first reading, and an older version sits beside it.
        File.SetLastWriteTimeUtc(Path.Combine(_root, "reports", inUse.Replace('/', Path.DirectorySeparatorChar)), _now.AddDays(-800).UtcDateTime);
        await WriteAgedAsync(StorageNames.Containers.Reports, prefix + "20200101T000000000Z-000000000000.csv", 2000);

        // Any reader (ingestion, the run, the sign-in) writes the in-use copy again; then the sweep runs.
        Assert.Equal(2, (await new RegistrySource(_storage, time: new FakeTimeProvider(_now)).GetAsync()).Workshops.Count);
        var deleted = await new RetentionSweep(_storage, new FakeTimeProvider(_now), RetentionOptions.Default).SweepAsync();

        Assert.Equal(1, deleted);
        Assert.Equal([inUse], await NamesAsync(StorageNames.Containers.Reports));
        Assert.Equal(registry, (await _storage.ReadBlobAsync(StorageNames.Containers.Reports, inUse))!.Content.ToArray());
        // A bad edit afterwards still falls back to it.
        await _storage.WriteBlobAsync(StorageNames.Containers.Registry, StorageNames.Blobs.Workshops, Encoding.UTF8.GetBytes("workshop_id\nMP-001\n"), "text/csv");
        var status = await new RegistrySource(_storage, time: new FakeTimeProvider(_now)).StatusAsync();
        Assert.Equal($"reports/{inUse}", status!.VersionInUse);
    }

    [Fact]
    public void TheFolderDefaultIsTheBicepDefault() =>
        Assert.Contains($"param reportRetentionDays int = {RetentionOptions.Default.ReportDays}",
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra-bicep", "main.bicep")), StringComparison.Ordinal);
}
