using Azure.Storage.Blobs;
using Impact.Pipeline.Ingestion;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Impact.Functions.Triggers;

/// <summary>
/// A return uploaded to <c>returns/{workshopId}/{file}</c> is ingested: validated, recorded, reported.
/// Flex Consumption delivers blob triggers only through Event Grid (see the README's deployment section).
/// </summary>
public sealed partial class IngestReturn(ReturnIngestion ingestion, ILogger<IngestReturn> logger)
{
    /// <summary>The trigger path; its two segments are the workshop and the file name.</summary>
    public const string BlobPath = "returns/{workshopId}/{file}";

    /// <summary>Binds the blob (not its content: the use case reads it, within the size limit) and ingests it.</summary>
    [Function(nameof(IngestReturn))]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = "ImpactStorage")] BlobClient blob,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        // An unexpected failure on this upload is recorded as its Failed row (the timer's run retries it); a storage
        // failure throws, so that the host retries the event.
        var outcome = await ingestion.IngestIsolatedAsync(blob.Name, cancellationToken);
        if (outcome.Status == IngestionStatus.Missing)
        {
            LogMissing(logger, outcome.BlobName);
            return;
        }

        if (outcome.Status == IngestionStatus.Failed)
        {
            LogFailed(logger, outcome.BlobName, outcome.Failure);
            return;
        }

        LogIngested(logger, outcome.BlobName, outcome.WorkshopId, outcome.Quarter, outcome.Status, outcome.Version, outcome.ErrorCount, outcome.WarningCount, outcome.ReportBlob);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Return {BlobName} vanished before it was ingested")]
    private static partial void LogMissing(ILogger logger, string blobName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Return {BlobName} could not be ingested (recorded as failed, retried by the next run): {Failure}")]
    private static partial void LogFailed(ILogger logger, string blobName, string? failure);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Return {BlobName} of {WorkshopId} for {Quarter}: {Status}, version {Version}, {ErrorCount} errors, {WarningCount} warnings, report {ReportBlob}")]
    private static partial void LogIngested(ILogger logger, string blobName, string? workshopId, string? quarter, IngestionStatus status, int? version, int errorCount, int warningCount, string? reportBlob);
}
