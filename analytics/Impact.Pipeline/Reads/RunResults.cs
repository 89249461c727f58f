using System.Text;
using System.Text.Json;
using Impact.Analytics;
using Impact.Analytics.Indicators;
using Impact.Analytics.Returns;
using Impact.Analytics.Risk;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Reads;

/// <summary>
/// The use case "read the latest run's results" for the signed-in views and the API: a return's status and report, the
/// indicators, the latest risk score. The run's indicators.csv is parsed once per run (<see cref="CachedBlob{T}"/>), not
/// once per request.
/// </summary>
public sealed class RunResults(IImpactStorage storage, TimeProvider time)
{
    private readonly RiskScoreStore _scores = new(storage);
    private readonly SubmissionStore _submissions = new(storage);

    private readonly CachedBlob<IReadOnlyList<IndicatorSet>> _indicators = new(storage, StorageNames.Containers.Results, IndicatorsBlob,
        content => [.. IndicatorCsv.Read(Encoding.UTF8.GetString(content.Span)).OrderBy(s => s.WorkshopId, StringComparer.Ordinal).ThenBy(s => s.Quarter)]);

    /// <summary>The results blob the quarterly run writes indicators to.</summary>
    public const string IndicatorsBlob = "indicators/indicators.csv";

    /// <summary>How many quarters back from today the latest risk score is looked for.</summary>
    public const int RiskLookBackQuarters = 8;

    /// <summary>The status and validation report of a return (reports/{id}/{quarter}.json), or null when there is neither report nor return.</summary>
    public async Task<ReturnStatus?> ReturnStatusAsync(string workshopId, Quarter quarter, CancellationToken cancellationToken)
    {
        var report = await storage.ReadBlobAsync(StorageNames.Containers.Reports, $"{workshopId}/{quarter}.json", cancellationToken);
        if (report is not null)
        {
            using var document = JsonDocument.Parse(report.Content);
            var root = document.RootElement.Clone();
            var sha = root.TryGetProperty("content_sha256", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var submission = sha is null ? null : await _submissions.GetAsync(workshopId, $"{quarter}~{sha}", cancellationToken);
            return new ReturnStatus("validated", workshopId, quarter.ToString(), root)
            {
                UploadedVia = submission?.UploadedVia is { } via ? UploadChannels.Key(via) : null,
                UploadedBy = submission?.UploadedBy,
            };
        }

        // Decided, but its report expired (RetentionOptions.ReportDays): the upload's row still says what became of it.
        SubmissionRecord? decided = null;
        await foreach (var submission in _submissions.OfWorkshopAsync(workshopId, cancellationToken))
        {
            if (submission.Quarter == quarter && submission.IsDecided && (decided is null || submission.ReceivedAt > decided.ReceivedAt))
            {
                decided = submission;
            }
        }

        if (decided is not null)
        {
            return new ReturnStatus(decided.Status == SubmissionStatus.Accepted ? "accepted-report-expired" : "rejected-report-expired", workshopId, quarter.ToString(), null)
            {
                UploadedVia = decided.UploadedVia is { } via ? UploadChannels.Key(via) : null,
                UploadedBy = decided.UploadedBy,
            };
        }

        foreach (var format in Enum.GetValues<ReturnFormat>())
        {
            if (await storage.GetBlobInfoAsync(StorageNames.Containers.Returns, $"{workshopId}/{quarter}.{format.Extension()}", cancellationToken) is not null)
            {
                return new ReturnStatus("pending", workshopId, quarter.ToString(), null);
            }
        }

        return null;
    }

    /// <summary>The indicator rows (stable keys of indicators.csv) of the latest run, for one workshop or, with null, all.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> IndicatorsAsync(string? workshopId, Quarter? quarter, CancellationToken cancellationToken)
    {
        var sets = await _indicators.GetAsync(cancellationToken) ?? [];
        return [.. sets.Where(s => (workshopId is null || s.WorkshopId == workshopId) && (quarter is null || s.Quarter == quarter)).Select(s => s.ToColumns())];
    }

    /// <summary>The latest risk score of a workshop (this quarter or up to <see cref="RiskLookBackQuarters"/> back), or null.</summary>
    public Task<RiskScore?> LatestRiskAsync(string workshopId, CancellationToken cancellationToken) =>
        _scores.LatestAsync(workshopId, Quarter.FromDate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)), RiskLookBackQuarters, cancellationToken);
}

/// <summary>
/// A return's status: "pending" (received, not yet validated), "validated" with its report (accepted or rejected inside),
/// or "accepted-report-expired" / "rejected-report-expired" once its report was deleted after the retention period.
/// </summary>
public sealed record ReturnStatus(string Status, string WorkshopId, string Quarter, JsonElement? Report)
{
    /// <summary>How the reported upload arrived (<c>api</c>, <c>form</c>, <c>signed-url</c>, <c>direct</c>), or null when not recorded.</summary>
    public string? UploadedVia { get; init; }

    /// <summary>The account that sent the reported upload, or null (a direct upload, or not recorded).</summary>
    public string? UploadedBy { get; init; }
}
