using System.Text;
using BenchmarkDotNet.Attributes;
using Impact.Analytics.Evaluation;
using Impact.Simulation;

namespace Impact.Benchmarks;

/// <summary>
/// The impact estimator on a panel of 300 units × 20 quarters (150 laureates in three waves and 150 applicants never
/// labelled, 8 quarters before the first wave and 12 from it; simulated, seed 1, about 5% of units missing some
/// quarters), salaried headcount, B = 999 bootstrap draws. Target: under 5 s (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EvaluationBenchmarks
{
    private static readonly EvaluationOptions Options = new() { Bootstrap = 999, Seed = 1 };

    private string _csv = "";
    private Panel? _panel;

    [GlobalSetup]
    public void Setup()
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 150, Quarters = 12, Seed = 1 });
        _csv = Encoding.UTF8.GetString(cohort.Files.Single(f => f.Path == SimulatedCohort.PanelPath).Content.Span);
        _panel = PanelCsv.Read(_csv);
        if (_panel.Units.Count != 300 || _panel.QuarterCount != 20)
        {
            throw new InvalidOperationException($"Expected a panel of 300 units × 20 quarters, got {_panel.Units.Count} × {_panel.QuarterCount}.");
        }
    }

    /// <summary>ATT(g,t), aggregations, bootstrap, band and pre-trend test for one outcome.</summary>
    [Benchmark(Baseline = true)]
    public EvaluationResult Estimate() => ImpactEstimator.Estimate(_panel!, ImpactEstimator.DefaultOutcome, Options);

    /// <summary>What <c>impact evaluate</c> does short of the disk: read the panel, estimate both outcomes, write the files' bytes.</summary>
    [Benchmark]
    public IReadOnlyList<EvaluationFile> ReadEstimateAllWrite() =>
        EvaluationFiles.Build(ImpactEstimator.EstimateAll(PanelCsv.Read(_csv), Options));
}
