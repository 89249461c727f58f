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
        var m = result.Metrics!;
        var rows = RiskModelTrainer.TrainingRows(histories, last, RiskOptions.Default);
        Assert.Equal(rows.Count, m.Rows);
        Assert.Equal(rows.Count(r => r.Label), m.Positives);
        Assert.Equal((double)m.Positives / m.Rows, m.BaseRate);
        Assert.Equal(new Quarter(2021, 4), m.FirstQuarter);
        Assert.Equal(last.AddQuarters(-4), m.LastLabelledQuarter);
        Assert.Equal(last, m.LastObservedQuarter);
        Assert.Equal(RiskFeatureCatalog.SlotNames, m.Features);
        Assert.Equal(7, m.Seed);
        Assert.Equal(["lbfgs_logistic_regression", "light_gbm"], m.Candidates.Select(c => c.Name));
        Assert.Equal(m.ModelConfig!.Name, m.Trainer);
        Assert.Equal(5, m.OuterFoldChoices.Count);
        Assert.All(m.OuterFoldChoices, c => Assert.Contains(c, RiskModelConfig.Grid(RiskTrainer.LogisticRegression).Concat(RiskModelConfig.Grid(RiskTrainer.LightGbm)).Select(g => g.Name)));
        Assert.Equal(RiskSources.Scorecard, m.Scorecard.Name);
        Assert.Equal(RiskSources.Runway, m.Runway!.Name);
        Assert.Null(m.InService);
        var beatsBoth = m.Model.Auprc > m.Scorecard.Auprc && m.Model.Auprc > m.Runway.Auprc
            && m.Model.Brier <= m.Scorecard.Brier && m.Model.Brier <= m.Runway.Brier;
        Assert.Equal(beatsBoth, result.ServesModel);
        Assert.Equal(beatsBoth ? RiskSources.Model : m.BestBaseline.Name, m.ChosenSource);
        Assert.StartsWith(result.ServesModel ? "The learned model serves" : $"The {m.BestBaseline.Name} baseline serves", m.Decision, StringComparison.Ordinal);
        Assert.All(m.Candidates.Append(m.Scorecard).Append(m.Runway).Append(m.Model), s =>
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
        Assert.Equal(result.Metrics!.ToJson(), again.Metrics!.ToJson());
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
    public void Train_TooFewOfAClass_IsARecordedResultInFrench()
    {
        var (histories, _, _) = Trained.Value;

        // Up to 2022-Q4 only 2021-Q4 has a full year after it: too few rows of each class.
        var result = RiskModelTrainer.Train(histories, new Quarter(2022, 4), RiskOptions.Default);

        Assert.False(result.Trained);
        Assert.True(result.Model.IsEmpty);
        var rows = RiskModelTrainer.TrainingRows(histories, new Quarter(2022, 4), RiskOptions.Default);
        Assert.Equal(rows.Count, result.NotTrained.Rows);
        Assert.Equal(rows.Count(r => r.Label), result.NotTrained.Positives);
        Assert.Equal(
            $"pas entraîné : {rows.Count} lignes étiquetées jusqu'au T4 2021, dont {rows.Count(r => r.Label)} suivies de difficultés dans l'année et {rows.Count(r => !r.Label)} sans ; il en faut au moins 10 de chaque sorte (un an de suivi complet après les premiers retours)",
            result.NotTrained.Reason);
        Assert.Contains("\"reason\": \"pas entraîné : ", result.NotTrained.ToJson(), StringComparison.Ordinal);

        // No labelled row at all: the same kind of result, never an exception.
        Assert.StartsWith("pas entraîné : 0 lignes étiquetées", RiskModelTrainer.Train(histories, new Quarter(2022, 1), RiskOptions.Default).NotTrained!.Reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// Distress in two workshops only, both in the same outer fold: the other folds train on one class (ML.NET fits them
    /// without complaint). Training must still give figures rather than fail, and a baseline then serves.
    /// </summary>
    [Fact]
    public void Train_PositivesInOneFoldOnly_StillGivesFigures()
    {
        var (histories, last, _) = Trained.Value;
        var rows = RiskModelTrainer.TrainingRows(histories, last, RiskOptions.Default);
        var positiveRows = rows.Where(r => r.Label).GroupBy(r => r.Features.WorkshopId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var folds = GroupedFolds.Assign(rows.Select(r => r.Features.WorkshopId), RiskOptions.Default.Folds, RiskOptions.Default.Seed);
        var pair = positiveRows.Keys.GroupBy(id => folds[id])
            .Select(g => g.OrderByDescending(id => positiveRows[id]).ThenBy(id => id, StringComparer.Ordinal).Take(2).ToList())
            .First(p => p.Count == 2 && p.Sum(id => positiveRows[id]) >= 10);
        var kept = histories.Where(h => pair.Contains(h.WorkshopId) || !positiveRows.ContainsKey(h.WorkshopId)).ToList();

        var result = RiskModelTrainer.Train(kept, last, RiskOptions.Default);

        Assert.True(result.Trained, result.NotTrained?.Reason);
        Assert.Equal(pair.Sum(id => positiveRows[id]), result.Metrics.Positives);
        Assert.False(result.ServesModel, result.Metrics.Decision);
    }

    [Fact]
    public void Metrics_JsonRoundTrip()
    {
        var metrics = Trained.Value.Result.Metrics!;
        var json = metrics.ToJson();
        Assert.Contains("\"chosen_source\": ", json, StringComparison.Ordinal);
        Assert.Contains("\"last_observed_quarter\": \"2024-Q3\"", json, StringComparison.Ordinal);
        Assert.Equal(json, RiskMetrics.FromJson(json).ToJson());
        Assert.Equal("metrics.json illisible : ", Assert.Throws<ImpactException>(() => RiskMetrics.FromJson("{ not json")).Message[..25]);
    }

    [Fact]
    public void PromotionOver_TheChoiceMustBeatWhatServesOnTheseFolds()
    {
        var m = Trained.Value.Result.Metrics! with { ChosenSource = RiskSources.Model };
        var servingModel = m with { ChosenSource = RiskSources.Model };
        Assert.True(m.PromotionOver(null, null).Promote);
        Assert.Equal((true, "rien n'était en service : le modèle appris sert désormais"), m.PromotionOver(null, null));

        // The source in service measured on these folds: beaten by a higher AUPRC with a Brier score no worse.
        var weaker = m with { InService = m.Model with { Auprc = m.Model.Auprc - 0.01 } };
        Assert.True(weaker.PromotionOver(servingModel, "v1").Promote);
        var equal = m with { InService = m.Model };
        Assert.False(equal.PromotionOver(servingModel, "v1").Promote); // equal is not better
        Assert.StartsWith("le modèle appris ne bat pas la version en service, qui reste : AUPRC hors pli ", equal.PromotionOver(servingModel, "v1").Reason, StringComparison.Ordinal);
        var worseBrier = m with { InService = m.Model with { Auprc = m.Model.Auprc - 0.01, Brier = m.Model.Brier - 0.01 } };
        Assert.False(worseBrier.PromotionOver(servingModel, "v1").Promote);

        // The same baseline again: a fresh calibration goes into service.
        var scorecard = m with { ChosenSource = RiskSources.Scorecard, InService = m.Scorecard };
        Assert.Equal((true, "la grille de points reste en service, calibrée sur les données de cette version"), scorecard.PromotionOver(scorecard, "v1"));

        // Another feature vector: the old version cannot score any more.
        var older = m with { Features = ["OwnRevenue"] };
        Assert.True(equal.PromotionOver(older, "v0").Promote);
    }
}
