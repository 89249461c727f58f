using Impact.Analytics.Risk;

namespace Impact.Analytics.Tests.Risk;

public sealed class RiskModelTrainerTests
{
    /// <summary>The default cohort (100 workshops × 12 quarters, seed 42), trained once for the class with seed 7.</summary>
    private static readonly Lazy<(IReadOnlyList<WorkshopHistory> Histories, Quarter Last, TrainingResult Result)> Trained = new(() =>
    {
        var (cohort, histories) = SimulatedCohorts.Of(100, 12, 42);
        return (histories, cohort.Options.LastQuarter, RiskModelTrainer.Train(histories, cohort.Options.LastQuarter, new RiskOptions { Seed = 7 }));
    });

    [Fact]
    public void TrainingRows_OnlyActiveWorkshopsWithAnObservedHorizon()
    {
        var (histories, last, _) = Trained.Value;
        var rows = RiskModelTrainer.TrainingRows(histories, last, RiskOptions.Default);
        var byId = histories.ToDictionary(h => h.WorkshopId, StringComparer.Ordinal);
        Assert.All(rows, r =>
        {
            Assert.True(r.Features.Quarter.AddQuarters(4) <= last);
            Assert.True(DistressLabels.IsActive(byId[r.Features.WorkshopId], r.Features.Quarter));
            Assert.Equal(DistressLabels.DistressWithinHorizon(byId[r.Features.WorkshopId], r.Features.Quarter, last, RiskOptions.Default), r.Label);
        });
        Assert.Equal(rows.OrderBy(r => r.Features.WorkshopId, StringComparer.Ordinal).ThenBy(r => r.Features.Quarter), rows);
    }

    [Fact]
    public void Train_RecordsTheWindowCountsAndDecision()
    {
        var (histories, last, result) = Trained.Value;
        var m = result.Metrics;
        var rows = RiskModelTrainer.TrainingRows(histories, last, RiskOptions.Default);
        Assert.Equal(rows.Count, m.Rows);
        Assert.Equal(rows.Count(r => r.Label), m.Positives);
        Assert.Equal((double)m.Positives / m.Rows, m.BaseRate);
        Assert.Equal(new Quarter(2021, 4), m.FirstQuarter);
        Assert.Equal(last.AddQuarters(-4), m.LastLabelledQuarter);
        Assert.Equal(last, m.LastObservedQuarter);
        Assert.Equal(RiskFeatureCatalog.SlotNames, m.Features);
        Assert.Equal(7, m.Seed);
        Assert.Equal(["lbfgs_logistic_regression", "fast_tree", "light_gbm"], m.Candidates.Select(c => c.Name));
        Assert.Equal(m.Candidates.MaxBy(c => c.Auprc)!.Name, m.Trainer);
        Assert.Equal(RiskSources.Scorecard, m.Scorecard.Name);
        Assert.Equal(m.Model.Auprc > m.Scorecard.Auprc && m.Model.Brier <= m.Scorecard.Brier + m.BrierTolerance, result.ServesModel);
        Assert.StartsWith(result.ServesModel ? "The learned model (" : "The scorecard serves", m.Decision, StringComparison.Ordinal);
        Assert.All(m.Candidates.Append(m.Scorecard), s =>
        {
            Assert.Equal(5, s.Calibration.Count);
            Assert.Equal(m.Rows, s.Calibration.Sum(b => b.Rows));
            Assert.Equal(["amber", "red"], s.Alerts.Select(a => a.Level));
            Assert.Equal(20, s.Capacity);
        });
    }

    [Fact]
    public void Train_SameSeedSameMetricsAndSameModelBytes()
    {
        var (histories, last, result) = Trained.Value;
        var again = RiskModelTrainer.Train(histories, last, new RiskOptions { Seed = 7 });
        Assert.Equal(result.Metrics.ToJson(), again.Metrics.ToJson());
        Assert.True(result.Model.Span.SequenceEqual(again.Model.Span), "the model bytes differ");
    }

    [Fact]
    public void Train_ReadsNothingAfterTheLastObservedQuarter()
    {
        var (histories, last, _) = Trained.Value;
        var earlier = last.AddQuarters(-2);
        var fromAll = RiskModelTrainer.TrainingRows(histories, earlier, RiskOptions.Default);
        var fromTruncated = RiskModelTrainer.TrainingRows([.. histories.Select(h => h.KnownAt(earlier))], earlier, RiskOptions.Default);
        Assert.Equal(fromTruncated, fromAll);
    }

    [Fact]
    public void Train_OneClassOnly_ThrowsInFrench()
    {
        var (histories, _, _) = Trained.Value;
        var e = Assert.Throws<ImpactException>(() => RiskModelTrainer.Train(histories, new Quarter(2022, 1), RiskOptions.Default));
        Assert.StartsWith("Entraînement du modèle de risque impossible : 0 lignes étiquetées", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_JsonRoundTrip()
    {
        var metrics = Trained.Value.Result.Metrics;
        var json = metrics.ToJson();
        Assert.Contains("\"chosen_source\": ", json, StringComparison.Ordinal);
        Assert.Contains("\"last_observed_quarter\": \"2024-Q3\"", json, StringComparison.Ordinal);
        Assert.Equal(json, RiskMetrics.FromJson(json).ToJson());
        Assert.Equal("metrics.json illisible : ", Assert.Throws<ImpactException>(() => RiskMetrics.FromJson("{ not json")).Message[..25]);
    }

    [Fact]
    public void Beats_OnlyAServedModelThatImprovesAuprcWithoutWorseBrier()
    {
        var m = Trained.Value.Result.Metrics with { ChosenSource = RiskSources.Model };
        var better = m with { Model = m.Model with { Auprc = m.Model.Auprc + 0.01 } };
        Assert.True(better.Beats(null));
        Assert.True(better.Beats(m));
        Assert.False(m.Beats(m)); // equal is not better
        Assert.False(m.Beats(better));
        Assert.True(m.Beats(better with { ChosenSource = RiskSources.Scorecard })); // the scorecard served until now
        Assert.False((better with { ChosenSource = RiskSources.Scorecard }).Beats(null)); // this run serves no model
        Assert.False((better with { Model = better.Model with { Brier = m.Model.Brier + 0.02 } }).Beats(m));
    }
}
