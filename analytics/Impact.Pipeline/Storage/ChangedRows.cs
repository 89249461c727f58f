using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Impact.Pipeline.Storage;

/// <summary>
/// Upserts a run's rows for a table, skipping those already stored as they are: the rows the run wrote last are
/// remembered by a digest each, in a private blob beside the results (<c>results/run/tables/{table}.digests.tsv</c>).
/// The quarterly run recomputes every workshop's indicators and scores; after one corrected return only that
/// workshop's rows differ, and only they are written: a handful of rows instead of 42,000 on an account, one partition
/// file instead of twelve on a folder (where an unchanged partition is then not even read).
/// </summary>
/// <remarks>
/// The digests are written after the rows, so a crash in between only makes the next run write some rows again. A row
/// edited or deleted in the table by hand is not seen; deleting the digests blob makes the next run write every row.
/// A row no longer produced is left in the table, as a plain upsert leaves it.
/// </remarks>
public sealed class ChangedRows(IImpactStorage storage)
{
    /// <summary>The digests blob of a table, in the results container.</summary>
    public static string DigestsBlob(string table) => $"run/tables/{table}.digests.tsv";

    /// <summary>Upserts the rows whose content differs from the last run's (all of them the first time); returns how many were written.</summary>
    public async Task<int> UpsertAsync(string table, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var previous = await ReadAsync(table, cancellationToken);
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var changed = new List<TableRow>();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var key = Key(row);
            var digest = Digest(row, text);
            digests[key] = digest;
            if (previous.GetValueOrDefault(key) != digest)
            {
                changed.Add(row);
            }
        }

        if (changed.Count > 0)
        {
            await storage.UpsertRowsAsync(table, changed, cancellationToken);
        }

        // Rows of earlier runs that this one did not produce stay in the table, and so in the digests.
        foreach (var (key, digest) in previous)
        {
            digests.TryAdd(key, digest);
        }

        if (changed.Count > 0 || digests.Count != previous.Count)
        {
            var lines = new StringBuilder(digests.Count * 48);
            foreach (var (key, digest) in digests)
            {
                lines.Append(key).Append('\t').Append(digest).Append('\n');
            }

            await storage.WriteBlobAsync(StorageNames.Containers.Results, DigestsBlob(table), Encoding.UTF8.GetBytes(lines.ToString()), "text/tab-separated-values; charset=utf-8", cancellationToken);
        }

        return changed.Count;
    }

    private async Task<Dictionary<string, string>> ReadAsync(string table, CancellationToken cancellationToken)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await storage.ReadBlobAsync(StorageNames.Containers.Results, DigestsBlob(table), cancellationToken) is not { } blob)
        {
            return digests;
        }

        foreach (var line in Encoding.UTF8.GetString(blob.Content.Span).Split('\n'))
        {
            // partition, row, digest: a line that does not read so is ignored, and its row written again.
            var last = line.LastIndexOf('\t');
            if (last > 0 && line.IndexOf('\t', StringComparison.Ordinal) < last)
            {
                digests[line[..last]] = line[(last + 1)..];
            }
        }

        return digests;
    }

    // Keys may hold any character but '/', '\', '#', '?' and control characters (Table storage's rule): a tab never.
    private static string Key(TableRow row) => row.PartitionKey + "\t" + row.RowKey;

    /// <summary>
    /// The row's content hashed: each property not null, in key order, as its name, its type and its invariant text,
    /// each length-prefixed (so that no two contents read alike); 128 bits of SHA-256.
    /// </summary>
    private static string Digest(TableRow row, StringBuilder text)
    {
        text.Clear();
        foreach (var (name, value) in row.Properties.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (type, invariant) = value switch
            {
                string s => ('s', s),
                int i => ('i', i.ToString(CultureInfo.InvariantCulture)),
                long l => ('l', l.ToString(CultureInfo.InvariantCulture)),
                double d => ('d', d.ToString("R", CultureInfo.InvariantCulture)),
                bool b => ('b', b ? "1" : "0"),
                DateTimeOffset t => ('t', t.UtcTicks.ToString(CultureInfo.InvariantCulture)),
                _ => ('?', Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
            };
            text.Append(name.Length).Append(':').Append(name).Append(type).Append(invariant.Length).Append(':').Append(invariant);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}
