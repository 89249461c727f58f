using Impact.Pipeline.Storage;

namespace Impact.Testing;

/// <summary>One write through the storage port, as <see cref="FaultInjectingStorage"/> numbers them.</summary>
/// <param name="Index">1 for the first write, then 2, 3…</param>
/// <param name="Operation">WriteBlob, DeleteBlob, InsertRow, UpsertRow, UpsertRows, Enqueue or DeleteMessage.</param>
/// <param name="Target">The container, table or queue.</param>
/// <param name="Key">The blob name, "partition/row" (the first row of a batch), or the queue message.</param>
public sealed record StorageWrite(int Index, string Operation, string Target, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Operation} {Target} {Key}";
}

/// <summary>
/// The process "killed" at a write: thrown before the write happens, so nothing of it lands. An
/// <see cref="IOException"/>, as a storage failure is: the pipeline does not mistake it for one upload's defect.
/// </summary>
public sealed class SimulatedCrashException(StorageWrite write) : IOException($"Simulated crash before {write}")
{
    /// <summary>The write that never happened.</summary>
    public StorageWrite Write { get; } = write;
}

/// <summary>
/// A storage decorator for crash and race tests: it numbers every write, can stop the "process" before the N-th one
/// (<see cref="CrashBefore"/>), and can hold a write until the test lets it go (<see cref="BeforeWrite"/>). Reads pass
/// through untouched; the blobs read whole are listed (<see cref="BlobReads"/>).
/// </summary>
public sealed class FaultInjectingStorage(IImpactStorage inner) : IImpactStorage
{
    private int _writes;
    private readonly List<StorageWrite> _log = [];
    private readonly List<string> _blobReads = [];

    /// <summary>When set, the write with this index throws <see cref="SimulatedCrashException"/>, and so does every later one (a dead process writes nothing).</summary>
    public int? CrashBefore { get; set; }

    /// <summary>Awaited before each write (after the crash check): a test holds writes here to force an interleaving.</summary>
    public Func<StorageWrite, Task>? BeforeWrite { get; set; }

    /// <summary>The writes made so far (not those crashed), in order.</summary>
    public IReadOnlyList<StorageWrite> Writes
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>The writes attempted so far, crashed ones included.</summary>
    public int Attempted => Volatile.Read(ref _writes);

    public Task<BlobEntry?> GetBlobInfoAsync(string container, string name, CancellationToken cancellationToken = default) =>
        inner.GetBlobInfoAsync(container, name, cancellationToken);

    /// <inheritdoc />
    public string Locate(string output) => inner.Locate(output);

    /// <inheritdoc />
    public bool SoleWriter => inner.SoleWriter;

    public Task<StoredBlob?> ReadBlobAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        lock (_blobReads)
        {
            _blobReads.Add($"{container}/{name}");
        }

        return inner.ReadBlobAsync(container, name, cancellationToken);
    }

    /// <summary>The blobs read whole so far (container/name), in order.</summary>
    public IReadOnlyList<string> BlobReads
    {
        get
        {
            lock (_blobReads)
            {
                return [.. _blobReads];
            }
        }
    }

    public async Task<bool> DeleteBlobAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        await WriteAsync("DeleteBlob", container, name);
        return await inner.DeleteBlobAsync(container, name, cancellationToken);
    }

    public async Task WriteBlobAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        await WriteAsync("WriteBlob", container, name);
        await inner.WriteBlobAsync(container, name, content, contentType, cancellationToken);
    }

    public IAsyncEnumerable<BlobEntry> ListBlobsAsync(string container, string? prefix = null, CancellationToken cancellationToken = default) =>
        inner.ListBlobsAsync(container, prefix, cancellationToken);

    public async Task<bool> InsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        await WriteAsync("InsertRow", table, $"{row.PartitionKey}/{row.RowKey}");
        return await inner.InsertRowAsync(table, row, cancellationToken);
    }

    public async Task UpsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        await WriteAsync("UpsertRow", table, $"{row.PartitionKey}/{row.RowKey}");
        await inner.UpsertRowAsync(table, row, cancellationToken);
    }

    public async Task UpsertRowsAsync(string table, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var first = rows.FirstOrDefault();
        await WriteAsync("UpsertRows", table, first is null ? "" : $"{first.PartitionKey}/{first.RowKey} (+{rows.Count - 1})");
        await inner.UpsertRowsAsync(table, rows, cancellationToken);
    }

    public Task<TableRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        inner.GetRowAsync(table, partitionKey, rowKey, cancellationToken);

    public IAsyncEnumerable<TableRow> QueryPartitionAsync(string table, string partitionKey, string? rowKeyPrefix = null, CancellationToken cancellationToken = default) =>
        inner.QueryPartitionAsync(table, partitionKey, rowKeyPrefix, cancellationToken);

    public async Task EnqueueAsync(string queue, string message, CancellationToken cancellationToken = default)
    {
        await WriteAsync("Enqueue", queue, message);
        await inner.EnqueueAsync(queue, message, cancellationToken);
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
        inner.ReceiveMessagesAsync(queue, maxMessages, visibilityTimeout, cancellationToken);

    public Task<int> CountMessagesAsync(string queue, CancellationToken cancellationToken = default) =>
        inner.CountMessagesAsync(queue, cancellationToken);

    public async Task DeleteMessageAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await WriteAsync("DeleteMessage", queue, message.Id);
        await inner.DeleteMessageAsync(queue, message, cancellationToken);
    }

    private async Task WriteAsync(string operation, string target, string key)
    {
        var write = new StorageWrite(Interlocked.Increment(ref _writes), operation, target, key);
        if (CrashBefore is { } crash && write.Index >= crash)
        {
            throw new SimulatedCrashException(write);
        }

        if (BeforeWrite is { } hold)
        {
            await hold(write);
        }

        lock (_log)
        {
            _log.Add(write);
        }
    }
}
