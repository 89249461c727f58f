using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Impact.Analytics.Dashboard;
using Impact.Simulation;

namespace Impact.Benchmarks;

/// <summary>
/// Renders the whole dashboard site for the demo's simulated cohort (100 workshops over 12 quarters, seed 42): every
/// page, every chart as PNG and SVG with its CSV, the downloads and the DSFR files, as the quarterly run will.
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
        _input = SimulatedSite.Build(cohort);

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
