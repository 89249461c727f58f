using Impact.Functions.Configuration;
using Microsoft.Extensions.Configuration;

namespace Impact.Functions.Tests.Configuration;

public sealed class StorageConnectionTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Create_FromAConnectionString()
    {
        var storage = StorageConnection.Create(Settings(("ImpactStorage", "UseDevelopmentStorage=true")), "ImpactStorage");
        Assert.Equal(
            (new Uri("http://127.0.0.1:10000/devstoreaccount1"), new Uri("http://127.0.0.1:10002/devstoreaccount1"), new Uri("http://127.0.0.1:10001/devstoreaccount1")),
            storage.Endpoints);
    }

    [Fact]
    public void Create_IdentityBasedFromServiceUris()
    {
        // Environment variables ImpactStorage__blobServiceUri etc. arrive as ImpactStorage:blobServiceUri.
        var storage = StorageConnection.Create(Settings(
            ("ImpactStorage:blobServiceUri", "https://stimpact.blob.core.windows.net"),
            ("ImpactStorage:queueServiceUri", "https://stimpact.queue.core.windows.net"),
            ("ImpactStorage:tableServiceUri", "https://stimpact.table.core.windows.net"),
            ("ImpactStorage:credential", "managedidentity")), "ImpactStorage");
        Assert.Equal(
            (new Uri("https://stimpact.blob.core.windows.net"), new Uri("https://stimpact.table.core.windows.net"), new Uri("https://stimpact.queue.core.windows.net")),
            storage.Endpoints);
    }

    [Fact]
    public void Create_PartialIdentitySettingsSayWhatIsMissing()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageConnection.Create(
            Settings(("ImpactStorage:blobServiceUri", "https://stimpact.blob.core.windows.net")), "ImpactStorage"));
        Assert.StartsWith("Storage connection 'ImpactStorage' is not configured: set 'ImpactStorage' to a connection string, or 'ImpactStorage__blobServiceUri'", ex.Message, StringComparison.Ordinal);
    }
}
