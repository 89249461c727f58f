using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Tests.Storage;

public sealed class FolderLayoutTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "layout");

    [Fact]
    public void At_Root_PutsEverythingUnderIt()
    {
        var layout = FolderLayout.At(Base);

        Assert.Equal(Base, layout.ContainersRoot);
        Assert.Equal(Path.Combine(Base, "tables"), layout.TablesDirectory);
        Assert.Equal(Path.Combine(Base, "queues"), layout.QueuesDirectory);
        Assert.Equal(Path.Combine(Base, "returns"), layout.ContainerDirectory(StorageNames.Containers.Returns));
        Assert.Equal(Path.Combine(Base, "$web"), layout.ContainerDirectory(StorageNames.Containers.Web));
        Assert.Empty(layout.ContainerDirectories);
    }

    [Fact]
    public void PathOf_GivesEachOutputsFileOrFolder()
    {
        var layout = FolderLayout.At(Base).WithContainer(StorageNames.Containers.Web, Path.Combine(Base, "site"));

        Assert.Equal(Path.Combine(Base, "results", "indicators", "indicators.csv"), layout.PathOf("results/indicators/indicators.csv"));
        Assert.Equal(Path.Combine(Base, "site", "index.html"), layout.PathOf("$web/index.html"));
        Assert.Equal(Path.Combine(Base, "tables", "Indicators"), layout.PathOf("table Indicators"));
        Assert.Equal(Path.Combine(Base, "queues", "risk-alerts"), layout.PathOf("queue risk-alerts"));
        Assert.Throws<ArgumentException>(() => layout.PathOf("summary.json"));
    }

    [Fact]
    public void At_RelativeRoot_IsMadeFull()
    {
        var layout = FolderLayout.At("data");

        Assert.Equal(Path.GetFullPath("data"), layout.ContainersRoot);
        Assert.Equal(Path.GetFullPath(Path.Combine("data", "tables")), layout.TablesDirectory);
    }

    [Fact]
    public void Split_InputContainers_AreUnderTheInputRootAndTheRestUnderTheOutputRoot()
    {
        var input = Path.Combine(Base, "in");
        var output = Path.Combine(Base, "out");

        var layout = FolderLayout.Split(input, output, [StorageNames.Containers.Returns, StorageNames.Containers.Registry, StorageNames.Containers.Evaluation]);

        Assert.Equal(Path.Combine(input, "returns"), layout.ContainerDirectory(StorageNames.Containers.Returns));
        Assert.Equal(Path.Combine(input, "registry"), layout.ContainerDirectory(StorageNames.Containers.Registry));
        Assert.Equal(Path.Combine(input, "evaluation"), layout.ContainerDirectory(StorageNames.Containers.Evaluation));
        Assert.Equal(Path.Combine(output, "reports"), layout.ContainerDirectory(StorageNames.Containers.Reports));
        Assert.Equal(Path.Combine(output, "models"), layout.ContainerDirectory(StorageNames.Containers.Models));
        Assert.Equal(Path.Combine(output, "tables"), layout.TablesDirectory);
        Assert.Equal(Path.Combine(output, "queues"), layout.QueuesDirectory);
        Assert.Equal(["evaluation", "registry", "returns"], layout.ContainerDirectories.Keys);
    }

    [Fact]
    public void WithContainer_Directory_MovesOnlyThatContainer()
    {
        var site = Path.Combine(Base, "site");
        var original = FolderLayout.At(Base);

        var layout = original.WithContainer(StorageNames.Containers.Web, site);

        Assert.Equal(site, layout.ContainerDirectory(StorageNames.Containers.Web));
        Assert.Equal(Path.Combine(Base, "reports"), layout.ContainerDirectory(StorageNames.Containers.Reports));
        Assert.Equal(Path.Combine(Base, "$web"), original.ContainerDirectory(StorageNames.Containers.Web));
    }

    [Fact]
    public void WithInit_TablesAndQueues_CanBeMoved()
    {
        var layout = FolderLayout.At(Base) with { TablesDirectory = Path.Combine(Base, "t"), QueuesDirectory = Path.Combine(Base, "q") };

        Assert.Equal(Path.Combine(Base, "t"), layout.TablesDirectory);
        Assert.Equal(Path.Combine(Base, "q"), layout.QueuesDirectory);
    }

    [Fact]
    public void Equals_SamePlaces_IsTrue()
    {
        var a = FolderLayout.Split(Path.Combine(Base, "in"), Path.Combine(Base, "out"), ["returns", "registry"]);
        var b = FolderLayout.Split(Path.Combine(Base, "in"), Path.Combine(Base, "out"), ["registry", "returns"]);
        var c = FolderLayout.Split(Path.Combine(Base, "in"), Path.Combine(Base, "out"), ["returns"]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData("Returns")]
    [InlineData("../returns")]
    [InlineData("")]
    public void ContainerDirectory_InvalidContainer_ThrowsArgumentException(string container)
    {
        var e = Assert.Throws<ArgumentException>(() => FolderLayout.At(Base).ContainerDirectory(container));

        Assert.Equal("container", e.ParamName);
    }
}
