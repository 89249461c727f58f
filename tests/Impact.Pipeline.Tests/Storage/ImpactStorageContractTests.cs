using System.Text;
using Impact.Pipeline.Storage;
using Impact.Testing;

namespace Impact.Pipeline.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IImpactStorage"/> adapter owes the pipeline. A concrete class per
/// adapter supplies the storage under test and a way to read a queue through the adapter's own medium.
/// Every test names its containers, tables and queues uniquely, so adapters sharing one account are safe.
/// </summary>
public abstract class ImpactStorageContractTests
{
    // Both file systems and Azure (HTTP dates) may round the time down to the second.
    private static readonly TimeSpan TimeTolerance = TimeSpan.FromSeconds(2);

    private static readonly byte[] Bytes = [0, 1, 2, 127, 128, 254, 255, .. "é,€;\n"u8];

    private IImpactStorage? _storage;

    protected IImpactStorage Storage => _storage ??= CreateStorage();

    protected abstract IImpactStorage CreateStorage();

    /// <summary>The messages of a queue as text, oldest first, read without the adapter.</summary>
    protected abstract Task<IReadOnlyList<string>> ReadQueueAsync(string queue);

    protected static string NewContainer() => AzuriteFixture.UniqueName("c");

    protected static string NewTable() => AzuriteFixture.UniqueName("t");

    protected static string NewQueue() => AzuriteFixture.UniqueName("q");

    // ---- Typed stores (Records/): each record through its one mapping, on every adapter ---------

    [Fact]
    public async Task SubmissionStore_RoundTripsARecordAndListsAWorkshopsByKey()
    {
        var store = new Impact.Pipeline.Records.SubmissionStore(Storage);
        var workshop = AzuriteFixture.UniqueName("mp");
        var at = new DateTimeOffset(2024, 10, 12, 8, 30, 0, TimeSpan.Zero);
        var rejected = new Impact.Pipeline.Records.SubmissionRecord(workshop, "2024-Q3~ab12", $"{workshop}/2024-Q3.csv", at, 812, $"{workshop}/2024-Q3.json",
            "ab12", Impact.Pipeline.Records.SubmissionStatus.Rejected, 2, 1, null);
        var accepted = rejected with { Key = "2024-Q2~cd34", ContentSha256 = "cd34", Status = Impact.Pipeline.Records.SubmissionStatus.Accepted, ErrorCount = 0, Version = 3 };

        Assert.True(await store.InsertAsync(rejected));
        Assert.False(await store.InsertAsync(rejected with { ErrorCount = 9 }));
        await store.UpsertAsync(accepted);

        Assert.Equal(rejected, await store.GetAsync(workshop, "2024-Q3~ab12"));
        var listed = new List<Impact.Pipeline.Records.SubmissionRecord>();
        await foreach (var record in store.OfWorkshopAsync(workshop))
        {
            listed.Add(record);
        }

        Assert.Equal([accepted, rejected], listed);
        Assert.Equal(new Impact.Analytics.Quarter(2024, 2), listed[0].Quarter);
    }

    [Fact]
    public async Task RiskScoreStore_KeepsLevelSourceAndReasonsAndFindsTheLatestQuarter()
    {
        var store = new Impact.Pipeline.Records.RiskScoreStore(Storage);
        var workshop = AzuriteFixture.UniqueName("mp");
        var score = new Impact.Analytics.Risk.RiskScore(workshop, new Impact.Analytics.Quarter(2024, 2), 0.72, Impact.Analytics.Risk.RiskLevel.Red, "model",
            ["Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)", "Recettes propres : −35 % sur un an (médiane des pairs : +2 %)"]);

        await store.UpsertAsync([score]);

        var latest = await store.LatestAsync(workshop, new Impact.Analytics.Quarter(2024, 4), 2);
        Assert.Equal((score.Quarter, score.Score, score.Level, score.Source), (latest!.Quarter, latest.Score, latest.Level, latest.Source));
        Assert.Equal(score.Reasons, latest.Reasons);
        Assert.Null(await store.LatestAsync(workshop, new Impact.Analytics.Quarter(2024, 4), 1));
        Assert.Equal("red", (await Storage.GetRowAsync(StorageNames.Tables.RiskScores, "2024-Q2", workshop))!.GetString("Level"));
    }

