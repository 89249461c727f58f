using Impact.Web.Http;

namespace Impact.Functions.Tests.Http;

/// <summary>The SAS scope both signers share (the user-delegation one in Azure, the shared-key one against Azurite).</summary>
public sealed class UploadSasTests
{
    [Fact]
    public void Builder_OneBlobCreateAndWriteOnlyForTheWindow()
    {
        var startsOn = new DateTimeOffset(2024, 11, 15, 8, 59, 0, TimeSpan.Zero);
        var expiresOn = startsOn.AddMinutes(16);

        var builder = UploadSas.Builder("returns", "MP-002/2024-Q3.csv", startsOn, expiresOn);

        Assert.Equal(("returns", "MP-002/2024-Q3.csv", "b", "cw", startsOn, expiresOn),
            (builder.BlobContainerName, builder.BlobName, builder.Resource, builder.Permissions, builder.StartsOn, builder.ExpiresOn));
    }
}
