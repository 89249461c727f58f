using System.Text;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Tests.Storage;

public sealed class CachedBlobTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("impact-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task GetAsync_ParsesOncePerChangeAndNullWhenAbsent()
    {
        var storage = new FolderStorage(FolderLayout.At(_root));
        var parses = 0;
        var cached = new CachedBlob<string>(storage, "registry", "accounts.csv", content =>
        {
            parses++;
            return Encoding.UTF8.GetString(content.Span);
        });

        Assert.Null(await cached.GetAsync());
        await storage.WriteBlobAsync("registry", "accounts.csv", "a"u8.ToArray(), "text/csv");
        Assert.Equal("a", await cached.GetAsync());
        Assert.Equal("a", await cached.GetAsync());
        Assert.Equal(1, parses);

        await storage.WriteBlobAsync("registry", "accounts.csv", "bb"u8.ToArray(), "text/csv");
        Assert.Equal("bb", await cached.GetAsync());
        Assert.Equal(2, parses);
    }
}
