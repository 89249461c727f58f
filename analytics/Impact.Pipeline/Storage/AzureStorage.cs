using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Impact.Pipeline.Storage;

/// <summary>
/// The storage port on Azure Storage: Blob containers, Table storage and Queue storage (Azurite in tests).
/// Containers, tables and queues are created on first use; which ones exist is remembered per instance.
/// <list type="bullet">
/// <item>Property values map one to one to Azure's Edm types; a DateTimeOffset is stored in UTC and read back
/// with a zero offset. Null property values are not stored. The system properties (Timestamp, ETag) are not read back.</item>
/// <item>Queue messages are sent base64-encoded (UTF-8 text, then base64) by this adapter itself, because the
/// Functions queue trigger expects base64. Give it a <see cref="QueueServiceClient"/> with the default
/// <see cref="QueueMessageEncoding.None"/>: a client that encodes too would encode twice.</item>
/// <item>Blobs and rows are listed in the service's order, which is by name and by row key; it matches
/// ordinal order except between characters beyond U+FFFF and those from U+E000 to U+FFFF.</item>
/// </list>
/// </summary>
public sealed class AzureStorage : IImpactStorage
{
    private readonly BlobServiceClient _blobs;
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;

    // Names known to exist; a race between two first uses only costs a second, harmless CreateIfNotExists.
    private readonly ConcurrentDictionary<string, byte> _createdContainers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _createdTables = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _createdQueues = new(StringComparer.Ordinal);

    public AzureStorage(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        _blobs = blobs;
        _tables = tables;
        _queues = queues;
    }

    /// <summary>The blob, table and queue endpoints this adapter talks to (for diagnostics and tests).</summary>
    public (Uri Blob, Uri Table, Uri Queue) Endpoints => (_blobs.Uri, _tables.Uri, _queues.Uri);

