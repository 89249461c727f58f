using Impact.Analytics.Risk;

namespace Impact.Analytics.Tests.Risk;

public sealed class RiskScorerTests
{
    private static readonly Lazy<(IReadOnlyList<WorkshopHistory> Histories, Quarter Last, RiskServing Model)> Loaded = new(() =>
    {
        var (cohort, histories) = SimulatedCohorts.Of(100, 12, 42);
        var result = RiskModelTrainer.Train(histories, cohort.Options.LastQuarter, RiskOptions.Default);
        using var stream = new MemoryStream(result.Model.ToArray());
        return (histories, cohort.Options.LastQuarter, RiskServing.Learned(RiskModel.Load(stream)));
    });

    [Fact]
    public void Score_EveryActiveWorkshopOnceSortedByIdentifier()
    {
        var (histories, last, model) = Loaded.Value;
        var active = histories.Where(h => DistressLabels.IsActive(h, last)).Select(h => h.WorkshopId).ToList();
        Assert.True(active.Count < histories.Count, "some workshops closed");
        foreach (var source in new[] { RiskServing.Untrained, model })
        {
            var scores = RiskScorer.Score(histories, last, source, RiskOptions.Default);
            Assert.Equal(active, scores.Select(s => s.WorkshopId));
            Assert.All(scores, s =>
            {
                Assert.Equal(last, s.Quarter);
                Assert.InRange(s.Score, 0, 1);
                Assert.Equal(source.Source, s.Source);
                Assert.True(s.Reasons.Count <= 3);
            });
        }
    }

    [Fact]
    public void Score_ModelLevelsFromItsThresholdsAndReasonsForEveryAlert()
    {
        var (histories, last, model) = Loaded.Value;
        var scores = RiskScorer.Score(histories, last, model, RiskOptions.Default);
        Assert.All(scores, s => Assert.Equal(RiskScorer.Level(s.Score, RiskOptions.Default), s.Level));
        Assert.Contains(scores, s => s.Level == RiskLevel.Red);
        Assert.All(scores.Where(s => s.Level != RiskLevel.Green), s => Assert.NotEmpty(s.Reasons));
        Assert.All(scores.SelectMany(s => s.Reasons), r => Assert.Matches(@"^[A-ZÀ-Ý][^|\n]+$", r));
    }

    [Fact]
    public void Score_ModelReasonsNameTheWorkshopsOwnWeakness()
    {
        var (histories, last, model) = Loaded.Value;
        var features = RiskFeatureCalculator.ComputeActive(histories, last, RiskOptions.Default).ToDictionary(f => f.WorkshopId, StringComparer.Ordinal);
        var scores = RiskScorer.Score(histories, last, model, RiskOptions.Default);
        var overdrawn = scores.Where(s => features[s.WorkshopId].CashRunwayMonths < 0.5 && s.Level == RiskLevel.Red).ToList();
        Assert.NotEmpty(overdrawn);
        Assert.All(overdrawn, s => Assert.Contains(s.Reasons, r => r.StartsWith("Trésorerie", StringComparison.Ordinal)));
    }

    [Fact]
    public void Score_SameWithAModelLoadedTwiceAndInParallel()
    {
        var (histories, last, model) = Loaded.Value;
        var expected = RiskScoreCsv.Write(RiskScorer.Score(histories, last, model, RiskOptions.Default));
        var parallel = Enumerable.Range(0, 4).AsParallel().Select(_ => RiskScoreCsv.Write(RiskScorer.Score(histories, last, model, RiskOptions.Default))).ToList();
        Assert.All(parallel, csv => Assert.Equal(expected, csv));
    }

    [Fact]
    public void Score_IgnoresWhatHappenedAfterTheQuarter()
    {
        var (histories, last, model) = Loaded.Value;
        var asOf = last.AddQuarters(-3);
        Assert.Equal(
            RiskScoreCsv.Write(RiskScorer.Score([.. histories.Select(h => h.KnownAt(asOf))], asOf, model, RiskOptions.Default)),
            RiskScoreCsv.Write(RiskScorer.Score(histories, asOf, model, RiskOptions.Default)));
    }

    [Fact]
    public void Load_NotAModel_ThrowsInFrench()
    {
        using var stream = new MemoryStream([1, 2, 3, 4]);
        Assert.StartsWith("Modèle de risque illisible", Assert.Throws<ImpactException>(() => RiskModel.Load(stream)).Message, StringComparison.Ordinal);
    }
}