    [Fact]
    public async Task AlertStore_HeldAlertsOfARun_OneWritePerQuarter_NeverOverASentOne()
    {
        var store = new Impact.Pipeline.Records.AlertStore(Storage);
        var workshops = Enumerable.Range(0, 3).Select(_ => AzuriteFixture.UniqueName("mp")).ToList();
        Impact.Analytics.Alerts.RiskAlert Alert(string workshop, int quarter) => new()
        {
            WorkshopId = workshop, WorkshopName = "Atelier", Quarter = new Impact.Analytics.Quarter(2032, quarter), Level = Impact.Analytics.Risk.RiskLevel.Red, PreviousLevel = null,
            Score = 0.8, Source = "scorecard", CoachId = "C-01", CoachEmail = "c01@example.org", Reasons = [],
        };
        var at = new DateTimeOffset(2032, 7, 2, 6, 0, 0, TimeSpan.Zero);
        var sent = new Impact.Pipeline.Records.AlertRecord(Alert(workshops[0], 1), "Objet", "id@alertes", Impact.Pipeline.Records.AlertDelivery.Sending, at);
        Assert.True(await store.RecordIntentAsync(sent));
        await store.RecordSentAsync(sent);

        var counting = new FaultInjectingStorage(Storage);
        await new Impact.Pipeline.Records.AlertStore(counting).RecordHeldAsync([Alert(workshops[0], 1), Alert(workshops[1], 1), Alert(workshops[2], 1), Alert(workshops[0], 2)], at);

        Assert.Equal([("UpsertRows", "2032-Q1"), ("UpsertRows", "2032-Q2")], counting.Writes.Select(w => (w.Operation, w.Key.Split('/')[0])));
        Assert.Equal(
            [Impact.Pipeline.Records.AlertDelivery.Sent, Impact.Pipeline.Records.AlertDelivery.Held, Impact.Pipeline.Records.AlertDelivery.Held, Impact.Pipeline.Records.AlertDelivery.Held],
            [await store.DeliveryAsync(Alert(workshops[0], 1).Key), await store.DeliveryAsync(Alert(workshops[1], 1).Key), await store.DeliveryAsync(Alert(workshops[2], 1).Key),
                await store.DeliveryAsync(Alert(workshops[0], 2).Key)]);
    }

