using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Impact.Analytics.Dashboard;
using Impact.Simulation;

namespace Impact.Benchmarks;

/// <summary>
/// Renders the whole signed-in dashboard site for the demo's simulated cohort (100 workshops over 12 quarters, seed 42):
/// every page, every chart as PNG and SVG with its CSV, the downloads and the DSFR files, as the quarterly run does.
/// Target: under 20 s for 100 workshops (issue 5, docs/benchmarks.md). A whole build is seconds long, so a few
/// single runs (monitoring) tell more than BenchmarkDotNet's default many iterations.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DashboardBenchmarks
{
    private SiteInput _input = null!;

    [Params(100)]
    public int Workshops { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = Workshops, Quarters = 12, Seed = 42 });
        _input = SimulatedSite.Build(cohort) with { Audience = SiteAudience.SignedIn };

        // Never measure a broken build: the site must have a page per workshop.
        var pages = SiteBuilder.Build(_input).Count(f => f.Path.StartsWith("ateliers/", StringComparison.Ordinal));
        if (pages != Workshops)
        {
            throw new InvalidOperationException($"Expected {Workshops} workshop pages, got {pages}.");
        }
    }

    [Benchmark]
    public IReadOnlyList<SiteFile> BuildSite() => SiteBuilder.Build(_input);
}

/// <summary>
/// Renders the public site (the anonymous static website: no page per workshop) for simulated cohorts of 100 and 3,500
/// workshops over 12 quarters, seed 42. Target: a few seconds at 3,500, its cost no longer growing with the number of
/// workshops beyond their list (issue 13, docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PublicSiteBenchmarks
{
    private SiteInput _input = null!;

    [Params(100, 3500)]
    public int Workshops { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = Workshops, Quarters = 12, Seed = 42 });
        _input = SimulatedSite.Build(cohort) with { Audience = SiteAudience.Public };

        // Never measure a broken build: the public site lists every workshop and has no page of one.
        var site = SiteBuilder.Build(_input);
        var listed = System.Text.Encoding.UTF8.GetString(site.Single(f => f.Path == "donnees/manufactures.csv").Content).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        if (listed != Workshops || site.Any(f => f.Path.StartsWith("ateliers/", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Expected {Workshops} workshops listed and no workshop page, got {listed}.");
        }
    }

    [Benchmark]
    public IReadOnlyList<SiteFile> BuildPublicSite() => SiteBuilder.Build(_input);
}
