using System.Globalization;
using Impact.Analytics.Risk;
using Impact.Simulation;
using Xunit.Abstractions;

namespace Impact.Analytics.Tests.Risk;

/// <summary>
/// The acceptance of the risk model (issues 4 and 14): on every simulated world (<see cref="SimulatedWorld"/>) and several
/// seeds, what serves is at least as good out of fold as the better of the two baselines (the scorecard and the runway
/// rule), with a Brier score no worse; on the default world the learned model beats both. The truth is used only to check
/// labels (DistressLabelsTests), never as a feature. The figures of docs/risk-model.md come from this test's output:
/// <c>dotnet test tests/Impact.Analytics.Tests --filter "FullyQualifiedName~RiskAcceptanceTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Acceptance")]
public sealed class RiskAcceptanceTests(ITestOutputHelper output)
{
    /// <summary>150 workshops × 12 quarters (2021-Q4 to 2024-Q3), simulation seed = training seed.</summary>
    [Theory]
    [InlineData(SimulatedWorld.Default, 1)]
    [InlineData(SimulatedWorld.Default, 2)]
    [InlineData(SimulatedWorld.Default, 3)]
    [InlineData(SimulatedWorld.CashBurn, 1)]
    [InlineData(SimulatedWorld.CashBurn, 2)]
    [InlineData(SimulatedWorld.RevenueDecline, 1)]
    [InlineData(SimulatedWorld.RevenueDecline, 2)]
    [InlineData(SimulatedWorld.Calm, 1)]
    [InlineData(SimulatedWorld.Calm, 2)]
    public void Train_WhatServesIsAtLeastTheBetterBaseline(SimulatedWorld world, int seed)
    {
        var (cohort, histories) = SimulatedCohorts.Of(150, 12, seed, world);
        var result = RiskModelTrainer.Train(histories, cohort.Options.LastQuarter, new RiskOptions { Seed = seed });
        Assert.True(result.Trained, result.NotTrained?.Reason);
        var m = result.Metrics;
        var runway = m.Runway!;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{world} seed {seed}: {m.Rows} rows, {m.Positives} positives, base rate {m.BaseRate:0.000}; chosen {m.ChosenSource}; final {m.Trainer}; folds chose {string.Join(", ", m.OuterFoldChoices)}. {m.Decision}"));
        foreach (var s in m.Candidates.Append(m.Model).Append(m.Scorecard).Append(runway))
        {
            var chosen = string.Equals(s.Name, m.Chosen.Name, StringComparison.Ordinal) ? " (serves)" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {world} | {seed} | {s.Name}{chosen} | {s.Auprc:0.000} | {s.RocAuc:0.000} | {s.PrecisionAt10:0.000} | {s.PrecisionAtCapacity:0.000} | {s.Brier:0.0000} | {s.Alerts[0].PerQuarter:0.0} ({s.Alerts[0].Precision:0.00}) | {s.Alerts[1].PerQuarter:0.0} ({s.Alerts[1].Precision:0.00}) |"));
        }

        // The rule, on every world: what serves ranks at least as well as the better baseline, with probabilities no worse.
        var best = m.BestBaseline;
        Assert.True(m.Chosen.Auprc >= best.Auprc, m.Decision);
        Assert.True(m.Chosen.Brier <= Math.Min(m.Scorecard.Brier!.Value, runway.Brier!.Value) + 1e-12 || !result.ServesModel, m.Decision);
        Assert.Equal(result.ServesModel, m.Model.Auprc > m.Scorecard.Auprc && m.Model.Auprc > runway.Auprc
            && m.Model.Brier <= m.Scorecard.Brier && m.Model.Brier <= runway.Brier);
        Assert.True(best.Auprc > 1.5 * m.BaseRate, $"{best.Name} AUPRC {best.Auprc} against base rate {m.BaseRate}");
        if (world == SimulatedWorld.Default)
        {
            Assert.True(result.ServesModel, m.Decision);
        }
    }
}
