using System.Text.RegularExpressions;
using Impact.Analytics;

namespace Impact.Pipeline.Storage;

/// <summary>
/// One writer per folder, across processes: an exclusive lock on <c>{output}/.impact.lock</c>, taken by every command
/// that writes to a <see cref="FolderStorage"/> and held until it ends. The operating system releases it when the
/// process ends, however it ends (even <c>kill -9</c>), so a crash never leaves a folder locked. While it is held, no
/// write of another process is under way, so the temporary files left by an earlier crash (<c>.~{guid}.tmp</c>) are
/// removed when it is taken.
/// </summary>
public sealed partial class FolderLock : IDisposable
{
    /// <summary>The lock file's name, at the root of the layout's containers (the output folder of <c>impact run</c>).</summary>
    public const string FileName = ".impact.lock";

    private readonly FileStream _file;

    private FolderLock(FileStream file, string path, int removedTempFiles)
    {
        _file = file;
        Path = path;
        RemovedTempFiles = removedTempFiles;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Temporary files of interrupted writes removed when the lock was taken.</summary>
    public int RemovedTempFiles { get; }

    /// <summary>
    /// Takes the lock of <paramref name="layout"/>'s output, or refuses at once when another process holds it.
    /// </summary>
    /// <exception cref="ImpactException">Another process holds the lock (a French message: which folder, what to do).</exception>
    public static FolderLock Acquire(FolderLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Directory.CreateDirectory(layout.ContainersRoot);
        var path = System.IO.Path.Join(layout.ContainersRoot, FileName);
        FileStream file;
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a share-mode lock on Windows: both across processes.
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new ImpactException(
                $"Le dossier {layout.ContainersRoot} est déjà utilisé par une autre exécution d'impact (verrou {path}). " +
                "Attendez qu'elle se termine, puis relancez : deux exécutions sur le même dossier mélangeraient leurs écritures.", ex);
        }

        return new FolderLock(file, path, RemoveTempFiles(layout));
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    /// <summary>Whether <paramref name="fileName"/> is a temporary file of <see cref="FolderStorage"/> (<c>.~{32 hex digits}.tmp</c>).</summary>
    public static bool IsTempFileName(string fileName) => TempFileName().IsMatch(fileName);

    /// <summary>Removes the temporary files of interrupted writes from every folder the layout writes to.</summary>
    private static int RemoveTempFiles(FolderLayout layout)
    {
        var folders = new[] { layout.ContainersRoot, layout.TablesDirectory, layout.QueuesDirectory }
            .Concat(layout.ContainerDirectories.Values)
            .Where(Directory.Exists)
            .Distinct(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None, IgnoreInaccessible = true };
        var removed = 0;
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(f, ".~*.tmp", options)).Distinct(StringComparer.Ordinal))
        {
            if (IsTempFileName(System.IO.Path.GetFileName(file)))
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }

    [GeneratedRegex("^\\.~[0-9a-f]{32}\\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TempFileName();
}
