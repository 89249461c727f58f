namespace Impact.Infra.Tests;

/// <summary>Where the Bicep sources are: found by walking up from the test binaries to the folder holding Impact.sln.</summary>
internal static class InfraPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string InfraDirectory => Path.Combine(Root, "infra-bicep");

    public static string MainBicep => Path.Combine(InfraDirectory, "main.bicep");

    public static string BicepConfig => Path.Combine(InfraDirectory, "bicepconfig.json");

    public static string BlobEventsBicep => Path.Combine(InfraDirectory, "modules", "blob-events.bicep");

    /// <summary>Every .bicep file under infra-bicep, as paths relative to it with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> BicepFiles() => Files("*.bicep");

    /// <summary>Every .bicepparam file under infra-bicep, likewise.</summary>
    public static IReadOnlyList<string> ParameterFiles() => Files("*.bicepparam");

    private static string[] Files(string pattern) =>
        [.. Directory.EnumerateFiles(InfraDirectory, pattern, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(InfraDirectory, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Impact.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding Impact.sln above {AppContext.BaseDirectory}.");
    }
}
