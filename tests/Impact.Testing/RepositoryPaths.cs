namespace Impact.Testing;

/// <summary>Paths inside the repository, found from where the tests run.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "Impact.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding Impact.sln (walking up from <see cref="AppContext.BaseDirectory"/>).</summary>
    public static string Root => LazyRoot.Value;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} found in '{AppContext.BaseDirectory}' or any folder above it: run the tests from inside the repository.");
    }
}
