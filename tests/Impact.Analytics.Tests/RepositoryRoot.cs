namespace Impact.Analytics.Tests;

/// <summary>The folder that holds Impact.sln, found from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Impact.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Impact.sln not found above " + AppContext.BaseDirectory);
    }
}
