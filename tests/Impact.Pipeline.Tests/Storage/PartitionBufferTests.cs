using Impact.Pipeline.Storage;
using Impact.Testing;

namespace Impact.Pipeline.Tests.Storage;

/// <summary>
/// A workshop's partitions held in memory during a sweep and written once: reads see the writes made since, other
/// partitions and tables are untouched until the flush writes each partition in one batch (one writer) or inserts
/// insert-only and reports a key taken meanwhile (an account, where another writer can be at work).
/// </summary>
public abstract class PartitionBufferTests : IAsyncLifetime
{
    private const string Workshop = "MP-001";
    private const string Returns = StorageNames.Tables.Returns;
    private const string Submissions = StorageNames.Tables.Submissions;

    protected IImpactStorage Storage { get; private set; } = null!;

    protected abstract Task<IImpactStorage> CreateEmptyStorageAsync();

    public async Task InitializeAsync() => Storage = await CreateEmptyStorageAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static TableRow Row(string partition, string key, params (string Name, object? Value)[] properties) =>
        new(partition, key, properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));

    private static PartitionBuffer Buffer(IImpactStorage inner) => new(inner, Workshop, [Returns, Submissions], [StorageNames.Tables.Uploads]);

    private async Task<List<(string Key, string? Sha)>> StoredAsync(string table, string partition = Workshop)
    {
        var rows = new List<(string, string?)>();
        await foreach (var row in Storage.QueryPartitionAsync(table, partition))
        {
            rows.Add((row.RowKey, row.GetString("Sha")));
        }

        return rows;
    }

    [Fact]
    public async Task Reads_SeeTheWritesMadeSince_AndNothingIsWrittenBeforeTheFlush()
    {
        await Storage.UpsertRowAsync(Returns, Row(Workshop, "2024-Q2~v0001", ("Sha", "a")));
        var counting = new FaultInjectingStorage(Storage);
        var buffer = Buffer(counting);

        Assert.True(await buffer.InsertRowAsync(Returns, Row(Workshop, "2024-Q3~v0001", ("Sha", "b"))));
        Assert.False(await buffer.InsertRowAsync(Returns, Row(Workshop, "2024-Q2~v0001", ("Sha", "c"))));
        Assert.True(await buffer.InsertRowAsync(Returns, Row(Workshop, "2024-Q3~v0002", ("Sha", "d"))));
        await buffer.UpsertRowAsync(Submissions, Row(Workshop, "2024-Q3~b", ("Status", "Received"), ("Version", null)));
        await buffer.UpsertRowAsync(Submissions, Row(Workshop, "2024-Q3~b", ("Status", "Accepted"), ("Version", 1)));

        var q3 = new List<string>();
        await foreach (var row in buffer.QueryPartitionAsync(Returns, Workshop, "2024-Q3~"))
        {
            q3.Add(row.RowKey + "=" + row.GetString("Sha"));
        }

        Assert.Equal(["2024-Q3~v0001=b", "2024-Q3~v0002=d"], q3);
        Assert.Equal("Accepted", (await buffer.GetRowAsync(Submissions, Workshop, "2024-Q3~b"))!.GetString("Status"));
        Assert.Null(await buffer.GetRowAsync(Submissions, Workshop, "2024-Q1~x"));
        Assert.Empty(counting.Writes);
        Assert.Equal([("2024-Q2~v0001", "a")], await StoredAsync(Returns));
        Assert.Empty(await StoredAsync(Submissions));

        Assert.Empty(await buffer.FlushAsync());

        Assert.Equal([("2024-Q2~v0001", "a"), ("2024-Q3~v0001", "b"), ("2024-Q3~v0002", "d")], await StoredAsync(Returns));
        var submission = Assert.Single(await ToListAsync(Storage.QueryPartitionAsync(Submissions, Workshop)));
        Assert.Equal(("Accepted", (object?)1), (submission.GetString("Status"), submission.Properties["Version"]));
        // Versions before outcomes, as unbuffered.
        Assert.Equal(ExpectedFlush, counting.Writes.Select(w => (w.Operation, w.Target)));
    }

    /// <summary>The writes of the flush above: what each adapter does with two versions inserted and one submission upserted twice.</summary>
    protected abstract IEnumerable<(string Operation, string Target)> ExpectedFlush { get; }

    [Fact]
    public async Task OtherPartitionsAndTables_GoStraightToTheStorage()
    {
        var buffer = Buffer(Storage);

        await buffer.UpsertRowAsync(Returns, Row("MP-002", "2024-Q3~v0001", ("Sha", "x")));
        await buffer.UpsertRowsAsync(Submissions, [Row("MP-002", "2024-Q3~x", ("Sha", "x")), Row(Workshop, "2024-Q3~y", ("Sha", "y"))]);
        await buffer.UpsertRowAsync(StorageNames.Tables.Indicators, Row(Workshop, "2024-Q3", ("Sha", "i")));

        Assert.Equal([("2024-Q3~v0001", "x")], await StoredAsync(Returns, "MP-002"));
        Assert.Equal([("2024-Q3~x", "x")], await StoredAsync(Submissions, "MP-002"));
        Assert.Equal([("2024-Q3", "i")], await StoredAsync(StorageNames.Tables.Indicators));
        Assert.Empty(await StoredAsync(Submissions)); // MP-001's row waits for the flush
        Assert.Empty(await buffer.FlushAsync());
        Assert.Equal([("2024-Q3~y", "y")], await StoredAsync(Submissions));
    }

    [Fact]
    public async Task ARowTheStorageWouldRefuse_IsRefusedAtOnce_NotAtTheFlush()
    {
        var buffer = Buffer(Storage);

        await Assert.ThrowsAsync<ArgumentException>(() => buffer.UpsertRowAsync(Submissions, Row(Workshop, "2024-Q3/x", ("Sha", "x"))));
        await Assert.ThrowsAsync<ArgumentException>(() => buffer.InsertRowAsync(Returns, Row(Workshop, "2024-Q3~v0001", ("Sha", new object()))));
        Assert.Empty(await buffer.FlushAsync());
        Assert.Empty(await StoredAsync(Submissions));
    }

    [Fact]
    public async Task ReadTables_AreReadOnceWhileBuffered()
    {
        await Storage.UpsertRowAsync(StorageNames.Tables.Uploads, Row(Workshop, "2024-Q3~a", ("Sha", "a")));
        var buffer = Buffer(Storage);
        Assert.Equal("a", (await buffer.GetRowAsync(StorageNames.Tables.Uploads, Workshop, "2024-Q3~a"))!.GetString("Sha"));

        // Read once, at first use: a row written since by someone else is not seen by this buffer.
        await Storage.UpsertRowAsync(StorageNames.Tables.Uploads, Row(Workshop, "2024-Q3~b", ("Sha", "b")));
        Assert.Null(await buffer.GetRowAsync(StorageNames.Tables.Uploads, Workshop, "2024-Q3~b"));
    }

    protected static async Task<List<TableRow>> ToListAsync(IAsyncEnumerable<TableRow> rows)
    {
        var list = new List<TableRow>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }

    private protected PartitionBuffer NewBuffer() => Buffer(Storage);

    protected Task<List<(string Key, string? Sha)>> StoredReturnsAsync() => StoredAsync(Returns);

    protected static TableRow Version(string key, string sha) => Row(Workshop, key, ("Sha", sha));
}

