using System.Text.RegularExpressions;
using System.Xml.Linq;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Tests.Conventions;

/// <summary>Conventions of the codebase, enforced by scanning it (STYLE.md).</summary>
public sealed partial class CodebaseConventionTests
{
    private static IEnumerable<string> SourceFiles(params string[] folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, f), "*.cs", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void PackageVersions_AreExactAndCentral()
    {
        var props = XDocument.Load(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"));
        var versions = props.Descendants("PackageVersion").ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", (string)v.Attribute("Version")!));
        var projects = Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("node_modules", StringComparison.Ordinal) && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(projects.Count >= 10, $"expected the solution's projects, found {projects.Count}");
        foreach (var project in projects)
        {
            var references = XDocument.Load(project).Descendants("PackageReference");
            Assert.All(references, r => Assert.Null(r.Attribute("Version")));
        }
    }

    [Fact]
    public void ProductCode_NeverReadsTheWallClock()
    {
        var offenders = SourceFiles("analytics", "functions", "cli")
            .Where(f => WallClock().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Analytics_ReferencesNoAzureSdk()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "analytics", "Impact.Analytics", "Impact.Analytics.csproj"));
        Assert.DoesNotContain(project.Descendants("PackageReference"), r => ((string)r.Attribute("Include")!).StartsWith("Azure", StringComparison.Ordinal));
        Assert.Empty(project.Descendants("ProjectReference"));
    }

    [Fact]
    public void ValidationRules_CatalogueEveryCodeTheCodeUses()
    {
        var used = SourceFiles("analytics/Impact.Analytics")
            .Where(f => !f.EndsWith("ValidationRules.cs", StringComparison.Ordinal))
            .SelectMany(f => RuleCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var catalogued = ValidationRules.All.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(used.Except(catalogued));
        Assert.Empty(catalogued.Except(used));
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex WallClock();

    [GeneratedRegex(@"""((?:file|csv|xlsx|json|key|field|cross|path|quarter|registry|previous)\.[a-z_]+)""")]
    private static partial Regex RuleCode();
}
