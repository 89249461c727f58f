using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace Impact.Web.Http;

/// <summary>Signs a URL that lets its holder create and write exactly one blob until it expires, and nothing else.</summary>
public interface IUploadUrlSigner
{
    /// <summary>The signed URL of <paramref name="container"/>/<paramref name="blobName"/>, valid from <paramref name="startsOn"/> until <paramref name="expiresOn"/>.</summary>
    Task<Uri> SignAsync(string container, string blobName, DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken);
}

/// <summary>The SAS scope shared by both signers: one blob (resource "b"), create and write only, HTTPS unless local.</summary>
public static class UploadSas
{
    /// <summary>The builder: resource = the blob, permissions = create + write, from <paramref name="startsOn"/> to <paramref name="expiresOn"/>.</summary>
    public static BlobSasBuilder Builder(string container, string blobName, DateTimeOffset startsOn, DateTimeOffset expiresOn)
    {
        var builder = new BlobSasBuilder
        {
            BlobContainerName = container,
            BlobName = blobName,
            Resource = "b",
            StartsOn = startsOn,
            ExpiresOn = expiresOn,
        };
        builder.SetPermissions(BlobSasPermissions.Create | BlobSasPermissions.Write);
        return builder;
    }
}

/// <summary>
/// In Azure: a user-delegation SAS, signed with a key the function's managed identity obtains from Entra ID
/// (no account key anywhere). The identity needs "Storage Blob Delegator" (included in Blob Data Contributor).
/// </summary>
public sealed class UserDelegationUploadUrlSigner(BlobServiceClient service) : IUploadUrlSigner
{
    /// <inheritdoc />
    public async Task<Uri> SignAsync(string container, string blobName, DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken)
    {
        var builder = UploadSas.Builder(container, blobName, startsOn, expiresOn);
        var key = await service.GetUserDelegationKeyAsync(startsOn, expiresOn, cancellationToken);
        var blob = new BlobUriBuilder(service.GetBlobContainerClient(container).GetBlobClient(blobName).Uri)
        {
            Sas = builder.ToSasQueryParameters(key.Value, service.AccountName),
        };
        return blob.ToUri();
    }
}

/// <summary>
/// Locally (a connection string with an account key, e.g. Azurite): a service SAS with the same scope. Azurite
/// issues user-delegation keys only in OAuth mode over HTTPS, so tests exercise the scope through this signer.
/// </summary>
public sealed class SharedKeyUploadUrlSigner(BlobServiceClient service) : IUploadUrlSigner
{
    /// <inheritdoc />
    public Task<Uri> SignAsync(string container, string blobName, DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        Task.FromResult(service.GetBlobContainerClient(container).GetBlobClient(blobName).GenerateSasUri(UploadSas.Builder(container, blobName, startsOn, expiresOn)));
}
