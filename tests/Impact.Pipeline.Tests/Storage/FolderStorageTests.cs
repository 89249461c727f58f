using System.Text;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Tests.Storage;

/// <summary>The storage contract on a local folder (a fresh temporary folder per test), and what only folders do.</summary>
public sealed class FolderStorageTests : ImpactStorageContractTests, IDisposable
{
    private readonly string _sandbox = Path.Combine(Path.GetTempPath(), "impact-tests-" + Guid.NewGuid().ToString("N"));

    public FolderStorageTests()
    {
        Directory.CreateDirectory(_sandbox);
    }

    /// <summary>The storage root; the sandbox around it lets tests see anything written outside.</summary>
    private string Root => Path.Combine(_sandbox, "store");

    private FolderStorage Folder => (FolderStorage)Storage;

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);

    protected override IImpactStorage CreateStorage() => new FolderStorage(FolderLayout.At(Root));

    protected override async Task<IReadOnlyList<string>> ReadQueueAsync(string queue)
    {
        var directory = Path.Combine(Root, "queues", queue);
        var messages = new List<string>();
        foreach (var path in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
        {
            messages.Add(await File.ReadAllTextAsync(path));
        }

        return messages;
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("../store2/x.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("a/../../../outside.txt")]
    [InlineData("..")]
    [InlineData("/tmp/outside.txt")]
    [InlineData("a\\..\\..\\outside.txt")]
    [InlineData(".~0123456789abcdef0123456789abcdef.tmp")]
    [InlineData("a\0b")]
    public async Task WriteBlobAsync_EscapingOrReservedName_ThrowsAndWritesNothing(string name)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteBlobAsync(StorageNames.Containers.Reports, name, "x"u8.ToArray(), "text/plain"));

        Assert.Equal("name", e.ParamName);
        Assert.Contains($"'{name}' is not valid", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_sandbox, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WriteBlobAsync_Name_IsAFileUnderTheContainerFolder()
    {
        await Storage.WriteBlobAsync(StorageNames.Containers.Returns, "W0001/2024-Q3.csv", "a;b\n"u8.ToArray(), "text/csv");

        var path = Path.Combine(Root, "returns", "W0001", "2024-Q3.csv");
        Assert.Equal("a;b\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_sandbox, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task GetBlobInfoAsync_File_HasItsLastWriteTime()
    {
        await Storage.WriteBlobAsync(StorageNames.Containers.Registry, "workshops.csv", "id\n"u8.ToArray(), "text/csv");
        var path = Path.Combine(Root, "registry", "workshops.csv");
        var written = new DateTime(2024, 10, 2, 8, 30, 15, 250, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        var info = await Storage.GetBlobInfoAsync(StorageNames.Containers.Registry, "workshops.csv");

        Assert.Equal(new BlobEntry("registry", "workshops.csv", 3, new DateTimeOffset(written)), info);
    }

    [Fact]
    public async Task WriteBlobAsync_Replace_LeavesNoTemporaryFile()
    {
        await Storage.WriteBlobAsync(StorageNames.Containers.Reports, "r.json", "{\"v\":1}"u8.ToArray(), "application/json");

        await Storage.WriteBlobAsync(StorageNames.Containers.Reports, "r.json", "{\"v\":2}"u8.ToArray(), "application/json");

        var path = Path.Combine(Root, "reports", "r.json");
        Assert.Equal([path], Directory.GetFiles(_sandbox, "*", SearchOption.AllDirectories));
        Assert.Equal("{\"v\":2}", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task WriteBlobAsync_NameOfAFolder_ThrowsIOException()
    {
        await Storage.WriteBlobAsync(StorageNames.Containers.Reports, "a/b.json", "{}"u8.ToArray(), "application/json");

        var e = await Assert.ThrowsAsync<IOException>(() => Storage.WriteBlobAsync(StorageNames.Containers.Reports, "a", "{}"u8.ToArray(), "application/json"));

        Assert.Equal("Blob 'a' cannot be written in container 'reports': the folder adapter already holds blobs under 'a/', and a name cannot be both a file and a folder.", e.Message);
    }

    [Fact]
    public async Task ListBlobsAsync_TemporaryAndDotFiles_ListsDotFilesOnly()
    {
        var web = Path.Combine(Root, "$web");
        Directory.CreateDirectory(web);
        await File.WriteAllTextAsync(Path.Combine(web, ".nojekyll"), "");
        await File.WriteAllTextAsync(Path.Combine(web, ".~0123456789abcdef0123456789abcdef.tmp"), "half");
        await File.WriteAllTextAsync(Path.Combine(web, "index.html"), "<html>");

        Assert.Equal([".nojekyll", "index.html"], await NamesAsync(StorageNames.Containers.Web));
    }

    [Fact]
    public async Task ListBlobsAsync_SplitLayout_ReadsInputsFromTheInputFolder()
    {
        var input = Path.Combine(_sandbox, "in");
        var output = Path.Combine(_sandbox, "out");
        Directory.CreateDirectory(Path.Combine(input, "returns", "W0001"));
        await File.WriteAllTextAsync(Path.Combine(input, "returns", "W0001", "2024-Q1.csv"), "x");
        var storage = new FolderStorage(FolderLayout.Split(input, output, [StorageNames.Containers.Returns, StorageNames.Containers.Registry]));

        await storage.WriteBlobAsync(StorageNames.Containers.Reports, "W0001/2024-Q1.json", "{}"u8.ToArray(), "application/json");
        await storage.UpsertRowAsync(StorageNames.Tables.Submissions, Row("W0001", "2024-Q1"));
        await storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, "{}");

        var returns = new List<string>();
        await foreach (var entry in storage.ListBlobsAsync(StorageNames.Containers.Returns))
        {
            returns.Add(entry.Name);
        }

        Assert.Equal(["W0001/2024-Q1.csv"], returns);
        Assert.True(File.Exists(Path.Combine(output, "reports", "W0001", "2024-Q1.json")));
        Assert.True(File.Exists(Path.Combine(output, "tables", "Submissions", "_w0001.json")));
        Assert.True(File.Exists(Path.Combine(output, "queues", "risk-alerts", "0000000001.json")));
        Assert.Equal(["2024-Q1.csv"], Directory.GetFiles(Path.Combine(input, "returns", "W0001")).Select(Path.GetFileName));
        Assert.Equal(["returns"], Directory.GetDirectories(input).Select(Path.GetFileName));
    }

    [Fact]
    public async Task InsertRowAsync_ParallelSameKeys_ExactlyOneWins()
    {
        const int Writers = 20;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            // Each writer its own instance: the lock must be per file, not per object.
            var storage = new FolderStorage(FolderLayout.At(Root));
            return (Writer: i, Inserted: await storage.InsertRowAsync(StorageNames.Tables.Alerts, Row("W0001", "2024-Q3-high", ("Writer", i))));
        })).ToArray();

        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Inserted);
        AssertRow(Row("W0001", "2024-Q3-high", ("Writer", winner.Writer)), await Storage.GetRowAsync(StorageNames.Tables.Alerts, "W0001", "2024-Q3-high"));
        Assert.Equal(["_w0001.json"], Directory.GetFiles(Path.Combine(Root, "tables", "Alerts")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task WriteBlobAsync_ManyAtOnceIntoFoldersNotYetMade_WritesEveryOne()
    {
        // The site's files are written in parallel: several writers find the same folder missing and make it at once.
        // Folder after folder, each wanted by four writers at the same instant (the race is narrow: many folders).
        var names = Enumerable.Range(0, 1500).SelectMany(f => Enumerable.Range(0, 4).Select(i => $"f{f}/g/{i}.txt")).ToList();

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (name, ct) => await Storage.WriteBlobAsync(StorageNames.Containers.Web, name, Encoding.UTF8.GetBytes(name), "text/plain", ct));

        foreach (var name in names)
        {
            Assert.Equal(name, await File.ReadAllTextAsync(Path.Combine(Root, "$web", name)));
        }

        Assert.Equal(names.Count, Directory.GetFiles(Path.Combine(Root, "$web"), "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task EnqueueAsync_ANumberTakenByAnotherProcess_IsNeverReplaced_TheMessageTakesTheNext()
    {
        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, "un");
        var directory = Path.Combine(Root, "queues", StorageNames.Queues.RiskAlerts);
        await File.WriteAllTextAsync(Path.Combine(directory, "0000000002.json"), "d'ailleurs");

        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, "deux");
        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, "trois");

        Assert.Equal(["un", "d'ailleurs", "deux", "trois"], await ReadQueueAsync(StorageNames.Queues.RiskAlerts));
        Assert.Equal(["0000000001.json", "0000000002.json", "0000000003.json", "0000000004.json"],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Once the queue is drained, numbering starts again after the highest file present.
        foreach (var message in await Storage.ReceiveMessagesAsync(StorageNames.Queues.RiskAlerts, 10, TimeSpan.FromMinutes(1)))
        {
            await Storage.DeleteMessageAsync(StorageNames.Queues.RiskAlerts, message);
        }

        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, "quatre");
        Assert.Equal(["0000000001.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task UpsertRows_TheSameRowsAgain_LeaveThePartitionFileUntouched_AChangeRewritesIt()
    {
        var path = Path.Combine(Root, "tables", "Indicators", "_w0001.json");
        TableRow[] rows = [Row("W0001", "2024-Q2", ("Jobs", 4)), Row("W0001", "2024-Q3", ("Jobs", 5))];
        await Storage.UpsertRowsAsync(StorageNames.Tables.Indicators, rows);
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);

        // A rerun upserts the same rows, in a batch and one by one: nothing to write.
        await Storage.UpsertRowsAsync(StorageNames.Tables.Indicators, rows);
        await Storage.UpsertRowAsync(StorageNames.Tables.Indicators, rows[1]);
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));

        await Storage.UpsertRowAsync(StorageNames.Tables.Indicators, Row("W0001", "2024-Q3", ("Jobs", 6)));
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(path));
        AssertRow(Row("W0001", "2024-Q3", ("Jobs", 6)), await Storage.GetRowAsync(StorageNames.Tables.Indicators, "W0001", "2024-Q3"));
        Assert.Equal(["_w0001.json"], Directory.GetFiles(Path.Combine(Root, "tables", "Indicators")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task UpsertRowAsync_ParallelDifferentRowKeys_KeepsEveryRow()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            Storage.UpsertRowAsync(StorageNames.Tables.Indicators, Row("2024-Q3", $"W{i:D4}", ("Index", i))))));

        var rows = await QueryAsync(StorageNames.Tables.Indicators, "2024-Q3");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"W{i:D4}"), rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task UpsertRowAsync_Rows_WritesSortedTypedIndentedJson()
    {
        await Storage.UpsertRowAsync(StorageNames.Tables.RiskScores, Row("W0001", "2024-Q3",
            ("Score", 0.25), ("Level", 2), ("Reasons", "retard; marge < 0"), ("Count", 9_007_199_254_740_993L),
            ("Alerted", true), ("At", new DateTimeOffset(2024, 10, 1, 8, 0, 0, 5, TimeSpan.FromHours(2))), ("Missing", null)));
        await Storage.UpsertRowAsync(StorageNames.Tables.RiskScores, Row("W0001", "2024-Q1", ("Score", double.NaN)));

        var text = await File.ReadAllTextAsync(Path.Combine(Root, "tables", "RiskScores", "_w0001.json"));

        const string Expected = """
            {
              "partitionKey": "W0001",
              "rows": [
                {
                  "rowKey": "2024-Q1",
                  "properties": {
                    "Score": {
                      "type": "Edm.Double",
                      "value": "NaN"
                    }
                  }
                },
                {
                  "rowKey": "2024-Q3",
                  "properties": {
                    "Alerted": {
                      "type": "Edm.Boolean",
                      "value": true
                    },
                    "At": {
                      "type": "Edm.DateTime",
                      "value": "2024-10-01T06:00:00.0050000+00:00"
                    },
                    "Count": {
                      "type": "Edm.Int64",
                      "value": "9007199254740993"
                    },
                    "Level": {
                      "type": "Edm.Int32",
                      "value": 2
                    },
                    "Reasons": {
                      "type": "Edm.String",
                      "value": "retard; marge < 0"
                    },
                    "Score": {
                      "type": "Edm.Double",
                      "value": 0.25
                    }
                  }
                }
              ]
            }

            """;
        Assert.Equal(Expected.ReplaceLineEndings("\n"), text);
        AssertRow(Row("W0001", "2024-Q1", ("Score", double.NaN)), await Storage.GetRowAsync(StorageNames.Tables.RiskScores, "W0001", "2024-Q1"));
    }

    [Fact]
    public async Task GetRowAsync_CorruptPartitionFile_ThrowsInvalidDataException()
    {
        var directory = Path.Combine(Root, "tables", "Returns");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "_w0001.json");
        await File.WriteAllTextAsync(path, "{\"partitionKey\":\"W0001\",\"rows\":[{\"rowKey\":\"r\",\"properties\":{\"X\":{\"type\":\"Edm.Int32\",\"value\":\"three\"}}}]}");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => Storage.GetRowAsync(StorageNames.Tables.Returns, "W0001", "r"));

        Assert.StartsWith($"Table file '{path}' holds a value that does not match its type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_Messages_AreNumberedFilesHoldingTheText()
    {
        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, "{\"n\":1}");
        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, "{\"n\":2}");

        var directory = Path.Combine(Root, "queues", "risk-alerts");
        Assert.Equal(["0000000001.json", "0000000002.json"], Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(Path.GetFileName));
        Assert.Equal("{\"n\":2}", await File.ReadAllTextAsync(Path.Combine(directory, "0000000002.json"), Encoding.UTF8));
    }

    [Fact]
    public async Task EnqueueAsync_ExistingMessages_ContinuesAfterTheHighest()
    {
        var directory = Path.Combine(Root, "queues", "risk-alerts");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "0000000003.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(directory, "0000000041.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(directory, "notes.json"), "{}");

        await Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, "{\"n\":42}");

        Assert.Equal("{\"n\":42}", await File.ReadAllTextAsync(Path.Combine(directory, "0000000042.json")));
    }

    [Fact]
    public async Task EnqueueAsync_Parallel_GivesEachMessageItsOwnNumber()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, $"{{\"n\":{i}}}"))));

        var messages = await ReadQueueAsync(StorageNames.Queues.RiskAlerts);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{{\"n\":{i}}}").Order(StringComparer.Ordinal), messages.Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"{i:D10}.json"), Directory.GetFiles(Path.Combine(Root, "queues", "risk-alerts")).Order(StringComparer.Ordinal).Select(Path.GetFileName));
    }

    [Fact]
    public void Layout_IsTheOneGiven()
    {
        Assert.Equal(FolderLayout.At(Root), Folder.Layout);
    }
}
