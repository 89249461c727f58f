using System.Collections.Immutable;

namespace Impact.Pipeline.Storage;

/// <summary>
/// Where <see cref="FolderStorage"/> keeps each container, the tables and the queues.
/// Defaults, for a root R: container C in <c>R/C</c>, tables in <c>R/tables</c>, queues in <c>R/queues</c>.
/// Any container can be moved elsewhere (<see cref="WithContainer"/>, <see cref="WithContainersUnder"/>),
/// e.g. to read the inputs from one folder and write everything else to another (<see cref="Split"/>).
/// All directories are held as full paths; nothing is created until something is written.
/// </summary>
public sealed record FolderLayout
{
    private readonly string _containersRoot;
    private readonly string _tablesDirectory;
    private readonly string _queuesDirectory;

    private FolderLayout(string root)
    {
        _containersRoot = Path.GetFullPath(root);
        _tablesDirectory = Path.Combine(_containersRoot, "tables");
        _queuesDirectory = Path.Combine(_containersRoot, "queues");
        Placed = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
    }

    /// <summary>The containers placed outside <see cref="ContainersRoot"/> (full paths).</summary>
    private ImmutableSortedDictionary<string, string> Placed { get; init; }

    /// <summary>The folder holding every container not placed elsewhere, each in a sub-folder named after it.</summary>
    public string ContainersRoot
    {
        get => _containersRoot;
        init => _containersRoot = Path.GetFullPath(value);
    }

    /// <summary>The folder holding one sub-folder per table (default: <c>{root}/tables</c>).</summary>
    public string TablesDirectory
    {
        get => _tablesDirectory;
        init => _tablesDirectory = Path.GetFullPath(value);
    }

    /// <summary>The folder holding one sub-folder per queue (default: <c>{root}/queues</c>).</summary>
    public string QueuesDirectory
    {
        get => _queuesDirectory;
        init => _queuesDirectory = Path.GetFullPath(value);
    }

    /// <summary>The containers placed outside <see cref="ContainersRoot"/>, with their folders (sorted by name).</summary>
    public IReadOnlyDictionary<string, string> ContainerDirectories => Placed;

    /// <summary>Everything under one folder.</summary>
    public static FolderLayout At(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        return new FolderLayout(root);
    }

    /// <summary>
    /// <paramref name="inputContainers"/> under <paramref name="inputRoot"/> (e.g. returns, registry, evaluation),
    /// every other container, the tables and the queues under <paramref name="outputRoot"/>.
    /// </summary>
    public static FolderLayout Split(string inputRoot, string outputRoot, IEnumerable<string> inputContainers) =>
        At(outputRoot).WithContainersUnder(inputRoot, inputContainers);

    /// <summary>The same layout with <paramref name="container"/> kept in <paramref name="directory"/>.</summary>
    public FolderLayout WithContainer(string container, string directory)
    {
        StorageRules.CheckContainer(container);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return this with { Placed = Placed.SetItem(container, Path.GetFullPath(directory)) };
    }

    /// <summary>The same layout with each of <paramref name="containers"/> in a sub-folder of <paramref name="root"/> named after it.</summary>
    public FolderLayout WithContainersUnder(string root, IEnumerable<string> containers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(containers);
        var layout = this;
        foreach (var container in containers)
        {
            layout = layout.WithContainer(container, Path.Combine(root, container));
        }

        return layout;
    }

    /// <summary>The folder holding <paramref name="container"/>'s blobs.</summary>
    public string ContainerDirectory(string container)
    {
        StorageRules.CheckContainer(container);
        return Placed.TryGetValue(container, out var directory)
            ? directory
            : Path.Combine(_containersRoot, container);
    }

    /// <summary>
    /// Where an output of a run is on disk: "container/name" is the blob's file, "table T" and "queue Q" their folders
    /// (the names <see cref="Run.RunSummary.Outputs"/> holds), so that people read the paths they gave, not storage names.
    /// </summary>
    public string PathOf(string output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        if (output.StartsWith("table ", StringComparison.Ordinal))
        {
            return Path.Combine(_tablesDirectory, output["table ".Length..]);
        }

        if (output.StartsWith("queue ", StringComparison.Ordinal))
        {
            return Path.Combine(_queuesDirectory, output["queue ".Length..]);
        }

        var slash = output.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0
            ? throw new ArgumentException($"Not an output name: {output}", nameof(output))
            : Path.Combine(ContainerDirectory(output[..slash]), output[(slash + 1)..].Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Two layouts are equal when they place everything in the same folders.</summary>
    public bool Equals(FolderLayout? other) =>
        other is not null
        && string.Equals(_containersRoot, other._containersRoot, StringComparison.Ordinal)
        && string.Equals(_tablesDirectory, other._tablesDirectory, StringComparison.Ordinal)
        && string.Equals(_queuesDirectory, other._queuesDirectory, StringComparison.Ordinal)
        && Placed.SequenceEqual(other.Placed);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_containersRoot, StringComparer.Ordinal);
        hash.Add(_tablesDirectory, StringComparer.Ordinal);
        hash.Add(_queuesDirectory, StringComparer.Ordinal);
        foreach (var (container, directory) in Placed)
        {
            hash.Add(container, StringComparer.Ordinal);
            hash.Add(directory, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
