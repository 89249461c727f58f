using System.Text;
using Impact.Pipeline.Storage;
using Impact.Testing;

namespace Impact.Pipeline.Tests.Storage;

/// <summary>A run's rows upserted only when they differ from what the last run wrote, on both adapters.</summary>
public abstract class ChangedRowsTests : IAsyncLifetime
{
    private const string Table = StorageNames.Tables.Indicators;

    protected IImpactStorage Storage { get; private set; } = null!;

    protected abstract Task<IImpactStorage> CreateEmptyStorageAsync();

    public async Task InitializeAsync() => Storage = await CreateEmptyStorageAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static TableRow Row(string quarter, string workshop, int jobs) =>
        new(quarter, workshop, new Dictionary<string, object?> { ["Jobs"] = jobs, ["Name"] = $"Atelier {workshop}" });

    private static List<TableRow> Run(int mp002Jobs) =>
        [Row("2024-Q2", "MP-001", 3), Row("2024-Q2", "MP-002", 5), Row("2024-Q3", "MP-001", 4), Row("2024-Q3", "MP-002", mp002Jobs)];

    private async Task<int?> JobsAsync(string quarter, string workshop) =>
        (await Storage.GetRowAsync(Table, quarter, workshop))?.Properties["Jobs"] as int?;

    [Fact]
    public async Task UpsertAsync_WritesOnlyTheRowsThatChangedSinceTheLastRun()
    {
        Assert.Equal(4, await new ChangedRows(Storage).UpsertAsync(Table, Run(6)));
        Assert.Equal(6, await JobsAsync("2024-Q3", "MP-002"));

        // The same rows again: no row, no digest written.
        var counting = new FaultInjectingStorage(Storage);
        Assert.Equal(0, await new ChangedRows(counting).UpsertAsync(Table, Run(6)));
        Assert.Empty(counting.Writes);

        // One figure corrected: that row, then the digests.
        counting = new FaultInjectingStorage(Storage);
        Assert.Equal(1, await new ChangedRows(counting).UpsertAsync(Table, Run(7)));
        Assert.Equal(
            [("UpsertRows", Table, "2024-Q3/MP-002 (+0)"), ("WriteBlob", StorageNames.Containers.Results, ChangedRows.DigestsBlob(Table))],
            counting.Writes.Select(w => (w.Operation, w.Target, w.Key)));
        Assert.Equal(7, await JobsAsync("2024-Q3", "MP-002"));
        Assert.Equal(4, await JobsAsync("2024-Q3", "MP-001"));
    }

    [Fact]
    public async Task UpsertAsync_WithoutItsDigests_WritesEveryRowAgain_AndAnUnreadableLineOnlyItsRow()
    {
        await new ChangedRows(Storage).UpsertAsync(Table, Run(6));
        await Storage.UpsertRowAsync(Table, Row("2024-Q2", "MP-001", 99)); // edited by hand: not seen while the digests stand

        Assert.Equal(0, await new ChangedRows(Storage).UpsertAsync(Table, Run(6)));
        Assert.Equal(99, await JobsAsync("2024-Q2", "MP-001"));

        var digests = Encoding.UTF8.GetString((await Storage.ReadBlobAsync(StorageNames.Containers.Results, ChangedRows.DigestsBlob(Table)))!.Content.Span);
        Assert.Equal(["2024-Q2\tMP-001", "2024-Q2\tMP-002", "2024-Q3\tMP-001", "2024-Q3\tMP-002"], digests.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.LastIndexOf('\t')]));
        var damaged = digests.Replace("2024-Q2\tMP-002\t", "2024-Q2 MP-002 ", StringComparison.Ordinal);
        await Storage.WriteBlobAsync(StorageNames.Containers.Results, ChangedRows.DigestsBlob(Table), Encoding.UTF8.GetBytes(damaged), "text/plain");
        Assert.Equal(1, await new ChangedRows(Storage).UpsertAsync(Table, Run(6)));

        Assert.True(await Storage.DeleteBlobAsync(StorageNames.Containers.Results, ChangedRows.DigestsBlob(Table)));
        Assert.Equal(4, await new ChangedRows(Storage).UpsertAsync(Table, Run(6)));
        Assert.Equal(3, await JobsAsync("2024-Q2", "MP-001"));
    }

    [Fact]
    public async Task UpsertAsync_AValueOfAnotherTypeOrAPropertyRenamed_IsAChange()
    {
        TableRow With(params (string Name, object? Value)[] properties) =>
            new("2024-Q3", "MP-001", properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));
        var store = new ChangedRows(Storage);
        Assert.Equal(1, await store.UpsertAsync(Table, [With(("Jobs", 6), ("Share", 0.25))]));

        Assert.Equal(0, await store.UpsertAsync(Table, [With(("Share", 0.25), ("Jobs", 6), ("Note", null))])); // order and nulls: the same row
        Assert.Equal(1, await store.UpsertAsync(Table, [With(("Jobs", 6L), ("Share", 0.25))]));
        Assert.Equal(1, await store.UpsertAsync(Table, [With(("Jobs", "6"), ("Share", 0.25))]));
        Assert.Equal(1, await store.UpsertAsync(Table, [With(("Jobs", "6"), ("Share", 0.25000000000000006))]));
        Assert.Equal(1, await store.UpsertAsync(Table, [With(("Job", "s6"), ("Share", 0.25000000000000006))]));
        Assert.Equal("s6", (await Storage.GetRowAsync(Table, "2024-Q3", "MP-001"))!.GetString("Job"));
    }

    [Fact]
    public async Task UpsertAsync_RowsNoLongerProduced_StayInTheTableAndItsDigests()
    {
        await new ChangedRows(Storage).UpsertAsync(Table, Run(6));

        Assert.Equal(0, await new ChangedRows(Storage).UpsertAsync(Table, Run(6).Take(2).ToList()));
        Assert.Equal(0, await new ChangedRows(Storage).UpsertAsync(Table, Run(6)));
        Assert.Equal(6, await JobsAsync("2024-Q3", "MP-002"));
    }
}

public sealed class FolderChangedRowsTests : ChangedRowsTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-changed-").FullName;

    protected override Task<IImpactStorage> CreateEmptyStorageAsync() => Task.FromResult<IImpactStorage>(new FolderStorage(FolderLayout.At(_root)));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

[Collection("Azurite")]
public sealed class AzureChangedRowsTests(AzuriteFixture azurite) : ChangedRowsTests
{
    protected override async Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        await azurite.ResetAsync();
        return AzureStorage.FromConnectionString(azurite.ConnectionString);
    }
}
