using BenchmarkDotNet.Attributes;
using Impact.Analytics;
using Impact.Analytics.Risk;
using Impact.Simulation;

namespace Impact.Benchmarks;

/// <summary>
/// Risk scoring at the size of all French third places: 3,500 workshops × 12 quarters (simulated, seed 1), turned into
/// histories as the pipeline would (every file validated, uploads with their receipt times, outcomes read). Training runs
/// the whole <see cref="RiskModelTrainer.Train"/> with the default options (both baselines, every configuration of the grid
/// in nested grouped cross-validation, the chosen one refitted and saved); scoring scores every active workshop at the last quarter with the loaded model and with the
/// scorecard, reasons included. Targets: train under 30 s, score under 1 s (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RiskBenchmarks
{
    private IReadOnlyList<WorkshopHistory> _histories = [];
    private Quarter _asOf;
    private RiskServing _model = RiskServing.Untrained;

    [GlobalSetup]
    public void Setup()
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 3500, Quarters = 12, Seed = 1 });
        _histories = cohort.Histories();
        _asOf = cohort.Options.LastQuarter;
        var trained = RiskModelTrainer.Train(_histories, _asOf, RiskOptions.Default);
        using var stream = new MemoryStream(trained.Model.ToArray());
        _model = RiskServing.Learned(RiskModel.Load(stream));

        // A broken input must never be benchmarked silently: every active workshop must get a score.
        var scored = RiskScorer.Score(_histories, _asOf, _model, RiskOptions.Default).Count;
        if (scored < 3000)
        {
            throw new InvalidOperationException($"Only {scored} workshops scored at {_asOf}.");
        }
    }

    [Benchmark]
    public TrainingResult Train() => RiskModelTrainer.Train(_histories, _asOf, RiskOptions.Default);

    [Benchmark]
    public IReadOnlyList<RiskScore> ScoreWithModel() => RiskScorer.Score(_histories, _asOf, _model, RiskOptions.Default);

    [Benchmark]
    public IReadOnlyList<RiskScore> ScoreWithScorecard() => RiskScorer.Score(_histories, _asOf, RiskServing.Untrained, RiskOptions.Default);
}
