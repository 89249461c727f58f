using Impact.Analytics.Risk;

namespace Impact.Analytics.Tests.Risk;

public sealed class RiskEvaluationTests
{
    private static readonly Quarter Q = new(2023, 1);

    [Fact]
    public void AveragePrecision_ByHand()
    {
        // Ranked 1, 0, 1, 0: precision 1 at the first positive, 2/3 at the second; each adds half the recall.
        Assert.Equal((1.0 + (2.0 / 3)) / 2, RiskEvaluation.AveragePrecision([0.9, 0.8, 0.7, 0.6], [true, false, true, false]), 12);
        Assert.Equal(1.0, RiskEvaluation.AveragePrecision([0.9, 0.8, 0.1], [true, true, false]), 12);
    }

    [Fact]
    public void AveragePrecision_TiesEnterTogether()
    {
        // The two tied rows enter at once: recall 1/2 at precision 1/2, then recall 1/2 more at precision 2/4.
        Assert.Equal(0.5, RiskEvaluation.AveragePrecision([0.5, 0.5, 0.2, 0.2], [true, false, true, false]), 12);
        Assert.Equal(
            RiskEvaluation.AveragePrecision([0.5, 0.5, 0.1], [true, false, true]),
            RiskEvaluation.AveragePrecision([0.5, 0.5, 0.1], [false, true, true]));
    }

    [Fact]
    public void AveragePrecision_RandomScoresNearTheBaseRate()
    {
        var random = new Random(7);
        var labels = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() < 0.2).ToList();
        var scores = labels.Select(_ => random.NextDouble()).ToList();
        Assert.InRange(RiskEvaluation.AveragePrecision(scores, labels), 0.19, 0.21);
    }

    [Fact]
    public void RocAuc_ByHandWithTies()
    {
        Assert.Equal(0.75, RiskEvaluation.RocAuc([0.9, 0.8, 0.7, 0.6], [true, false, true, false]), 12);
        Assert.Equal(0.5, RiskEvaluation.RocAuc([0.5, 0.5], [true, false]), 12);
        Assert.Equal(1.0, RiskEvaluation.RocAuc([0.1, 0.9], [false, true]), 12);
    }

    [Fact]
    public void PrecisionAtTop_PerQuarterPooledWithTiesSharedOut()
    {
        var q2 = Q.AddQuarters(1);
        // Quarter 1: top 2 of [0.9 (yes), 0.5 (no), 0.5 (yes), 0.1 (yes)] = 0.9 and half of each tied row: 1 + 0.5 hits.
        // Quarter 2: only one row (no): it is the whole top.
        var precision = RiskEvaluation.PrecisionAtTop([0.9, 0.5, 0.5, 0.1, 0.3], [true, false, true, true, false], [Q, Q, Q, Q, q2], 2);
        Assert.Equal(1.5 / 3, precision, 12);
    }

    [Fact]
    public void Brier_AndCalibrationByHand()
    {
        Assert.Equal((0.01 + 0.64 + 0.04 + 0.25) / 4, RiskEvaluation.Brier([0.9, 0.8, 0.2, 0.5], [true, false, false, true]), 12);
        var bins = RiskEvaluation.Calibration([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], [false, false, false, true, false, true, true, true, true, true], 5);
        Assert.Equal([2, 2, 2, 2, 2], bins.Select(b => b.Rows));
        Assert.Equal([0.15, 0.35, 0.55, 0.75, 0.95], bins.Select(b => Math.Round(b.MeanPredicted, 12)));
        Assert.Equal([0.0, 0.5, 0.5, 1.0, 1.0], bins.Select(b => b.Observed));
    }

    [Fact]
    public void Alerts_VolumePerQuarterAndPrecision()
    {
        var alerts = RiskEvaluation.Alerts("amber", "probability >= 0.3", [true, true, false, true], [true, false, false, true], [Q, Q, Q.AddQuarters(1), Q.AddQuarters(1)]);
        Assert.Equal(new AlertVolume("amber", "probability >= 0.3", 1.5, 0.75, 2.0 / 3), alerts);
    }

    [Fact]
    public void RiskCalibration_FitsAMonotoneProbability()
    {
        double[] x = [0, 0, 0, 0, 0.2, 0.2, 0.2, 0.2, 0.5, 0.5, 0.5, 0.5];
        bool[] y = [false, false, false, false, false, true, false, false, true, true, true, false];
        var platt = RiskCalibration.Fit(x, y);
        Assert.True(platt.B > 0);
        Assert.True(platt.Probability(0) < platt.Probability(0.2) && platt.Probability(0.2) < platt.Probability(0.5));
        // Maximum likelihood: the probabilities sum to the positives.
        Assert.Equal(y.Count(v => v), x.Sum(platt.Probability), 4);
    }

    [Fact]
    public void GroupedFolds_EveryWorkshopInOneFoldBalancedAndSeeded()
    {
        var ids = Enumerable.Range(1, 103).Select(i => $"MP-{i:000}").ToList();
        var folds = GroupedFolds.Assign(ids.Concat(ids), 5, 42);
        Assert.Equal(103, folds.Count);
        Assert.Equal([21, 21, 21, 20, 20], folds.Values.GroupBy(f => f).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(folds, GroupedFolds.Assign(ids.AsEnumerable().Reverse(), 5, 42));
        Assert.NotEqual(folds, GroupedFolds.Assign(ids, 5, 43));
    }
}
