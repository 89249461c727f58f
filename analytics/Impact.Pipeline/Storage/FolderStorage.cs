using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Impact.Pipeline.Storage;

/// <summary>
/// The storage port on a local folder: the embedded default, so the whole pipeline runs on a laptop
/// with no cloud and no emulator. See <see cref="FolderLayout"/> for where things go.
/// <list type="bullet">
/// <item>Blob <c>a/b.csv</c> of container C is the file <c>{C's folder}/a/b.csv</c>; its LastModified is
/// the file's last write time (UTC). Content types are not kept.</item>
/// <item>A table partition is one JSON file, <c>{tables}/{Table}/{encoded partition key}.json</c>
/// (see <see cref="TablePartitionFile"/> and <see cref="PartitionKeyFileName"/>). Null property values are not stored.</item>
/// <item>A queue message is one file, <c>{queues}/{queue}/{sequence:D10}.json</c>, holding the message text
/// (UTF-8) as given; sequences start at 1 and continue after the highest file present.</item>
/// </list>
/// Every write goes to a temporary file in the target folder, then replaces the target, so a reader
/// never sees half a file. Writers of the same table partition or queue are serialized within the
/// process; across processes, a command that writes holds the folder's <see cref="FolderLock"/> (one writing process
/// per folder), which also removes the temporary files an interrupted write left behind. Two things Azure allows a folder cannot: a blob name that is both a
/// file and a folder (<c>a</c> and <c>a/b</c>), and, on case-insensitive file systems (Windows, macOS),
/// blob names that differ only by case. Partition files are safe from the latter (see <see cref="PartitionKeyFileName"/>).
/// </summary>
public sealed class FolderStorage : IImpactStorage
{
    // Temporary files are ".~{guid}.tmp"; blob names whose last segment looks like one are refused.
    private const string TempPrefix = ".~";
    private const string TempSuffix = ".tmp";
    private const string MessageExtension = ".json";
    private const int SequenceDigits = 10;

    // Process-wide, not per instance: two FolderStorage objects on the same folder must not race.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> FileLocks = new(StringComparer.Ordinal);

    // The next message number of each queue folder written by this process (see EnqueueAsync).
    private static readonly ConcurrentDictionary<string, long> NextSequence = new(StringComparer.Ordinal);

    private static readonly EnumerationOptions AllFiles = new()
    {
        RecurseSubdirectories = true,
        // Dot-files are blobs too (e.g. $web/.nojekyll); the default would skip them as hidden on Unix.
        AttributesToSkip = FileAttributes.None,
        MatchType = MatchType.Simple,
    };

    public FolderStorage(FolderLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
    }

    /// <summary>Where the containers, tables and queues are.</summary>
    public FolderLayout Layout { get; }

    /// <inheritdoc />
    public string Locate(string output) => Layout.PathOf(output);

    /// <inheritdoc />
    public bool SoleWriter => true;