/// <summary>On a folder, the only writer: each partition written in one batch.</summary>
public sealed class FolderPartitionBufferTests : PartitionBufferTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-buffer-").FullName;

    protected override Task<IImpactStorage> CreateEmptyStorageAsync() => Task.FromResult<IImpactStorage>(new FolderStorage(FolderLayout.At(_root)));

    protected override IEnumerable<(string Operation, string Target)> ExpectedFlush =>
        [("UpsertRows", StorageNames.Tables.Returns), ("UpsertRows", StorageNames.Tables.Submissions)];

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>On an account, where the per-upload function may write at the same time: versions inserted one by one.</summary>
[Collection("Azurite")]
public sealed class AzurePartitionBufferTests(AzuriteFixture azurite) : PartitionBufferTests
{
    protected override async Task<IImpactStorage> CreateEmptyStorageAsync()
    {
        await azurite.ResetAsync();
        return AzureStorage.FromConnectionString(azurite.ConnectionString);
    }

    // The submission was first upserted, so it goes in the batch; the versions are insert-only.
    protected override IEnumerable<(string Operation, string Target)> ExpectedFlush =>
        [("InsertRow", StorageNames.Tables.Returns), ("InsertRow", StorageNames.Tables.Returns), ("UpsertRows", StorageNames.Tables.Submissions)];

    [Fact]
    public async Task Flush_AKeyTakenMeanwhileWithOtherContent_IsAConflict_TheOtherWritersRowStays()
    {
        var buffer = NewBuffer();
        Assert.True(await buffer.InsertRowAsync(StorageNames.Tables.Returns, Version("2024-Q3~v0001", "mine")));
        Assert.True(await buffer.InsertRowAsync(StorageNames.Tables.Returns, Version("2024-Q2~v0001", "same")));

        // The per-upload function ingests meanwhile: another upload takes v0001 of 2024-Q3, the same one Q2's.
        Assert.True(await Storage.InsertRowAsync(StorageNames.Tables.Returns, Version("2024-Q3~v0001", "theirs")));
        Assert.True(await Storage.InsertRowAsync(StorageNames.Tables.Returns, Version("2024-Q2~v0001", "same")));

        var conflict = Assert.Single(await buffer.FlushAsync());

        Assert.Equal((StorageNames.Tables.Returns, "2024-Q3~v0001", "mine"), (conflict.Table, conflict.Row.RowKey, conflict.Row.GetString("Sha")));
        Assert.Equal([("2024-Q2~v0001", "same"), ("2024-Q3~v0001", "theirs")], await StoredReturnsAsync());
    }
}