    [Fact]
    public async Task AlertStore_RecordsOncePerWorkshopQuarterAndLevel()
    {
        var store = new Impact.Pipeline.Records.AlertStore(Storage);
        var workshop = AzuriteFixture.UniqueName("mp");
        var quarter = new Impact.Analytics.Quarter(2031, 1);
        var alert = new Impact.Analytics.Alerts.RiskAlert
        {
            WorkshopId = workshop, WorkshopName = "Atelier", Quarter = quarter, Level = Impact.Analytics.Risk.RiskLevel.Amber, PreviousLevel = null,
            Score = 0.4, Source = "scorecard", CoachId = "C-01", CoachEmail = "c01@example.org", Reasons = [],
        };
        var record = new Impact.Pipeline.Records.AlertRecord(alert, "Objet", "id@alertes", Impact.Pipeline.Records.AlertDelivery.Sending, new DateTimeOffset(2031, 4, 2, 6, 0, 0, TimeSpan.Zero));

        Assert.Null(await store.DeliveryAsync(alert.Key));
        Assert.True(await store.RecordIntentAsync(record));
        Assert.False(await store.RecordIntentAsync(record));
        Assert.Equal(Impact.Pipeline.Records.AlertDelivery.Sending, await store.DeliveryAsync(alert.Key));
        Assert.Equal([new Impact.Analytics.Alerts.PastAlert(alert.Key, Held: false)], await HistoryOfAsync());

        await store.RecordSentAsync(record);
        Assert.Equal(Impact.Pipeline.Records.AlertDelivery.Sent, await store.DeliveryAsync(alert.Key));
        Assert.NotNull(await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2031-Q1", $"{workshop}~amber"));

        // Held back: recorded as held, never over a sent row; an intent then replaces the held row.
        var red = alert with { Level = Impact.Analytics.Risk.RiskLevel.Red, HeldSince = new Impact.Analytics.Quarter(2030, 4) };
        await store.RecordHeldAsync(red, record.At);
        await store.RecordHeldAsync(alert, record.At);
        Assert.Equal([new Impact.Analytics.Alerts.PastAlert(alert.Key, Held: false), new Impact.Analytics.Alerts.PastAlert(red.Key, Held: true)], await HistoryOfAsync());
        Assert.Equal("2030-Q4", (await Storage.GetRowAsync(StorageNames.Tables.Alerts, "2031-Q1", $"{workshop}~red"))!.GetString("HeldSince"));
        Assert.True(await store.RecordIntentAsync(record with { Alert = red }));
        Assert.False(await store.RecordIntentAsync(record with { Alert = red }));
        Assert.Equal(Impact.Pipeline.Records.AlertDelivery.Sending, await store.DeliveryAsync(red.Key));

        async Task<List<Impact.Analytics.Alerts.PastAlert>> HistoryOfAsync() =>
            [.. (await store.HistoryAsync([quarter, quarter.AddQuarters(-1)])).Where(h => h.Key.WorkshopId == workshop)];
    }

    // ---- Blobs -------------------------------------------------------------------------------

    [Fact]
    public async Task GetBlobInfoAsync_MissingContainer_ReturnsNull()
    {
        Assert.Null(await Storage.GetBlobInfoAsync(NewContainer(), "a.csv"));
    }

    [Fact]
    public async Task DeleteBlobAsync_RemovesThatBlobOnlyAndSaysWhetherItExisted()
    {
        var container = NewContainer();
        await Storage.WriteBlobAsync(container, "MP-001/2024-Q3.json", Bytes, "application/json");
        await Storage.WriteBlobAsync(container, "MP-001/2024-Q4.json", Bytes, "application/json");

        Assert.True(await Storage.DeleteBlobAsync(container, "MP-001/2024-Q3.json"));
        Assert.False(await Storage.DeleteBlobAsync(container, "MP-001/2024-Q3.json"));
        Assert.False(await Storage.DeleteBlobAsync(NewContainer(), "a.csv"));
        Assert.Null(await Storage.GetBlobInfoAsync(container, "MP-001/2024-Q3.json"));
        Assert.Equal(["MP-001/2024-Q4.json"], await Storage.ListBlobsAsync(container).Select(b => b.Name).ToListAsync());
    }

    [Fact]
    public async Task GetBlobInfoAsync_MissingBlob_ReturnsNull()
    {
        var container = NewContainer();
        await Storage.WriteBlobAsync(container, "a.csv", Bytes, "text/csv");

        Assert.Null(await Storage.GetBlobInfoAsync(container, "b.csv"));
        Assert.Null(await Storage.GetBlobInfoAsync(container, "a.csv/b.csv"));
        Assert.Null(await Storage.GetBlobInfoAsync(container, "dir/a.csv"));
    }

    [Fact]
    public async Task GetBlobInfoAsync_WrittenBlob_ReturnsNameLengthAndUtcTime()
    {
        var container = NewContainer();
        var before = TimeProvider.System.GetUtcNow();
        await Storage.WriteBlobAsync(container, "returns/W0001/2024-Q3.csv", Bytes, "text/csv");
        var after = TimeProvider.System.GetUtcNow();

        var info = await Storage.GetBlobInfoAsync(container, "returns/W0001/2024-Q3.csv");

        Assert.NotNull(info);
        Assert.Equal(container, info.Container);
        Assert.Equal("returns/W0001/2024-Q3.csv", info.Name);
        Assert.Equal(Bytes.Length, info.Length);
        AssertReceivedBetween(before, after, info.LastModified);
    }

    [Fact]
    public async Task ReadBlobAsync_Missing_ReturnsNull()
    {
        var container = NewContainer();
        Assert.Null(await Storage.ReadBlobAsync(container, "a.csv"));

        await Storage.WriteBlobAsync(container, "a.csv", Bytes, "text/csv");
        Assert.Null(await Storage.ReadBlobAsync(container, "b.csv"));
    }

    [Fact]
    public async Task ReadBlobAsync_WrittenBlob_ReturnsSameBytesAndEntry()
    {
        var container = NewContainer();
        var before = TimeProvider.System.GetUtcNow();
        await Storage.WriteBlobAsync(container, "x/y.bin", Bytes, "application/octet-stream");
        var after = TimeProvider.System.GetUtcNow();

        var blob = await Storage.ReadBlobAsync(container, "x/y.bin");

        Assert.NotNull(blob);
        Assert.Equal(Bytes, blob.Content.ToArray());
        Assert.Equal(container, blob.Entry.Container);
        Assert.Equal("x/y.bin", blob.Entry.Name);
        Assert.Equal(Bytes.Length, blob.Entry.Length);
        AssertReceivedBetween(before, after, blob.Entry.LastModified);
        Assert.Equal(await Storage.GetBlobInfoAsync(container, "x/y.bin"), blob.Entry);
    }

    [Fact]
    public async Task WriteBlobAsync_ExistingBlob_ReplacesContent()
    {
        var container = NewContainer();
        await Storage.WriteBlobAsync(container, "a.json", Encoding.UTF8.GetBytes("{\"version\":1,\"long\":true}"), "application/json");

        await Storage.WriteBlobAsync(container, "a.json", Encoding.UTF8.GetBytes("{\"version\":2}"), "application/json");

        var blob = await Storage.ReadBlobAsync(container, "a.json");
        Assert.NotNull(blob);
        Assert.Equal("{\"version\":2}", Encoding.UTF8.GetString(blob.Content.Span));
        Assert.Equal(13, blob.Entry.Length);
        Assert.Equal(["a.json"], await NamesAsync(container));
    }

    [Fact]
    public async Task WriteBlobAsync_EmptyContent_StoresEmptyBlob()
    {
        var container = NewContainer();

        await Storage.WriteBlobAsync(container, "empty.csv", ReadOnlyMemory<byte>.Empty, "text/csv");

        var blob = await Storage.ReadBlobAsync(container, "empty.csv");
        Assert.NotNull(blob);
        Assert.Equal(0, blob.Entry.Length);
        Assert.Equal(0, blob.Content.Length);
    }

    [Fact]
    public async Task WriteBlobAsync_NameWithSpacesAndAccents_RoundTrips()
    {
        var container = NewContainer();
        const string Name = "returns/Atelier d'Évry/2024-Q3 (v2).csv";

        await Storage.WriteBlobAsync(container, Name, Bytes, "text/csv");

        var blob = await Storage.ReadBlobAsync(container, Name);
        Assert.NotNull(blob);
        Assert.Equal(Name, blob.Entry.Name);
        Assert.Equal(Bytes, blob.Content.ToArray());
        Assert.Equal([Name], await NamesAsync(container));
    }

    [Fact]
    public async Task WriteBlobAsync_WebContainer_RoundTrips()
    {
        var name = AzuriteFixture.UniqueName("site") + "/index.html";
        var html = Encoding.UTF8.GetBytes("<!doctype html><title>Tableau de bord</title>");

        await Storage.WriteBlobAsync(StorageNames.Containers.Web, name, html, "text/html; charset=utf-8");

        var blob = await Storage.ReadBlobAsync(StorageNames.Containers.Web, name);
        Assert.NotNull(blob);
        Assert.Equal(html, blob.Content.ToArray());
        Assert.Equal(StorageNames.Containers.Web, blob.Entry.Container);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b.csv")]
    [InlineData("..")]
    [InlineData("../a.csv")]
    [InlineData("a/../../b.csv")]
    [InlineData("./a.csv")]
    [InlineData("a/./b.csv")]
    [InlineData("a//b.csv")]
    [InlineData("a/")]
    [InlineData("a\tb.csv")]
    public async Task WriteBlobAsync_InvalidName_ThrowsArgumentException(string name)
    {
        var container = NewContainer();

        var write = await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteBlobAsync(container, name, Bytes, "text/csv"));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.ReadBlobAsync(container, name));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetBlobInfoAsync(container, name));