    public Task<BlobEntry?> GetBlobInfoAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(BlobPath(container, name));
        return Task.FromResult(file.Exists ? Entry(container, name, file) : null);
    }

    public async Task<StoredBlob?> ReadBlobAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = BlobPath(container, name);
        var content = await ReadFileAsync(path, cancellationToken);
        if (content is null)
        {
            return null;
        }

        var entry = new BlobEntry(container, name, content.Value.Bytes.Length, content.Value.LastModified);
        return new StoredBlob(entry, content.Value.Bytes);
    }

    public Task<bool> DeleteBlobAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(BlobPath(container, name));
        if (!file.Exists)
        {
            return Task.FromResult(false);
        }

        file.Delete();
        return Task.FromResult(true);
    }

    public async Task WriteBlobAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var path = BlobPath(container, name);
        if (Directory.Exists(path))
        {
            throw new IOException($"Blob '{name}' cannot be written in container '{container}': the folder adapter already holds blobs under '{name}/', and a name cannot be both a file and a folder.");
        }

        await WriteAtomicallyAsync(path, content, overwrite: true, cancellationToken);
    }

    public async IAsyncEnumerable<BlobEntry> ListBlobsAsync(string container, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = Layout.ContainerDirectory(container);
        prefix ??= "";

        // Start from the deepest folder the prefix names. A valid blob name cannot start with an
        // invalid folder path ('..', '\', '//'...), so such a prefix lists nothing.
        var slash = prefix.LastIndexOf('/');
        if (slash >= 0)
        {
            var folder = prefix[..slash];
            if (StorageRules.BlobNameProblem(folder) is not null)
            {
                yield break;
            }

            directory = Path.Join(directory, folder);
        }

        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var root = Layout.ContainerDirectory(container);
        var names = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", AllFiles))
        {
            var name = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            // Skip files that are not blobs: writes in progress, and names the port could not address.
            if (name.StartsWith(prefix, StringComparison.Ordinal) && !IsTempFile(path) && name != FolderLock.FileName && StorageRules.BlobNameProblem(name) is null)
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = new FileInfo(Path.Join(root, name));
            if (file.Exists)
            {
                yield return Entry(container, name, file);
            }
        }
    }

    public async Task<bool> InsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckRow(row);
        var path = PartitionPath(table, row.PartitionKey);
        return await UnderLockAsync(path, async () =>
        {
            var rows = await ReadPartitionAsync(path, row.PartitionKey, cancellationToken);
            if (!rows.TryAdd(row.RowKey, row))
            {
                return false;
            }

            await WriteAtomicallyAsync(path, TablePartitionFile.Write(row.PartitionKey, rows.Values), overwrite: true, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task UpsertRowAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckRow(row);
        var path = PartitionPath(table, row.PartitionKey);
        await UnderLockAsync(path, async () =>
        {
            var (rows, bytes) = await ReadPartitionFileAsync(path, row.PartitionKey, cancellationToken);
            rows[row.RowKey] = row;
            await WriteIfChangedAsync(path, bytes, TablePartitionFile.Write(row.PartitionKey, rows.Values), cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task UpsertRowsAsync(string table, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            StorageRules.CheckRow(row);
        }

        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            var path = PartitionPath(table, partition.Key);
            await UnderLockAsync(path, async () =>
            {
                var (existing, bytes) = await ReadPartitionFileAsync(path, partition.Key, cancellationToken);
                foreach (var row in partition)
                {
                    existing[row.RowKey] = row;
                }

                await WriteIfChangedAsync(path, bytes, TablePartitionFile.Write(partition.Key, existing.Values), cancellationToken);
                return true;
            }, cancellationToken);
        }
    }

    public async Task<TableRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckKey(partitionKey, nameof(partitionKey));
        StorageRules.CheckKey(rowKey, nameof(rowKey));
        var rows = await ReadPartitionAsync(PartitionPath(table, partitionKey), partitionKey, cancellationToken);
        return rows.GetValueOrDefault(rowKey);
    }

    public async IAsyncEnumerable<TableRow> QueryPartitionAsync(string table, string partitionKey, string? rowKeyPrefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StorageRules.CheckKey(partitionKey, nameof(partitionKey));
        var rows = await ReadPartitionAsync(PartitionPath(table, partitionKey), partitionKey, cancellationToken);
        foreach (var (rowKey, row) in rows)
        {
            if (rowKeyPrefix is null || rowKey.StartsWith(rowKeyPrefix, StringComparison.Ordinal))
            {
                yield return row;
            }
        }
    }

    public async Task EnqueueAsync(string queue, string message, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckQueue(queue);
        ArgumentNullException.ThrowIfNull(message);
        var directory = Path.Join(Layout.QueuesDirectory, queue);
        var content = Encoding.UTF8.GetBytes(message);
        await UnderLockAsync(directory, async () =>
        {
            while (true)
            {
                // The folder is listed once, then the next number is remembered (a run queues thousands of messages;
                // listing the folder for each made queueing quadratic). A number another process took meanwhile is
                // found by the write, which never replaces a file: then the folder is listed again.
                var next = NextSequence.TryGetValue(directory, out var known) ? known : HighestSequence(directory) + 1;
                var path = Path.Join(directory, next.ToString($"D{SequenceDigits}", CultureInfo.InvariantCulture) + MessageExtension);
                try
                {
                    await WriteAtomicallyAsync(path, content, overwrite: false, cancellationToken);
                    NextSequence[directory] = next + 1;
                    return true;
                }
                catch (IOException) when (File.Exists(path))
                {
                    NextSequence.TryRemove(directory, out _);
                }
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckQueue(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var directory = Path.Join(Layout.QueuesDirectory, queue);
        if (!Directory.Exists(directory))
        {
            return Task.FromResult<IReadOnlyList<QueueMessage>>([]);
        }

        return ReceiveAsync();

        async Task<IReadOnlyList<QueueMessage>> ReceiveAsync()
        {
            var messages = new List<QueueMessage>();
            foreach (var path in Directory.EnumerateFiles(directory, "*" + MessageExtension).Order(StringComparer.Ordinal).Take(maxMessages))
            {
                var name = Path.GetFileName(path);
                messages.Add(new QueueMessage(Path.GetFileNameWithoutExtension(name), name, await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken), 1));
            }

            return messages;
        }
    }

    public Task<int> CountMessagesAsync(string queue, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckQueue(queue);
        var directory = Path.Join(Layout.QueuesDirectory, queue);
        return Task.FromResult(Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*" + MessageExtension).Count() : 0);
    }

    public Task DeleteMessageAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        StorageRules.CheckQueue(queue);
        ArgumentNullException.ThrowIfNull(message);
        if (Path.GetFileName(message.Receipt) != message.Receipt || !message.Receipt.EndsWith(MessageExtension, StringComparison.Ordinal))
        {
            throw StorageRules.Invalid(nameof(message), $"'{message.Receipt}' is not a receipt of this folder's queue.");
        }

        File.Delete(Path.Join(Layout.QueuesDirectory, queue, message.Receipt));
        // Numbering continues after the highest file present, as if the folder were listed again.
        NextSequence.TryRemove(Path.Join(Layout.QueuesDirectory, queue), out _);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The file of a blob, checked to lie inside its container's folder. Beyond the rules both adapters
    /// share, a segment may not hold a character the file system refuses, nor look like a temporary file.
    /// </summary>
    private string BlobPath(string container, string name)
    {
        StorageRules.CheckBlobName(name);
        var directory = Path.TrimEndingDirectorySeparator(Layout.ContainerDirectory(container));
        foreach (var segment in name.Split('/'))
        {
            if (segment.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                throw StorageRules.Invalid(nameof(name), $"Blob name '{name}' is not valid here: segment '{segment}' holds a character this file system does not allow in file names.");
            }

            if (IsTempFile(segment))
            {
                throw StorageRules.Invalid(nameof(name), $"Blob name '{name}' is not valid here: names of the form '{TempPrefix}*{TempSuffix}' are kept for files being written.");
            }
        }

        if (name == FolderLock.FileName)
        {
            throw StorageRules.Invalid(nameof(name), $"Blob name '{name}' is not valid here: it is the folder's lock file.");
        }

        var path = Path.GetFullPath(Path.Join(directory, name));
        if (!path.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw StorageRules.Invalid(nameof(name), $"Blob name '{name}' is not valid: it would lie outside the folder of container '{container}' ({directory}).");
        }

        return path;
    }

    private string PartitionPath(string table, string partitionKey)
    {
        StorageRules.CheckTable(table);
        return Path.Join(Layout.TablesDirectory, table, PartitionKeyFileName.Encode(partitionKey) + ".json");
    }

    private static BlobEntry Entry(string container, string name, FileInfo file) =>
        new(container, name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc));

    private static bool IsTempFile(string path)
    {
        var fileName = Path.GetFileName(path);
        return fileName.StartsWith(TempPrefix, StringComparison.Ordinal) && fileName.EndsWith(TempSuffix, StringComparison.Ordinal);
    }

    private static async Task<SortedDictionary<string, TableRow>> ReadPartitionAsync(string path, string partitionKey, CancellationToken cancellationToken) =>
        (await ReadPartitionFileAsync(path, partitionKey, cancellationToken)).Rows;

    /// <summary>A partition's rows and the file's bytes (null when there is no file yet).</summary>
    private static async Task<(SortedDictionary<string, TableRow> Rows, byte[]? Bytes)> ReadPartitionFileAsync(string path, string partitionKey, CancellationToken cancellationToken)
    {
        var content = await ReadFileAsync(path, cancellationToken);
        return content is null
            ? (new SortedDictionary<string, TableRow>(StringComparer.Ordinal), null)
            : (TablePartitionFile.Read(content.Value.Bytes, partitionKey, path), content.Value.Bytes);
    }

    /// <summary>
    /// Replaces a partition's file unless it already holds exactly these bytes: a rerun that upserts the same rows (every
    /// workshop's indicators, every quarter) reads the files and writes none (a file is written the same way for the same
    /// rows, see <see cref="TablePartitionFile"/>). Replacing a file costs far more than reading it on some file systems
    /// (ext4 flushes the new data before a rename over an existing file).
    /// </summary>
    private static async Task WriteIfChangedAsync(string path, byte[]? existing, byte[] content, CancellationToken cancellationToken)
    {
        if (existing is null || !existing.AsSpan().SequenceEqual(content))
        {
            await WriteAtomicallyAsync(path, content, overwrite: true, cancellationToken);
        }
    }

    /// <summary>A whole file and its last write time, or null when there is no such file.</summary>
    private static async Task<(byte[] Bytes, DateTimeOffset LastModified)?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            // FileShare.Delete lets a writer replace the file while it is being read (Windows).
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // no such file (one open, rather than a stat then an open)
        }

        await using (stream)
        {
            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            return (bytes, new DateTimeOffset(File.GetLastWriteTimeUtc(stream.SafeFileHandle)));
        }
    }

    /// <summary>Writes a temporary file next to <paramref name="path"/>, then moves it in place.</summary>
    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Join(directory, TempPrefix + Guid.NewGuid().ToString("N") + TempSuffix);
        var moved = false;
        try
        {
            FileStream stream;
            try
            {
                stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            }
            catch (IOException missing) when (missing is DirectoryNotFoundException or FileNotFoundException)
            {
                // The folder is made on the first write into it, not checked before every write. A file created new
                // cannot be "not found": .NET names the ENOENT after looking at the folder, which a parallel writer may
                // have made in between, so either exception means the folder was missing.
                Directory.CreateDirectory(directory);
                stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            }

            await using (stream)
            {
                await stream.WriteAsync(content, cancellationToken);
            }

            File.Move(temp, path, overwrite);
            moved = true;
        }
        finally
        {
            // Only after a failure: a successful move leaves nothing behind.
            if (!moved && Directory.Exists(directory))
            {
                File.Delete(temp);
            }
        }
    }

    private static async Task<T> UnderLockAsync<T>(string path, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        var gate = FileLocks.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            gate.Release();
        }
    }

    private static long HighestSequence(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        long highest = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*" + MessageExtension))
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            if (stem.Length >= SequenceDigits && stem.All(char.IsAsciiDigit)
                && long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                highest = Math.Max(highest, sequence);
            }
        }

        return highest;
    }
}
