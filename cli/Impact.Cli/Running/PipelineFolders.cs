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

    /// <summary>
    /// Takes the output folder's lock (<see cref="FolderLock"/>) for a command that writes, and says when it removed
    /// the temporary files of an interrupted run. Refuses (an <see cref="Analytics.ImpactException"/>, exit 2) while
    /// another process holds it.
    /// </summary>
    public static async Task<FolderLock> LockAsync(CliConsole console, FolderLayout layout)
    {
        var folderLock = FolderLock.Acquire(layout);
        if (folderLock.RemovedTempFiles > 0)
        {
            await console.Output.WriteLineAsync($"{folderLock.RemovedTempFiles} fichier(s) temporaire(s) laissé(s) par une exécution interrompue supprimé(s).");
        }

        return folderLock;
    }

    /// <summary>The file a "container/name" output landed in.</summary>
    public static string FileOf(FolderLayout layout, string output) => layout.PathOf(output);
}
