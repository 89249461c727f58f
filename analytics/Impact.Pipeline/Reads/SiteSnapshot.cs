using Impact.Analytics;
using Impact.Analytics.Dashboard;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Reads;

/// <summary>
/// The use case "read what the signed-in views show": the latest run's <see cref="SignedInSite"/>, parsed once per run
/// from <c>results/run/site-input.json</c> (which the quarterly run writes), and, fresh at each request, a workshop's
/// uploads with their reports and the alerts sent to coaches.
/// </summary>
public sealed class SiteSnapshot(IImpactStorage storage)
{
    /// <summary>The results blob the quarterly run writes the views' input to (private: the results container is never published).</summary>
    public const string BlobName = "run/site-input.json";

    private readonly SubmissionStore _submissions = new(storage);

    private readonly CachedBlob<RunViews> _site = new(storage, StorageNames.Containers.Results, BlobName,
        content => new RunViews(new SignedInSite(SiteInputJson.Read(content.Span)), Guid.NewGuid().ToString("N")));

    /// <summary>The views of the latest run, or null before the first run.</summary>
    /// <exception cref="ImpactException">The file is damaged.</exception>
    public Task<RunViews?> CurrentAsync(CancellationToken cancellationToken = default) => _site.GetAsync(cancellationToken);

    /// <summary>
    /// Every upload of a workshop, newest first, with the findings of its report when that report is still its own;
    /// without <paramref name="withFindings"/> (a portfolio needs only each workshop's last upload), no report is read.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionView>> SubmissionsAsync(string workshopId, bool withFindings = true, CancellationToken cancellationToken = default)
    {
        var records = new List<SubmissionRecord>();
        await foreach (var record in _submissions.OfWorkshopAsync(workshopId, cancellationToken))
        {
            records.Add(record);
        }

        // Each upload has its own report (older rows name the quarter's latest): read each once, show it with the upload it describes.
        var reports = new Dictionary<string, ValidationReport?>(StringComparer.Ordinal);
        foreach (var name in records.Select(r => r.ReportBlob).Where(n => withFindings && n.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var blob = await storage.ReadBlobAsync(StorageNames.Containers.Reports, name, cancellationToken);
            reports[name] = blob is null ? null : ValidationReport.FromJson(blob.Content.Span);
        }

        return [.. records
            .OrderByDescending(r => r.ReceivedAt).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r =>
            {
                var report = reports.GetValueOrDefault(r.ReportBlob);
                var own = report is not null && report.ContentSha256 is { } sha && string.Equals(sha, r.ContentSha256, StringComparison.Ordinal);
                return new SubmissionView(r.Quarter, r.ReceivedAt, Path.GetFileName(r.BlobName), StateOf(r.Status), r.ErrorCount, r.WarningCount, r.Version,
                    own ? report!.Findings : null, UploadChannels.French(r.UploadedVia, r.UploadedBy));
            })];
    }

    private static UploadState StateOf(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Accepted => UploadState.Accepted,
        SubmissionStatus.Rejected => UploadState.Rejected,
        SubmissionStatus.Failed => UploadState.Failed,
        _ => UploadState.Received,
    };
}

/// <summary>The signed-in views of one run, with a tag that changes with the run (for caches of what is drawn from it).</summary>
/// <param name="Site">The views.</param>
/// <param name="RunTag">Changes each time a new run's input is read.</param>
public sealed record RunViews(SignedInSite Site, string RunTag);
