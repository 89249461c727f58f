using Impact.Analytics.Settings;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Retention;

/// <summary>
/// The folder twin of the storage account's lifecycle rule <c>delete-old-reports</c> (infra-bicep/modules/storage.bicep):
/// every blob of the reports container last modified more than <see cref="RetentionOptions.ReportDays"/> days ago is
/// deleted. The same rule, the same clock (the blob's last modification): what expires on Azure expires on a folder.
/// On Azure the lifecycle rule runs it, so the quarterly run does not.
/// </summary>
public sealed class RetentionSweep(IImpactStorage storage, TimeProvider time, RetentionOptions options)
{
    /// <summary>Deletes what has expired; returns how many blobs were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var limit = time.GetUtcNow().AddDays(-options.ReportDays);
        var expired = new List<string>();
        await foreach (var blob in storage.ListBlobsAsync(StorageNames.Containers.Reports, null, cancellationToken))
        {
            // Azure's daysAfterModificationGreaterThan: strictly older than the limit.
            if (blob.LastModified < limit)
            {
                expired.Add(blob.Name);
            }
        }

        var deleted = 0;
        foreach (var name in expired)
        {
            deleted += await storage.DeleteBlobAsync(StorageNames.Containers.Reports, name, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }
}
