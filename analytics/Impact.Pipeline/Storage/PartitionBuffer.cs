using System.Runtime.CompilerServices;

namespace Impact.Pipeline.Storage;

/// <summary>
/// One partition of some tables (or every partition of them, when <c>partitionKey</c> is null) held in memory while one
/// writer works on it, and written once at the end
/// (<see cref="FlushAsync"/>): the ingestion sweep handles a workshop's uploads one after the other, each reading and
/// writing the workshop's Submissions and Returns partitions several times. Unbuffered, a folder rewrites a partition
/// file three times per upload and parses it seven times; buffered, it reads each once and writes each once per
/// workshop. Everything else (blobs, queues, other tables and partitions) goes straight to the inner storage.
/// </summary>
/// <remarks>
/// <para>
/// The partition is read whole on first use; reads are then answered from memory, with the writes made since (read your
/// writes). Null properties are dropped on write, as both adapters drop them.
/// </para>
/// <para>
/// <see cref="FlushAsync"/> writes the tables in the order given, so the order of the unbuffered writes between
/// tables is kept (Returns, the versions, before Submissions, their outcomes). Rows only upserted go in one batch per
/// partition. Rows inserted (insert-only, such as a version) go in the same batch when the storage has one writer
/// (<see cref="IImpactStorage.SoleWriter"/>: nobody else can have taken their keys since the partition was read);
/// otherwise one by one, insert-only, and a key taken meanwhile by another writer with other content is returned as a
/// conflict, for the caller to redo that work unbuffered. A crash before the flush loses the buffered rows only: the
/// work they recorded is done again by the next run, as after a crash before those writes.
/// </para>
/// <para>Not thread-safe: one buffer per writer.</para>
/// </remarks>
internal sealed class PartitionBuffer(IImpactStorage inner, string? partitionKey, IReadOnlyList<string> writtenTables, IReadOnlyCollection<string> readTables) : IImpactStorage
{
    private sealed class Partition
    {
        public required SortedDictionary<string, TableRow> Rows { get; init; }

        /// <summary>The keys written, in their first write's order, each as inserted (true) or upserted.</summary>
        public Dictionary<string, bool> Written { get; } = new(StringComparer.Ordinal);
    }

    // By table, then partition key, in first use order within a table.
    private readonly Dictionary<(string Table, string Partition), Partition> _partitions = [];
    private readonly List<(string Table, string Partition)> _order = [];

    /// <inheritdoc />
    public bool SoleWriter => inner.SoleWriter;

    /// <inheritdoc />
    public string Locate(string output) => inner.Locate(output);

    public Task<BlobEntry?> GetBlobInfoAsync(string container, string name, CancellationToken cancellationToken = default) =>
        inner.GetBlobInfoAsync(container, name, cancellationToken);

    public Task<StoredBlob?> ReadBlobAsync(string container, string name, CancellationToken cancellationToken = default) =>
        inner.ReadBlobAsync(container, name, cancellationToken);