    /// <summary>
    /// An adapter on the account a connection string names (Azurite's included). An account that cannot be reached
    /// throws <see cref="StorageUnavailableException"/> once <paramref name="maxRetries"/> retries are spent.
    /// </summary>
    public static AzureStorage FromConnectionString(string connectionString, int maxRetries = 3)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new AzureStorage(
            new BlobServiceClient(connectionString, WithPolicies(new BlobClientOptions(), maxRetries)),
            new TableServiceClient(connectionString, WithPolicies(new TableClientOptions(), maxRetries)),
            new QueueServiceClient(connectionString, WithPolicies(new QueueClientOptions(), maxRetries)));
    }

    /// <summary>
    /// Client options as this adapter wants them: an unreachable account reported as <see cref="StorageUnavailableException"/>,
    /// at most <paramref name="maxRetries"/> retries (0.5 s, then doubling, at most 4 s apart) and 30 s per try.
    /// </summary>
    public static T WithPolicies<T>(T options, int maxRetries = 3) where T : Azure.Core.ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.AddPolicy(StorageUnavailablePolicy.Instance, Azure.Core.HttpPipelinePosition.PerCall);
        return options;
    }

    public async Task<BlobEntry?> GetBlobInfoAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(container, name);
        try
        {
            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return new BlobEntry(container, name, properties.ContentLength, properties.LastModified.ToUniversalTime());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // no blob, or no container
        }
    }

    public async Task<StoredBlob?> ReadBlobAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(container, name);
        try
        {
            BlobDownloadResult result = await blob.DownloadContentAsync(cancellationToken);
            var content = result.Content.ToMemory();
            var entry = new BlobEntry(container, name, content.Length, result.Details.LastModified.ToUniversalTime());
            return new StoredBlob(entry, content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> DeleteBlobAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Blob(container, name).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false; // no container yet
        }
    }

    public async Task WriteBlobAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var blob = Blob(container, name);
        await EnsureCreatedAsync(_createdContainers, container, ct => _blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        // No conditions: replaces an existing blob.
        await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
    }

    public async IAsyncEnumerable<BlobEntry> ListBlobsAsync(string container, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StorageRules.CheckContainer(container);
        var blobs = _blobs.GetBlobContainerClient(container).GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken);
        await foreach (var item in WithoutNotFound(blobs, cancellationToken))
        {
            yield return new BlobEntry(container, item.Name, item.Properties.ContentLength ?? 0, (item.Properties.LastModified ?? default).ToUniversalTime());
        }
    }

    public async Task<bool> InsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckRow(row);
        var client = await TableAsync(table, cancellationToken);
        try
        {
            await client.AddEntityAsync(ToEntity(row), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false; // EntityAlreadyExists: the first row stays
        }
    }

    public async Task UpsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckRow(row);
        var client = await TableAsync(table, cancellationToken);
        await client.UpsertEntityAsync(ToEntity(row), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Azure Table transactions hold at most 100 operations, all in one partition.</summary>
    private const int MaxTransactionSize = 100;

    public async Task UpsertRowsAsync(string table, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            StorageRules.CheckRow(row);
        }

        if (rows.Count == 0)
        {
            return;
        }

        var client = await TableAsync(table, cancellationToken);
        // Partitions in parallel, each partition's transactions one after another: a partition takes 2,000 entities/s,
        // the account 20,000/s, so a few partitions at once stay within both (a first run writes 12 quarters' rows).
        await Parallel.ForEachAsync(rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = PartitionsInParallel, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                // The last row wins for a key given twice, as with one upsert after another.
                var distinct = partition.GroupBy(r => r.RowKey, StringComparer.Ordinal).Select(g => g.Last());
                foreach (var chunk in distinct.Chunk(MaxTransactionSize))
                {
                    await client.SubmitTransactionAsync(
                        chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(r))),
                        ct);
                }
            });
    }

    /// <summary>How many partitions of one batch are written at once.</summary>
    private const int PartitionsInParallel = 8;

    public async Task<TableRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckTable(table);
        StorageRules.CheckKey(partitionKey, nameof(partitionKey));
        StorageRules.CheckKey(rowKey, nameof(rowKey));
        try
        {
            var response = await _tables.GetTableClient(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
            return response.HasValue ? ToRow(table, response.Value!) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // no table
        }
    }

    public async IAsyncEnumerable<TableRow> QueryPartitionAsync(string table, string partitionKey, string? rowKeyPrefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StorageRules.CheckTable(table);
        StorageRules.CheckKey(partitionKey, nameof(partitionKey));
        var filter = PartitionFilter(partitionKey, rowKeyPrefix);
        var entities = _tables.GetTableClient(table).QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken);
        await foreach (var entity in WithoutNotFound(entities, cancellationToken))
        {
            // The range filter is exact for ordinary prefixes; this keeps it exact for every prefix.
            if (rowKeyPrefix is null || entity.RowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal))
            {
                yield return ToRow(table, entity);
            }
        }
    }

    public async Task EnqueueAsync(string queue, string message, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckQueue(queue);
        ArgumentNullException.ThrowIfNull(message);
        var client = _queues.GetQueueClient(queue);
        await EnsureCreatedAsync(_createdQueues, queue, ct => client.CreateIfNotExistsAsync(cancellationToken: ct), cancellationToken);
        // The Functions queue trigger decodes base64 by default (host.json messageEncoding).
        await client.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(message)), cancellationToken);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckQueue(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        try
        {
            var received = await _queues.GetQueueClient(queue).ReceiveMessagesAsync(Math.Min(maxMessages, 32), visibilityTimeout, cancellationToken);
            return [.. received.Value.Select(m => new QueueMessage(m.MessageId, m.PopReceipt, Encoding.UTF8.GetString(Convert.FromBase64String(m.MessageText)), m.DequeueCount))];
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return []; // no queue yet
        }
    }

    public async Task<int> CountMessagesAsync(string queue, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckQueue(queue);
        try
        {
            return (await _queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0; // no queue yet
        }
    }

    public async Task DeleteMessageAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckQueue(queue);
        ArgumentNullException.ThrowIfNull(message);
        await _queues.GetQueueClient(queue).DeleteMessageAsync(message.Id, message.Receipt, cancellationToken);
    }

    /// <summary>
    /// <c>PartitionKey eq pk</c>, and with a prefix <c>RowKey ge prefix and RowKey lt next</c>, where next is
    /// the prefix with its last character incremented (the first key past every key with that prefix).
    /// </summary>
    internal static string PartitionFilter(string partitionKey, string? rowKeyPrefix)
    {
        if (string.IsNullOrEmpty(rowKeyPrefix))
        {
            return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        }

        var last = rowKeyPrefix[^1];
        if (last == char.MaxValue || char.IsSurrogate(last))
        {
            return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyPrefix}");
        }

        var next = string.Concat(rowKeyPrefix.AsSpan(0, rowKeyPrefix.Length - 1), [(char)(last + 1)]);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyPrefix} and RowKey lt {next}");
    }

    private BlobClient Blob(string container, string name)
    {
        StorageRules.CheckContainer(container);
        StorageRules.CheckBlobName(name);
        return _blobs.GetBlobContainerClient(container).GetBlobClient(name);
    }

    private async Task<TableClient> TableAsync(string table, CancellationToken cancellationToken)
    {
        StorageRules.CheckTable(table);
        var client = _tables.GetTableClient(table);
        await EnsureCreatedAsync(_createdTables, table, ct => client.CreateIfNotExistsAsync(ct), cancellationToken);
        return client;
    }

    private static async Task EnsureCreatedAsync(ConcurrentDictionary<string, byte> created, string name, Func<CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        if (!created.ContainsKey(name))
        {
            await create(cancellationToken);
            created.TryAdd(name, 0);
        }
    }

    /// <summary>The items of a listing; none when the container or table does not exist (404).</summary>
    private static async IAsyncEnumerable<T> WithoutNotFound<T>(AsyncPageable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : notnull
    {
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool moved;
            try
            {
                moved = await enumerator.MoveNextAsync();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                moved = false;
            }

            if (!moved)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    private static TableEntity ToEntity(TableRow row)
    {
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row.Properties)
        {
            switch (value)
            {
                case null:
                    break; // not stored, as in the folder adapter
                case DateTimeOffset time:
                    entity[name] = time.ToUniversalTime();
                    break;
                default:
                    entity[name] = value;
                    break;
            }
        }

        return entity;
    }

    private static TableRow ToRow(string table, TableEntity entity)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                continue;
            }

            properties[name] = value switch
            {
                string or int or long or double or bool => value,
                DateTimeOffset time => time.ToUniversalTime(),
                DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                _ => throw new InvalidDataException($"Table '{table}', row ('{entity.PartitionKey}', '{entity.RowKey}'): property '{name}' has type {value?.GetType().Name ?? "null"}, which the storage port does not hold (string, int, long, double, bool, DateTimeOffset)."),
            };
        }

        return new TableRow(entity.PartitionKey, entity.RowKey, properties);
    }
}
