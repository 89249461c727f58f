using Impact.Functions.Access;
using Impact.Pipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Impact.Functions.Http;

/// <summary>
/// A short-lived, write-only URL for exactly <c>returns/{id}/{quarter}.{ext}</c>, for large files or scripted
/// uploads: <c>?quarter=2024-Q3&amp;format=csv</c>. The upload then goes straight to storage and is ingested as any other.
/// </summary>
public sealed class ReturnUploadUrl(IUploadUrlSigner signer, HttpApiOptions options, TimeProvider time)
{
    /// <summary>200 with the URL, its expiry, the method and header to use, and the status URL.</summary>
    [RequiresAccess(Operation.UploadReturn)]
    [Function("CreateUploadUrl")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "workshops/{id}/upload-url")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var format = request.Query["format"].ToString();
        var problem = ReturnUpload.TryLocate(id, request.Query["quarter"].ToString(), format.Length == 0 ? "csv" : format, null, out var path);
        if (problem is not null)
        {
            return problem;
        }

        // Valid from a minute ago (clocks of the caller and of storage differ a little) for UploadUrlMinutes.
        var now = time.GetUtcNow();
        var expiresOn = now.AddMinutes(options.UploadUrlMinutes);
        var url = await signer.SignAsync(StorageNames.Containers.Returns, path!.BlobName, now.AddMinutes(-1), expiresOn, cancellationToken);
        return new OkObjectResult(new UploadUrl(url, expiresOn, "PUT", "x-ms-blob-type: BlockBlob", ReturnUpload.StatusUrl(path)));
    }
}

/// <summary>An upload URL and how to use it.</summary>
public sealed record UploadUrl(Uri Url, DateTimeOffset ExpiresOn, string Method, string RequiredHeader, string StatusUrl);
