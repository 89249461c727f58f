using System.Globalization;
using Impact.Analytics.Risk;
using Xunit.Abstractions;

namespace Impact.Analytics.Tests.Risk;

/// <summary>
/// The acceptance (issue 4): on simulated cohorts with known truth, for several seeds, the chosen model's
/// out-of-fold AUPRC beats the scorecard's and both beat the base rate; precision at the top 10 is reported. The truth
/// is used only to check labels (DistressLabelsTests), never as a feature. The figures of docs/risk-model.md come from
/// this test's output:
/// <c>dotnet test tests/Impact.Analytics.Tests --filter "FullyQualifiedName~RiskAcceptanceTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class RiskAcceptanceTests(ITestOutputHelper output)
{
    /// <summary>150 workshops × 12 quarters (2021-Q4 to 2024-Q3), simulation seed = training seed.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Train_ChosenModelBeatsTheScorecardAndBothBeatTheBaseRate(int seed)
    {
        var (cohort, histories) = SimulatedCohorts.Of(150, 12, seed);
        var result = RiskModelTrainer.Train(histories, cohort.Options.LastQuarter, new RiskOptions { Seed = seed });
        var m = result.Metrics;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {m.Rows} rows, {m.Positives} positives, base rate {m.BaseRate:0.000}; chosen {m.ChosenSource} ({m.Trainer}). {m.Decision}"));
        output.WriteLine("| seed | source | AUPRC | ROC AUC | P@10 | P@20 | Brier | amber/quarter (precision) | red/quarter (precision) |");
        foreach (var s in m.Candidates.Append(m.Scorecard))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {seed} | {s.Name} | {s.Auprc:0.000} | {s.RocAuc:0.000} | {s.PrecisionAt10:0.000} | {s.PrecisionAtCapacity:0.000} | {s.Brier:0.0000} | {s.Alerts[0].PerQuarter:0.0} ({s.Alerts[0].Precision:0.00}) | {s.Alerts[1].PerQuarter:0.0} ({s.Alerts[1].Precision:0.00}) |"));
        }

        Assert.True(result.ServesModel, m.Decision);
        Assert.True(m.Chosen.Auprc > m.Scorecard.Auprc, m.Decision);
        Assert.True(m.Scorecard.Auprc > m.BaseRate, $"scorecard AUPRC {m.Scorecard.Auprc} ≤ base rate {m.BaseRate}");
        Assert.True(m.Model.Auprc > m.BaseRate, $"model AUPRC {m.Model.Auprc} ≤ base rate {m.BaseRate}");
        Assert.True(m.Model.PrecisionAt10 > m.BaseRate && m.Scorecard.PrecisionAt10 > m.BaseRate);
    }
}
