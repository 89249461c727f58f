namespace Impact.Pipeline.Storage;

/// <summary>
/// The one storage port of the pipeline: blobs in containers, rows in tables, messages in queues.
/// Two adapters implement it: <c>FolderStorage</c> (a local folder, the embedded default) and
/// <c>AzureStorage</c> (Azure Blob, Table and Queue storage; Azurite in tests).
/// Both must behave identically; the contract tests in tests/Impact.Pipeline.Tests/Storage run against both.
/// </summary>
public interface IImpactStorage
{
    /// <summary>Size and time of a blob, or null when it does not exist.</summary>
    Task<BlobEntry?> GetBlobInfoAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Reads a whole blob, or null when it does not exist.</summary>
    Task<StoredBlob?> ReadBlobAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a blob (the container is created when missing).</summary>
    Task WriteBlobAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a blob; false when it did not exist. Only retention uses it (the folder twin of the Bicep lifecycle
    /// rules); on Azure, blob soft delete keeps a deleted blob restorable for its retention days.
    /// </summary>
    Task<bool> DeleteBlobAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Blobs whose name starts with <paramref name="prefix"/>, sorted by name (ordinal).</summary>
    IAsyncEnumerable<BlobEntry> ListBlobsAsync(string container, string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>Inserts a row; returns false, changing nothing, when a row with the same keys exists.</summary>
    Task<bool> InsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a row.</summary>
    Task UpsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces many rows, grouped by partition: one write per partition on a folder, transactions of
    /// 100 on Azure. Each partition's batch is atomic; different partitions are written independently.
    /// </summary>
    Task UpsertRowsAsync(string table, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken = default);

    /// <summary>One row by its keys, or null.</summary>
    Task<TableRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>The rows of one partition whose row key starts with <paramref name="rowKeyPrefix"/>, sorted by row key (ordinal).</summary>
    IAsyncEnumerable<TableRow> QueryPartitionAsync(string table, string partitionKey, string? rowKeyPrefix = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a message (UTF-8 text, typically JSON) to a queue (created when missing).</summary>
    Task EnqueueAsync(string queue, string message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="maxMessages"/> messages, oldest first, hidden from other readers for
    /// <paramref name="visibilityTimeout"/> (on a folder, which has one reader, they simply stay until deleted).
    /// An empty list when the queue is empty or missing.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many messages a queue holds, hidden ones included (0 when the queue is missing). Approximate on Azure (the
    /// service's own count), exact on a folder: for watching a queue, not for deciding what to process.
    /// </summary>
    Task<int> CountMessagesAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>Deletes a message received by <see cref="ReceiveMessagesAsync"/> once it has been handled.</summary>
    Task DeleteMessageAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Where an output ("container/name", "table T", "queue Q") is as people find it: the name itself in an account
    /// (the default), the file or folder path on a folder (<see cref="FolderLayout.PathOf"/>). A decorator forwards it.
    /// </summary>
    string Locate(string output) => output;

    /// <summary>
    /// Whether this process is the store's only writer, so that rows read earlier cannot have been written by anyone
    /// else since: true on a folder (one writing process, under its <see cref="FolderLock"/>, and one sweep within it);
    /// false on an account, where the per-upload function and the quarterly job may write at the same time. A decorator
    /// forwards it.
    /// </summary>
    bool SoleWriter => false;
}

/// <summary>A queue message as received: its text and what deleting it needs.</summary>
/// <param name="Id">The message's identity.</param>
/// <param name="Receipt">The receipt that proves this reader holds it (Azure's pop receipt; the file name on a folder).</param>
/// <param name="Text">The message (UTF-8 text).</param>
/// <param name="DequeueCount">How many times it has been received (1 the first time).</param>
public sealed record QueueMessage(string Id, string Receipt, string Text, long DequeueCount);

/// <summary>A blob's identity, size in bytes and last-modified time (UTC): the time it was received.</summary>
public sealed record BlobEntry(string Container, string Name, long Length, DateTimeOffset LastModified);

/// <summary>A blob read whole.</summary>
public sealed record StoredBlob(BlobEntry Entry, ReadOnlyMemory<byte> Content);

/// <summary>
/// A table row. Property values are limited to what Azure Table storage holds losslessly:
/// <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>
/// and <see cref="DateTimeOffset"/> (UTC).
/// </summary>
public sealed record TableRow(string PartitionKey, string RowKey, IReadOnlyDictionary<string, object?> Properties)
{
    /// <summary>A property as a string, or null.</summary>
    public string? GetString(string name) => Properties.TryGetValue(name, out var v) ? v as string : null;
}