    public Task WriteBlobAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default) =>
        inner.WriteBlobAsync(container, name, content, contentType, cancellationToken);

    public Task<bool> DeleteBlobAsync(string container, string name, CancellationToken cancellationToken = default) =>
        inner.DeleteBlobAsync(container, name, cancellationToken);

    public IAsyncEnumerable<BlobEntry> ListBlobsAsync(string container, string? prefix = null, CancellationToken cancellationToken = default) =>
        inner.ListBlobsAsync(container, prefix, cancellationToken);

    public async Task<bool> InsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        StorageRules.CheckRow(row); // refused now, as the storage would refuse it, not at the flush
        if (!Writes(table, row.PartitionKey))
        {
            return await inner.InsertRowAsync(table, row, cancellationToken);
        }

        var partition = await LoadAsync(table, row.PartitionKey, cancellationToken);
        if (partition.Rows.ContainsKey(row.RowKey))
        {
            return false;
        }

        partition.Rows[row.RowKey] = WithoutNulls(row);
        partition.Written.TryAdd(row.RowKey, true);
        return true;
    }

    public async Task UpsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        StorageRules.CheckRow(row);
        if (!Writes(table, row.PartitionKey))
        {
            await inner.UpsertRowAsync(table, row, cancellationToken);
            return;
        }

        var partition = await LoadAsync(table, row.PartitionKey, cancellationToken);
        partition.Rows[row.RowKey] = WithoutNulls(row);
        // A row inserted then upserted stays an insert: no other writer's row is replaced by it.
        partition.Written.TryAdd(row.RowKey, false);
    }

    public async Task UpsertRowsAsync(string table, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var passed = rows.Where(r => !Writes(table, r.PartitionKey)).ToList();
        if (passed.Count > 0)
        {
            await inner.UpsertRowsAsync(table, passed, cancellationToken);
        }

        foreach (var row in rows.Where(r => Writes(table, r.PartitionKey)))
        {
            await UpsertRowAsync(table, row, cancellationToken);
        }
    }

    public async Task<TableRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        if (!Holds(table, partitionKey))
        {
            return await inner.GetRowAsync(table, partitionKey, rowKey, cancellationToken);
        }

        return (await LoadAsync(table, partitionKey, cancellationToken)).Rows.GetValueOrDefault(rowKey);
    }

    public async IAsyncEnumerable<TableRow> QueryPartitionAsync(string table, string partitionKey, string? rowKeyPrefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Holds(table, partitionKey))
        {
            await foreach (var row in inner.QueryPartitionAsync(table, partitionKey, rowKeyPrefix, cancellationToken))
            {
                yield return row;
            }

            yield break;
        }

        // A copy: the caller may write to the partition while it reads.
        var rows = (await LoadAsync(table, partitionKey, cancellationToken)).Rows.Values
            .Where(r => rowKeyPrefix is null || r.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal)).ToList();
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    public Task EnqueueAsync(string queue, string message, CancellationToken cancellationToken = default) =>
        inner.EnqueueAsync(queue, message, cancellationToken);

    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
        inner.ReceiveMessagesAsync(queue, maxMessages, visibilityTimeout, cancellationToken);

    public Task<int> CountMessagesAsync(string queue, CancellationToken cancellationToken = default) => inner.CountMessagesAsync(queue, cancellationToken);

    public Task DeleteMessageAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default) =>
        inner.DeleteMessageAsync(queue, message, cancellationToken);

    /// <summary>
    /// The rows of one partition as held now (read, with the writes since), in row-key order: after a flush without
    /// conflicts, what the storage holds. Null when the partition was never read here (its rows are unknown).
    /// </summary>
    public IReadOnlyList<TableRow>? Held(string table, string key) =>
        _partitions.TryGetValue((table, key), out var partition) ? [.. partition.Rows.Values] : null;

    /// <summary>
    /// Writes what was written to the buffered partitions, table by table in the order given at construction, and
    /// empties the buffer. Returns the rows inserted here whose key another writer took meanwhile with other properties
    /// (only without <see cref="IImpactStorage.SoleWriter"/>): they were not written.
    /// </summary>
    public async Task<IReadOnlyList<(string Table, TableRow Row)>> FlushAsync(CancellationToken cancellationToken = default)
    {
        var conflicts = new List<(string, TableRow)>();
        foreach (var (table, key) in _order.OrderBy(p => IndexOf(p.Table)))
        {
            var partition = _partitions[(table, key)];
            if (partition.Written.Count == 0)
            {
                continue;
            }

            var batch = new List<TableRow>();
            foreach (var (rowKey, inserted) in partition.Written)
            {
                var row = partition.Rows[rowKey];
                if (!inserted || inner.SoleWriter)
                {
                    batch.Add(row);
                }
                else if (!await inner.InsertRowAsync(table, row, cancellationToken)
                    && await inner.GetRowAsync(table, key, rowKey, cancellationToken) is { } winner && !SameProperties(winner, row))
                {
                    conflicts.Add((table, row));
                }
            }

            if (batch.Count > 0)
            {
                await inner.UpsertRowsAsync(table, batch, cancellationToken);
            }
        }

        _partitions.Clear();
        _order.Clear();
        return conflicts;
    }

    private bool Mine(string partition) => partitionKey is null || partition == partitionKey;

    private bool Writes(string table, string partition) => Mine(partition) && writtenTables.Contains(table, StringComparer.Ordinal);

    private bool Holds(string table, string partition) => Writes(table, partition) || (Mine(partition) && readTables.Contains(table, StringComparer.Ordinal));

    private int IndexOf(string table)
    {
        for (var i = 0; i < writtenTables.Count; i++)
        {
            if (writtenTables[i] == table)
            {
                return i;
            }
        }

        return writtenTables.Count;
    }

    private async Task<Partition> LoadAsync(string table, string key, CancellationToken cancellationToken)
    {
        if (!_partitions.TryGetValue((table, key), out var partition))
        {
            var rows = new SortedDictionary<string, TableRow>(StringComparer.Ordinal);
            await foreach (var row in inner.QueryPartitionAsync(table, key, null, cancellationToken))
            {
                rows[row.RowKey] = row;
            }

            partition = new Partition { Rows = rows };
            _partitions[(table, key)] = partition;
            _order.Add((table, key));
        }

        return partition;
    }

    private static TableRow WithoutNulls(TableRow row) =>
        row.Properties.Values.Any(v => v is null)
            ? row with { Properties = row.Properties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) }
            : row;

    private static bool SameProperties(TableRow a, TableRow b) =>
        a.Properties.Count == b.Properties.Count && a.Properties.All(p => b.Properties.TryGetValue(p.Key, out var v) && Equals(p.Value, v));
}
