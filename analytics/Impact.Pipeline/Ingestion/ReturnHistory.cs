using System.Globalization;
using System.Text;
using Impact.Analytics;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Ingestion;

/// <summary>One accepted version of a workshop's return for a quarter.</summary>
/// <param name="Return">The return.</param>
/// <param name="Version">1 for the first accepted upload, then 2, 3… A higher version supersedes; none is overwritten.</param>
/// <param name="ContentSha256">SHA-256 of the uploaded file.</param>
/// <param name="ReceivedAt">When the uploaded file was received (UTC).</param>
/// <param name="SourceBlob">The uploaded blob's name in the returns container.</param>
public sealed record ReturnVersion(QuarterlyReturn Return, int Version, string ContentSha256, DateTimeOffset ReceivedAt, string SourceBlob);

/// <summary>
/// The Returns table: every accepted version kept, the newest current. Partition = workshop (its history is
/// one partition); row key = <c>{quarter}~v{version:0000}</c>, so a quarter's versions sort together and in order.
/// The return itself is stored as its canonical JSON, which re-reads through the same validator.
/// </summary>
public sealed class ReturnHistory(IImpactStorage storage)
{
    private const string VersionSeparator = "~v";

    /// <summary>The current (newest) version of a workshop's return for a quarter, or null.</summary>
    public async Task<ReturnVersion?> CurrentAsync(string workshopId, Quarter quarter, CancellationToken cancellationToken = default)
    {
        TableRow? newest = null;
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Returns, workshopId, quarter + VersionSeparator, cancellationToken))
        {
            newest = row;
        }

        return newest is null ? null : ToVersion(newest);
    }

    /// <summary>
    /// The current version of each quarter of a workshop (oldest quarter first) with when the quarter was first
    /// received: the receipt of its first version. Only the current versions are parsed.
    /// </summary>
    public async Task<IReadOnlyList<(ReturnVersion Current, DateTimeOffset FirstReceivedAt)>> CurrentByQuarterAsync(string workshopId, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableRow>();
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Returns, workshopId, null, cancellationToken))
        {
            rows.Add(row);
        }

        return CurrentByQuarter(rows);
    }

    /// <summary>
    /// <see cref="CurrentByQuarterAsync"/> on a workshop's Returns partition already in hand (its rows in row-key order,
    /// as storage lists them): what the ingestion sweep leaves behind (<see cref="SweptPartitions"/>).
    /// </summary>
    public static IReadOnlyList<(ReturnVersion Current, DateTimeOffset FirstReceivedAt)> CurrentByQuarter(IEnumerable<TableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var quarters = new List<(ReturnVersion, DateTimeOffset)>();
        TableRow? newest = null;
        var firstReceived = DateTimeOffset.MaxValue;
        foreach (var row in rows)
        {
            // Row keys sort by quarter, then version: a new quarter closes the previous one.
            if (newest is not null && QuarterOf(newest) != QuarterOf(row))
            {
                quarters.Add((ToVersion(newest), firstReceived));
                firstReceived = DateTimeOffset.MaxValue;
            }

            newest = row;
            if (row.Properties.GetValueOrDefault("ReceivedAt") is DateTimeOffset at && at < firstReceived)
            {
                firstReceived = at;
            }
        }

        if (newest is not null)
        {
            quarters.Add((ToVersion(newest), firstReceived));
        }

        return quarters;
    }

    /// <summary>
    /// The current version of each quarter of a workshop by its content's SHA-256, as quarter and version number, without
    /// reading the returns themselves: what a sweep needs to recognise an upload already ingested.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (string Quarter, int Version)>> CurrentContentAsync(string workshopId, CancellationToken cancellationToken = default)
    {
        var newest = new Dictionary<string, TableRow>(StringComparer.Ordinal);
        await foreach (var row in storage.QueryPartitionAsync(StorageNames.Tables.Returns, workshopId, null, cancellationToken))
        {
            newest[QuarterOf(row)] = row; // row keys sort by quarter, then version: the last one read is the current one
        }

        var current = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var (quarter, row) in newest)
        {
            if (row.GetString("ContentSha256") is { } sha)
            {
                current[sha] = (quarter, row.Properties.GetValueOrDefault("Version") is int v ? v : 0);
            }
        }

        return current;
    }

    private static string QuarterOf(TableRow row) => row.RowKey[..row.RowKey.IndexOf(VersionSeparator, StringComparison.Ordinal)];

    /// <summary>
    /// Adds a version after the current one, unless the current one has this content (then its number is returned):
    /// repeatable. Rows are insert-only, so two writers can never both take a number: the loser of an insert conflict
    /// reads the winner's row; when it holds the same content (the same upload ingested twice at once) that version is
    /// the answer, otherwise the loser takes the next number. No version is ever overwritten.
    /// </summary>
    public async Task<int> AddAsync(QuarterlyReturn accepted, string contentSha256, DateTimeOffset receivedAt, string sourceBlob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var current = await CurrentAsync(accepted.WorkshopId, accepted.Quarter, cancellationToken);
        if (current?.ContentSha256 == contentSha256)
        {
            return current.Version;
        }

        var version = (current?.Version ?? 0) + 1;
        var data = Encoding.UTF8.GetString(accepted.ToCanonicalJson());
        while (true)
        {
            var row = new TableRow(accepted.WorkshopId, RowKey(accepted.Quarter, version), new Dictionary<string, object?>
            {
                ["Quarter"] = accepted.Quarter.ToString(),
                ["Version"] = version,
                ["ContentSha256"] = contentSha256,
                ["ReceivedAt"] = receivedAt,
                ["SourceBlob"] = sourceBlob,
                ["SchemaVersion"] = ReturnSchema.Version,
                ["Data"] = data,
            });
            if (await storage.InsertRowAsync(StorageNames.Tables.Returns, row, cancellationToken))
            {
                return version;
            }

            var winner = await storage.GetRowAsync(StorageNames.Tables.Returns, row.PartitionKey, row.RowKey, cancellationToken);
            if (winner?.GetString("ContentSha256") == contentSha256)
            {
                return version;
            }

            version++;
        }
    }

    private static string RowKey(Quarter quarter, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{quarter}{VersionSeparator}{version:0000}");

    private static ReturnVersion ToVersion(TableRow row)
    {
        var data = Encoding.UTF8.GetBytes(row.GetString("Data") ?? "");
        // Validated when it was received: read back as such, not validated again (a run reads every current version).
        // Only a row that is not in the canonical form goes through the validator.
        var stored = QuarterlyReturn.FromCanonicalJson(data);
        if (stored is null)
        {
            var result = ReturnValidator.Validate(data, ReturnFormat.Json, row.RowKey, ValidationContext.None);
            stored = result.Return
                ?? throw new ImpactException($"Version enregistrée illisible : {row.PartitionKey}/{row.RowKey} ({string.Join(", ", result.Report.Findings.Select(f => f.Rule))}).");
        }

        return new ReturnVersion(
            stored,
            row.Properties["Version"] is int v ? v : 0,
            row.GetString("ContentSha256") ?? "",
            row.Properties["ReceivedAt"] is DateTimeOffset t ? t : default,
            row.GetString("SourceBlob") ?? "");
    }
}