        Assert.Equal("name", write.ParamName);
        Assert.StartsWith($"Blob name '{name}' is not valid", write.Message, StringComparison.Ordinal);
        Assert.Empty(await NamesAsync(container));
    }

    [Theory]
    [InlineData("Returns")]
    [InlineData("re_turns")]
    [InlineData("ab")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    [InlineData("../returns")]
    [InlineData("$other")]
    public async Task WriteBlobAsync_InvalidContainer_ThrowsArgumentException(string container)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteBlobAsync(container, "a.csv", Bytes, "text/csv"));

        Assert.Equal("container", e.ParamName);
        Assert.StartsWith($"Container name '{container}' is not valid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBlobsAsync_Prefix_ReturnsMatchesSortedByName()
    {
        var container = NewContainer();
        string[] written =
        [
            "W2/2024-Q1.csv", "W1/2024-Q2.csv", "W10/2024-Q1.csv", "W1/2024-Q1.json", "W1/2024-Q1.csv",
            "W1/sub/x.csv", "W1-old/2023-Q4.csv", "W1.csv",
        ];
        foreach (var name in written)
        {
            await Storage.WriteBlobAsync(container, name, Encoding.UTF8.GetBytes(name), "text/csv");
        }

        var underW1 = await ListAsync(container, "W1/");
        var startingW1 = await NamesAsync(container, "W1");
        var startingW1Q1 = await NamesAsync(container, "W1/2024-Q1");

        Assert.Equal(["W1/2024-Q1.csv", "W1/2024-Q1.json", "W1/2024-Q2.csv", "W1/sub/x.csv"], underW1.Select(b => b.Name));
        Assert.Equal([14, 15, 14, 12], underW1.Select(b => b.Length));
        Assert.All(underW1, b => Assert.Equal(container, b.Container));
        Assert.Equal(["W1-old/2023-Q4.csv", "W1.csv", "W1/2024-Q1.csv", "W1/2024-Q1.json", "W1/2024-Q2.csv", "W1/sub/x.csv", "W10/2024-Q1.csv"], startingW1);
        Assert.Equal(["W1/2024-Q1.csv", "W1/2024-Q1.json"], startingW1Q1);
    }

    [Fact]
    public async Task ListBlobsAsync_NoPrefix_ReturnsAllSortedByName()
    {
        var container = NewContainer();
        // Names differing only by case are avoided: the folder adapter on Windows or macOS cannot hold both.
        foreach (var name in new[] { "b.csv", "a/z.csv", "Z.csv", "a.csv", "a/b/c.csv" })
        {
            await Storage.WriteBlobAsync(container, name, Bytes, "text/csv");
        }

        Assert.Equal(["Z.csv", "a.csv", "a/b/c.csv", "a/z.csv", "b.csv"], await NamesAsync(container));
        Assert.Equal(["Z.csv", "a.csv", "a/b/c.csv", "a/z.csv", "b.csv"], await NamesAsync(container, ""));
    }

    [Fact]
    public async Task ListBlobsAsync_MissingContainer_ReturnsEmpty()
    {
        Assert.Empty(await NamesAsync(NewContainer()));
        Assert.Empty(await NamesAsync(NewContainer(), "a/"));
    }

    [Fact]
    public async Task ListBlobsAsync_PrefixMatchingNothing_ReturnsEmpty()
    {
        var container = NewContainer();
        await Storage.WriteBlobAsync(container, "W1/2024-Q1.csv", Bytes, "text/csv");

        Assert.Empty(await NamesAsync(container, "W2/"));
        Assert.Empty(await NamesAsync(container, "W1/2025"));
        Assert.Empty(await NamesAsync(container, "w1"));
        Assert.Empty(await NamesAsync(container, "../W1/"));
    }

    // ---- Tables ------------------------------------------------------------------------------

    [Fact]
    public async Task InsertRowAsync_NewKeys_ReturnsTrueAndStoresRow()
    {
        var table = NewTable();

        var inserted = await Storage.InsertRowAsync(table, Row("W0001", "2024-Q3", ("Status", "accepted"), ("Lines", 12)));

        Assert.True(inserted);
        AssertRow(Row("W0001", "2024-Q3", ("Lines", 12), ("Status", "accepted")), await Storage.GetRowAsync(table, "W0001", "2024-Q3"));
    }

    [Fact]
    public async Task InsertRowAsync_ExistingKeys_ReturnsFalseAndKeepsFirstRow()
    {
        var table = NewTable();
        Assert.True(await Storage.InsertRowAsync(table, Row("W0001", "2024-Q3", ("Status", "first"), ("Lines", 12))));

        var inserted = await Storage.InsertRowAsync(table, Row("W0001", "2024-Q3", ("Status", "second"), ("Other", true)));

        Assert.False(inserted);
        AssertRow(Row("W0001", "2024-Q3", ("Lines", 12), ("Status", "first")), await Storage.GetRowAsync(table, "W0001", "2024-Q3"));
    }

    [Fact]
    public async Task InsertRowAsync_SameRowKeyInOtherPartition_ReturnsTrue()
    {
        var table = NewTable();
        Assert.True(await Storage.InsertRowAsync(table, Row("W0001", "2024-Q3", ("Status", "a"))));

        Assert.True(await Storage.InsertRowAsync(table, Row("W0002", "2024-Q3", ("Status", "b"))));

        AssertRow(Row("W0001", "2024-Q3", ("Status", "a")), await Storage.GetRowAsync(table, "W0001", "2024-Q3"));
        AssertRow(Row("W0002", "2024-Q3", ("Status", "b")), await Storage.GetRowAsync(table, "W0002", "2024-Q3"));
    }

    [Fact]
    public async Task UpsertRowAsync_NewKeys_InsertsRow()
    {
        var table = NewTable();

        await Storage.UpsertRowAsync(table, Row("2024-Q3", "W0001", ("Score", 0.75)));

        AssertRow(Row("2024-Q3", "W0001", ("Score", 0.75)), await Storage.GetRowAsync(table, "2024-Q3", "W0001"));
    }

    [Fact]
    public async Task UpsertRowAsync_ExistingRow_ReplacesAllProperties()
    {
        var table = NewTable();
        await Storage.UpsertRowAsync(table, Row("2024-Q3", "W0001", ("Score", 0.75), ("Reason", "late")));

        await Storage.UpsertRowAsync(table, Row("2024-Q3", "W0001", ("Score", 0.5), ("Level", 2)));

        AssertRow(Row("2024-Q3", "W0001", ("Level", 2), ("Score", 0.5)), await Storage.GetRowAsync(table, "2024-Q3", "W0001"));
        Assert.Single(await QueryAsync(table, "2024-Q3"));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_ReturnsOldestFirstAndDeleteRemoves()
    {
        var queue = NewQueue();
        await Storage.EnqueueAsync(queue, "{\"n\":1,\"niveau\":\"élevé\"}");
        await Storage.EnqueueAsync(queue, "{\"n\":2}");

        var received = await Storage.ReceiveMessagesAsync(queue, 10, TimeSpan.FromSeconds(30));

        Assert.Equal(["{\"n\":1,\"niveau\":\"élevé\"}", "{\"n\":2}"], received.Select(m => m.Text));
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
        await Storage.DeleteMessageAsync(queue, received[0]);
        await Storage.DeleteMessageAsync(queue, received[1]);
        Assert.Empty(await Storage.ReceiveMessagesAsync(queue, 10, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task CountMessagesAsync_CountsHiddenMessagesUntilDeletedAndAMissingQueueIsZero()
    {
        var queue = NewQueue();
        Assert.Equal(0, await Storage.CountMessagesAsync(queue));
        await Storage.EnqueueAsync(queue, "{\"n\":1}");
        await Storage.EnqueueAsync(queue, "{\"n\":2}");
        await Storage.EnqueueAsync(queue, "{\"n\":3}");

        var received = await Storage.ReceiveMessagesAsync(queue, 1, TimeSpan.FromSeconds(30));

        Assert.Equal(3, await Storage.CountMessagesAsync(queue));
        await Storage.DeleteMessageAsync(queue, Assert.Single(received));
        Assert.Equal(2, await Storage.CountMessagesAsync(queue));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MissingQueue_IsEmpty() =>
        Assert.Empty(await Storage.ReceiveMessagesAsync(NewQueue(), 5, TimeSpan.FromSeconds(30)));

    [Fact]
    public async Task UpsertRowsAsync_ManyRowsAcrossPartitions_AllStoredAndExistingReplaced()
    {
        var table = NewTable();
        await Storage.UpsertRowAsync(table, Row("2024-Q3", "W0005", ("Score", 9.0), ("Old", "x")));
        var rows = Enumerable.Range(0, 250).Select(i => Row("2024-Q3", $"W{i:0000}", ("Score", (double)i)))
            .Concat([Row("2024-Q4", "W0001", ("Score", -1.0))])
            .ToList();

        await Storage.UpsertRowsAsync(table, rows);

        var q3 = await QueryAsync(table, "2024-Q3");
        Assert.Equal(250, q3.Count);
        AssertRow(Row("2024-Q3", "W0005", ("Score", 5.0)), await Storage.GetRowAsync(table, "2024-Q3", "W0005"));
        AssertRow(Row("2024-Q3", "W0249", ("Score", 249.0)), await Storage.GetRowAsync(table, "2024-Q3", "W0249"));
        AssertRow(Row("2024-Q4", "W0001", ("Score", -1.0)), await Storage.GetRowAsync(table, "2024-Q4", "W0001"));
    }

    [Fact]
    public async Task UpsertRowsAsync_ManyPartitionsOfMoreThanOneTransaction_EveryRowStored()
    {
        // 20 partitions of 130 rows (two transactions each on Azure, partitions written several at once).
        var table = NewTable();
        var rows = Enumerable.Range(0, 20).SelectMany(p => Enumerable.Range(0, 130).Select(i => Row($"P{p:00}", $"W{i:0000}", ("V", (p * 1000) + i)))).ToList();

        await Storage.UpsertRowsAsync(table, rows);

        foreach (var partition in Enumerable.Range(0, 20))
        {
            var stored = await QueryAsync(table, $"P{partition:00}");
            Assert.Equal(Enumerable.Range(0, 130).Select(i => (partition * 1000) + i), stored.Select(r => (int)r.Properties["V"]!));
        }
    }

    [Fact]
    public async Task UpsertRowsAsync_SameKeyTwice_LastWins()
    {
        var table = NewTable();

        await Storage.UpsertRowsAsync(table, [Row("p", "r", ("V", 1)), Row("p", "r", ("V", 2))]);

        AssertRow(Row("p", "r", ("V", 2)), await Storage.GetRowAsync(table, "p", "r"));
    }

    [Fact]
    public async Task UpsertRowsAsync_Empty_DoesNothing()
    {
        var table = NewTable();

        await Storage.UpsertRowsAsync(table, []);

        Assert.Empty(await QueryAsync(table, "p"));
    }

    [Fact]
    public async Task UpsertRowAsync_NullProperty_IsNotStored()
    {
        var table = NewTable();

        await Storage.UpsertRowAsync(table, Row("p1", "r1", ("Kept", "yes"), ("Dropped", null)));

        AssertRow(Row("p1", "r1", ("Kept", "yes")), await Storage.GetRowAsync(table, "p1", "r1"));
    }

    [Fact]
    public async Task UpsertRowAsync_NoProperties_StoresKeysOnly()
    {
        var table = NewTable();

        await Storage.UpsertRowAsync(table, Row("p1", "r1"));

        AssertRow(Row("p1", "r1"), await Storage.GetRowAsync(table, "p1", "r1"));
    }

    [Fact]
    public async Task GetRowAsync_MissingTable_ReturnsNull()
    {
        Assert.Null(await Storage.GetRowAsync(NewTable(), "W0001", "2024-Q3"));
    }

    [Fact]
    public async Task GetRowAsync_MissingRow_ReturnsNull()
    {
        var table = NewTable();
        await Storage.InsertRowAsync(table, Row("W0001", "2024-Q3"));

        Assert.Null(await Storage.GetRowAsync(table, "W0001", "2024-Q2"));
        Assert.Null(await Storage.GetRowAsync(table, "W0002", "2024-Q3"));
        Assert.Null(await Storage.GetRowAsync(table, "w0001", "2024-Q3"));
    }

    [Fact]
    public async Task GetRowAsync_KeysWithSpacesAccentsAndSymbols_ReturnsThatRow()
    {
        var table = NewTable();
        const string Partition = "Atelier d'Évry – Sud (n°2) 日本 🚀 ~_%.";
        const string RowKey = "2024-Q3 v2.1 ∑";
        await Storage.InsertRowAsync(table, Row(Partition, RowKey, ("Name", Partition)));
        await Storage.InsertRowAsync(table, Row(Partition, "other", ("Name", "other")));

        AssertRow(Row(Partition, RowKey, ("Name", Partition)), await Storage.GetRowAsync(table, Partition, RowKey));
        Assert.Equal(["2024-Q3 v2.1 ∑", "other"], (await QueryAsync(table, Partition)).Select(r => r.RowKey));
    }

    [Fact]
    public async Task GetRowAsync_EmptyKeys_ReturnsThatRow()
    {
        var table = NewTable();
        await Storage.InsertRowAsync(table, Row("", "", ("Name", "empty keys")));

        AssertRow(Row("", "", ("Name", "empty keys")), await Storage.GetRowAsync(table, "", ""));
    }

    [Fact]
    public async Task QueryPartitionAsync_Prefix_ReturnsMatchesSortedByRowKey()
    {
        var table = NewTable();
        foreach (var rowKey in new[] { "2024-Q3", "2023-Q4", "2024-Q1", "2024-Q10", "2024", "2024-Q2", "2025-Q1", "2024-q1" })
        {
            await Storage.InsertRowAsync(table, Row("W0001", rowKey, ("Key", rowKey)));
        }

        await Storage.InsertRowAsync(table, Row("W0002", "2024-Q1", ("Key", "other partition")));

        var rows = await QueryAsync(table, "W0001", "2024-Q");

        Assert.Equal(["2024-Q1", "2024-Q10", "2024-Q2", "2024-Q3"], rows.Select(r => r.RowKey));
        Assert.All(rows, r => AssertRow(Row("W0001", r.RowKey, ("Key", r.RowKey)), r));
        Assert.Equal(["2024-Q1", "2024-Q10"], (await QueryAsync(table, "W0001", "2024-Q1")).Select(r => r.RowKey));
        Assert.Empty(await QueryAsync(table, "W0001", "2026"));
    }

    [Fact]
    public async Task QueryPartitionAsync_NoPrefix_ReturnsWholePartitionSortedByRowKey()
    {
        var table = NewTable();
        foreach (var (partition, rowKey) in new[] { ("B", "2"), ("A", "3"), ("B", "1"), ("A", "1"), ("AB", "0"), ("A", "10") })
        {
            await Storage.InsertRowAsync(table, Row(partition, rowKey));
        }

        Assert.Equal(["1", "10", "3"], (await QueryAsync(table, "A")).Select(r => r.RowKey));
        Assert.Equal(["1", "10", "3"], (await QueryAsync(table, "A", "")).Select(r => r.RowKey));
        Assert.Equal(["1", "2"], (await QueryAsync(table, "B")).Select(r => r.RowKey));
        Assert.All(await QueryAsync(table, "A"), r => Assert.Equal("A", r.PartitionKey));
    }

    [Fact]
    public async Task QueryPartitionAsync_MissingTableOrPartition_ReturnsEmpty()
    {
        var table = NewTable();
        Assert.Empty(await QueryAsync(table, "W0001"));

        await Storage.InsertRowAsync(table, Row("W0001", "2024-Q1"));
        Assert.Empty(await QueryAsync(table, "W0002"));
    }

    /// <summary>Each value kind the port allows, at its edges, keyed by a readable case name.</summary>
    public static readonly IReadOnlyDictionary<string, object> TypedValues = new Dictionary<string, object>
    {
        ["string-empty"] = "",
        ["string-unicode"] = "Atelier d’Évry — 日本語 🚀 \"guillemets\" <&> \\ / tab\tend",
        ["string-looks-like-number"] = "00042",
        ["string-looks-like-date"] = "2024-07-01T00:00:00Z",
        ["int-zero"] = 0,
        ["int-negative"] = -42,
        ["int-min"] = int.MinValue,
        ["int-max"] = int.MaxValue,
        ["long-small"] = 1L,
        ["long-negative"] = -9_000_000_000L,
        ["long-beyond-double"] = 9_007_199_254_740_993L,
        ["long-min"] = long.MinValue,
        ["long-max"] = long.MaxValue,
        ["double-fraction"] = -1234.5678,
        ["double-whole"] = 3.0,
        ["double-zero"] = 0.0,
        ["double-third"] = 1.0 / 3.0,
        ["double-tiny"] = 1e-300,
        ["double-max"] = double.MaxValue,
        ["double-min"] = double.MinValue,
        ["bool-true"] = true,
        ["bool-false"] = false,
        ["date-utc-milliseconds"] = new DateTimeOffset(2024, 7, 1, 12, 34, 56, 789, TimeSpan.Zero),
        ["date-offset"] = new DateTimeOffset(2024, 12, 31, 23, 59, 59, 1, TimeSpan.FromHours(2)),
        ["date-epoch"] = DateTimeOffset.UnixEpoch,
    };

    public static TheoryData<string> TypedValueCases => new(TypedValues.Keys);

    [Theory]
    [MemberData(nameof(TypedValueCases))]
    public async Task UpsertRowAsync_TypedValue_ReadsBackSameTypeAndValue(string valueCase)
    {
        var table = NewTable();
        var expected = TypedValues[valueCase];

        await Storage.UpsertRowAsync(table, Row("p", "r", ("Value", expected)));

        var row = await Storage.GetRowAsync(table, "p", "r");
        Assert.NotNull(row);
        var actual = Assert.Single(row.Properties);
        Assert.Equal("Value", actual.Key);
        AssertSameValue(expected, actual.Value);
    }

    [Fact]
    public async Task QueryPartitionAsync_RowWithEveryType_ReadsBackSameTypesAndValues()
    {
        var table = NewTable();
        var properties = TypedValues.ToDictionary(p => "P_" + p.Key.Replace('-', '_'), p => (object?)p.Value, StringComparer.Ordinal);

        await Storage.InsertRowAsync(table, new TableRow("p", "r", properties));

        var row = Assert.Single(await QueryAsync(table, "p"));
        Assert.Equal(properties.Keys.Order(StringComparer.Ordinal), row.Properties.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, expected) in properties)
        {
            AssertSameValue(expected!, row.Properties[name]);
        }
    }

    public static readonly IReadOnlyDictionary<string, object> UnsupportedValues = new Dictionary<string, object>
    {
        ["decimal"] = 1.5m,
        ["datetime"] = new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
        ["guid"] = Guid.Empty,
        ["float"] = 1.5f,
        ["bytes"] = new byte[] { 1, 2 },
    };

    public static TheoryData<string> UnsupportedValueCases => new(UnsupportedValues.Keys);

    [Theory]
    [MemberData(nameof(UnsupportedValueCases))]
    public async Task InsertRowAsync_UnsupportedValueType_ThrowsArgumentException(string valueCase)
    {
        var table = NewTable();
        var value = UnsupportedValues[valueCase];

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Storage.InsertRowAsync(table, Row("p", "r", ("Value", value))));

        Assert.Equal($"Property 'Value' has type {value.GetType().Name}: a table row holds only string, int, long, double, bool and DateTimeOffset values (or null, which is not stored). (Parameter 'row')", e.Message);
        Assert.Null(await Storage.GetRowAsync(table, "p", "r"));
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    [InlineData("ETag")]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("with-hyphen")]
    [InlineData("odata.etag")]
    [InlineData("Value@odata.type")]
    public async Task UpsertRowAsync_InvalidPropertyName_ThrowsArgumentException(string name)
    {
        var table = NewTable();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Storage.UpsertRowAsync(table, Row("p", "r", (name, "x"))));

        Assert.StartsWith($"Property name '{name}' is not valid", e.Message, StringComparison.Ordinal);
        Assert.Null(await Storage.GetRowAsync(table, "p", "r"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u0085b")]
    public async Task InsertRowAsync_InvalidKey_ThrowsArgumentException(string key)
    {
        var table = NewTable();

        var partition = await Assert.ThrowsAsync<ArgumentException>(() => Storage.InsertRowAsync(table, Row(key, "r")));
        var rowKey = await Assert.ThrowsAsync<ArgumentException>(() => Storage.InsertRowAsync(table, Row("p", key)));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetRowAsync(table, key, "r"));
        await Assert.ThrowsAsync<ArgumentException>(() => Storage.GetRowAsync(table, "p", key));

        Assert.Equal("PartitionKey", partition.ParamName);
        Assert.Equal("RowKey", rowKey.ParamName);
    }

    [Fact]
    public async Task InsertRowAsync_KeyWithUnpairedSurrogate_ThrowsArgumentException()
    {
        // Built here: xunit would turn a lone surrogate in [InlineData] into U+FFFD.
        var key = "a" + (char)0xD800 + "b";

        var e = await Assert.ThrowsAsync<ArgumentException>(() => Storage.InsertRowAsync(NewTable(), Row(key, "r")));

        Assert.Equal("PartitionKey", e.ParamName);
        Assert.StartsWith("Key 'a", e.Message, StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submissions_v2")]
    [InlineData("1Submissions")]
    [InlineData("ab")]
    [InlineData("tables")]
    [InlineData("../Returns")]
    public async Task UpsertRowAsync_InvalidTable_ThrowsArgumentException(string table)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Storage.UpsertRowAsync(table, Row("p", "r")));

        Assert.Equal("table", e.ParamName);
        Assert.StartsWith($"Table name '{table}' is not valid", e.Message, StringComparison.Ordinal);
    }

    // ---- Queues ------------------------------------------------------------------------------

    [Fact]
    public async Task EnqueueAsync_Messages_AreStoredInOrderAsSent()
    {
        var queue = NewQueue();
        const string First = "{\"workshop\":\"W0001\",\"quarter\":\"2024-Q3\",\"level\":\"élevé\"}";
        const string Second = "{\"workshop\":\"W0002\",\"note\":\"日本 🚀 + / =\"}";

        await Storage.EnqueueAsync(queue, First);
        await Storage.EnqueueAsync(queue, Second);

        Assert.Equal([First, Second], await ReadQueueAsync(queue));
    }

    [Fact]
    public async Task EnqueueAsync_RiskAlertsQueue_StoresMessage()
    {
        // The real queue name, shared across tests: only check this message arrived last.
        var message = $"{{\"id\":\"{Guid.NewGuid():N}\"}}";

        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, message);

        Assert.Contains(message, await ReadQueueAsync(StorageNames.Queues.RiskAlerts));
    }

    [Theory]
    [InlineData("Risk-Alerts")]
    [InlineData("risk_alerts")]
    [InlineData("risk--alerts")]
    [InlineData("q")]
    [InlineData("../risk-alerts")]
    public async Task EnqueueAsync_InvalidQueue_ThrowsArgumentException(string queue)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Storage.EnqueueAsync(queue, "{}"));

        Assert.Equal("queue", e.ParamName);
        Assert.StartsWith($"Queue name '{queue}' is not valid", e.Message, StringComparison.Ordinal);
    }

    // ---- Helpers -----------------------------------------------------------------------------

    protected static TableRow Row(string partitionKey, string rowKey, params (string Name, object? Value)[] properties) =>
        new(partitionKey, rowKey, properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));

    /// <summary>Same keys, same property names, and each value of the same type and equal.</summary>
    protected static void AssertRow(TableRow expected, TableRow? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.PartitionKey, actual.PartitionKey);
        Assert.Equal(expected.RowKey, actual.RowKey);
        Assert.Equal(expected.Properties.Keys.Order(StringComparer.Ordinal), actual.Properties.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected.Properties)
        {
            AssertSameValue(value!, actual.Properties[name]);
        }
    }

    private static void AssertSameValue(object expected, object? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        if (expected is DateTimeOffset time)
        {
            // Same instant, given back in UTC whatever the offset written.
            Assert.Equal(time.UtcDateTime, ((DateTimeOffset)actual).DateTime);
            Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)actual).Offset);
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    private static void AssertReceivedBetween(DateTimeOffset before, DateTimeOffset after, DateTimeOffset actual)
    {
        Assert.Equal(TimeSpan.Zero, actual.Offset);
        Assert.InRange(actual, before - TimeTolerance, after + TimeTolerance);
    }

    protected async Task<List<BlobEntry>> ListAsync(string container, string? prefix = null)
    {
        var entries = new List<BlobEntry>();
        await foreach (var entry in Storage.ListBlobsAsync(container, prefix))
        {
            entries.Add(entry);
        }

        return entries;
    }

    protected async Task<List<string>> NamesAsync(string container, string? prefix = null) =>
        [.. (await ListAsync(container, prefix)).Select(e => e.Name)];

    protected async Task<List<TableRow>> QueryAsync(string table, string partitionKey, string? rowKeyPrefix = null)
    {
        var rows = new List<TableRow>();
        await foreach (var row in Storage.QueryPartitionAsync(table, partitionKey, rowKeyPrefix))
        {
            rows.Add(row);
        }

        return rows;
    }
}
