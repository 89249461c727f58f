using Impact.Pipeline.Storage;

namespace Impact.Cli.Running;

/// <summary>
/// How `impact run` maps the storage layout onto folders (ARCHITECTURE.md): the input folder holds the
/// containers the ministry and workshops fill (registry/, returns/, evaluation/); everything the pipeline
/// writes goes to the output folder: results at its root (indicators/, completeness/, run/), reports/,
/// the website in site/, and the tables and queues in tables/ and queues/.
/// </summary>
internal static class PipelineFolders
{
    public static readonly string[] InputContainers =
        [StorageNames.Containers.Returns, StorageNames.Containers.Registry, StorageNames.Containers.Evaluation];

    public static FolderLayout Layout(string input, string output) =>
        FolderLayout.Split(Path.GetFullPath(input), Path.GetFullPath(output), InputContainers)
            .WithContainer(StorageNames.Containers.Results, Path.GetFullPath(output))
            .WithContainer(StorageNames.Containers.Web, Path.Combine(Path.GetFullPath(output), "site"));

    /// <summary>The file a "container/name" output landed in.</summary>
    public static string FileOf(FolderLayout layout, string output)
    {
        var slash = output.IndexOf('/', StringComparison.Ordinal);
        return Path.Combine(layout.ContainerDirectory(output[..slash]), output[(slash + 1)..].Replace('/', Path.DirectorySeparatorChar));
    }
}
