using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Impact.Analytics.Tests.Conventions;

/// <summary>
/// The arrows of the architecture (README, "Layout"), enforced by scanning the projects and the code, as ScottPlot's
/// convention tests do: Functions and Cli → Web → Pipeline → Analytics; the simulator is referenced by the CLI, tests and
/// benchmarks only; inside a project, the domain core does not reach up to its presentation or down to its adapters.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Each product project and the only projects it may reference.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Impact.Analytics"] = [],
        ["Impact.Simulation"] = ["Impact.Analytics"],
        ["Impact.Pipeline"] = ["Impact.Analytics"],
        ["Impact.Web"] = ["Impact.Pipeline"],
        ["Impact.Functions"] = ["Impact.Web"],
        ["Impact.Cli"] = ["Impact.Pipeline", "Impact.Simulation", "Impact.Web"],
    };

    /// <summary>Folders of product code and the namespaces their files must never name.</summary>
    public static TheoryData<string, string> ForbiddenNamespaces { get; } = new()
    {
        { "analytics/Impact.Analytics", "Impact.Pipeline" },
        { "analytics/Impact.Analytics", "Impact.Functions" },
        { "analytics/Impact.Analytics", "Impact.Cli" },
        { "analytics/Impact.Analytics", "Impact.Simulation" },
        { "analytics/Impact.Simulation", "Impact.Pipeline" },
        { "analytics/Impact.Pipeline", "Impact.Functions" },
        { "analytics/Impact.Pipeline", "Impact.Cli" },
        { "analytics/Impact.Pipeline", "Impact.Simulation" },
        { "web/Impact.Web", "Impact.Functions" },
        { "web/Impact.Web", "Impact.Cli" },
        { "web/Impact.Web", "Impact.Simulation" },
        { "functions/Impact.Functions", "Impact.Cli" },
        { "functions/Impact.Functions", "Impact.Simulation" },
        // Folder to folder: the domain core never reaches up to the pages, the e-mails or the charts.
        { "analytics/Impact.Analytics/Returns", "Impact.Analytics.Dashboard" },
        { "analytics/Impact.Analytics/Validation", "Impact.Analytics.Dashboard" },
        { "analytics/Impact.Analytics/Registry", "Impact.Analytics.Dashboard" },
        { "analytics/Impact.Analytics/Indicators", "Impact.Analytics.Dashboard" },
        { "analytics/Impact.Analytics/Indicators", "Impact.Analytics.Risk" },
        { "analytics/Impact.Analytics/Risk", "Impact.Analytics.Dashboard" },
        { "analytics/Impact.Analytics/Risk", "Impact.Analytics.Alerts" },
        { "analytics/Impact.Analytics/Evaluation", "Impact.Analytics.Dashboard" },
        { "analytics/Impact.Analytics/Settings", "Impact.Analytics.Dashboard" },
        // The storage adapters sit below the use cases.
        { "analytics/Impact.Pipeline/Storage", "Impact.Pipeline.Run" },
        { "analytics/Impact.Pipeline/Storage", "Impact.Pipeline.Ingestion" },
        { "analytics/Impact.Pipeline/Storage", "Impact.Pipeline.Risk" },
        { "analytics/Impact.Pipeline/Storage", "Impact.Pipeline.Alerts" },
    };

    [Fact]
    public void ProjectReferences_FollowTheArrows()
    {
        var projects = Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), StringComparer.Ordinal);

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal),
            projects.Keys.Where(n => !n.EndsWith(".Tests", StringComparison.Ordinal) && n is not "Impact.Testing" and not "Impact.Benchmarks").Order(StringComparer.Ordinal));
        foreach (var (name, allowed) in Allowed)
        {
            var references = XDocument.Load(projects[name]).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .Order(StringComparer.Ordinal);
            Assert.Equal($"{name} -> {string.Join(", ", allowed.Order(StringComparer.Ordinal))}", $"{name} -> {string.Join(", ", references)}");
        }
    }

    [Theory]
    [MemberData(nameof(ForbiddenNamespaces))]
    public void SourceFolders_NeverNameWhatTheyMustNotReach(string folder, string forbidden)
    {
        var pattern = new Regex($@"\b{Regex.Escape(forbidden)}\b", RegexOptions.CultureInvariant);
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Any(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(line)))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f).Replace('\\', '/'))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Simulator_LivesInItsOwnProjectOnly()
    {
        var simulatorTypes = new[] { "CohortSimulator", "SimulationOptions", "SimulatedCohort" };
        var product = new[] { "analytics/Impact.Analytics", "analytics/Impact.Pipeline", "web/Impact.Web", "functions/Impact.Functions" }
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, f), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        Assert.Empty(product.Where(f => simulatorTypes.Any(t => File.ReadAllText(f).Contains(t, StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f)));
    }
}
