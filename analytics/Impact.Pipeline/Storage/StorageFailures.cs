using Azure;

namespace Impact.Pipeline.Storage;

/// <summary>
/// Tells a storage failure from a defect. A use case that isolates one item (one upload, one alert) records a
/// defect as that item's failure and goes on; a storage failure stops it, because nothing could be recorded and
/// every later item would fail the same way.
/// </summary>
public static class StorageFailures
{
    /// <summary>
    /// Whether <paramref name="exception"/> comes from the storage (unreachable, refused, a file-system error) or is a
    /// cancellation, rather than from the code handling the item.
    /// </summary>
    public static bool IsStorageOrCancellation(Exception exception) => exception is
        StorageUnavailableException or RequestFailedException or IOException or UnauthorizedAccessException or OperationCanceledException;
}
