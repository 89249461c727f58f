using Impact.Analytics.Risk;
using S = Impact.Analytics.Tests.Risk.RiskSamples;

namespace Impact.Analytics.Tests.Risk;

public sealed class RiskBaselinesTests
{
    private static RiskFeatures Runway(double? months) =>
        RiskFeatureCalculator.Compute(S.History(S.Return("2022-Q1")), new Quarter(2022, 1), RiskOptions.Default) with { CashRunwayMonths = months };

    [Fact]
    public void RunwayRank_ShortestRunwayFirstClippedAndNeutralWhenUnknown()
    {
        Assert.Equal(0, RiskBaselines.RunwayRank(Runway(12)));
        Assert.Equal(0, RiskBaselines.RunwayRank(Runway(40)));
        Assert.Equal(1, RiskBaselines.RunwayRank(Runway(-6)));
        Assert.Equal(1, RiskBaselines.RunwayRank(Runway(-20)));
        Assert.Equal(11.0 / 18, RiskBaselines.RunwayRank(Runway(1)), 12);
        Assert.Equal(RiskBaselines.RunwayRank(Runway(6)), RiskBaselines.RunwayRank(Runway(null)));
    }

    [Fact]
    public void ScorecardRank_TiesBrokenByRunwayNeverAcrossPoints()
    {
        var shortRunway = Runway(-6);
        var longRunway = Runway(12);
        Assert.True(RiskBaselines.ScorecardRank(30, shortRunway) > RiskBaselines.ScorecardRank(30, longRunway));
        Assert.True(RiskBaselines.ScorecardRank(31, longRunway) > RiskBaselines.ScorecardRank(30, shortRunway));
        Assert.Equal(30 / 101.0, RiskBaselines.ScorecardRank(30, longRunway), 12);
        Assert.Equal((30 + 0.999) / 101, RiskBaselines.ScorecardRank(30, shortRunway), 12);
    }

    [Fact]
    public void RunwayLevel_RedUnderOneMonthAmberUnderThree()
    {
        Assert.Equal(
            [RiskLevel.Red, RiskLevel.Amber, RiskLevel.Amber, RiskLevel.Green, RiskLevel.Green],
            new double?[] { 0.99, 1, 2.99, 3, null }.Select(m => RiskBaselines.RunwayLevel(Runway(m), RiskOptions.Default)));
    }

    [Fact]
    public void Score_AServedBaselineGivesItsCalibratedProbabilityAndItsOwnLevels()
    {
        var histories = S.FiveRunways();
        var calibration = new RiskCalibration(-4, 5);

        var byRunway = RiskScorer.Score(histories, new Quarter(2022, 1), new RiskServing(RiskSources.Runway, null, calibration, "v"), RiskOptions.Default);
        var byScorecard = RiskScorer.Score(histories, new Quarter(2022, 1), new RiskServing(RiskSources.Scorecard, null, calibration, "v"), RiskOptions.Default);

        // Runways 0.8, 3.0, 4.1, 5.0 and 6.0 months (expenses €45,000 a quarter).
        Assert.Equal([RiskLevel.Red, RiskLevel.Green, RiskLevel.Green, RiskLevel.Green, RiskLevel.Green], byRunway.Select(s => s.Level));
        Assert.Equal(calibration.Probability((12 - 0.8) / 18), byRunway[0].Score, 12);
        Assert.Equal(["Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)"], byRunway[0].Reasons);
        Assert.Equal([RiskScorer.NothingStandsOut], byRunway[4].Reasons);
        Assert.All(byRunway, s => Assert.Equal(RiskSources.Runway, s.Source));

        Assert.Equal(RiskLevel.Amber, byScorecard[0].Level); // 30 points
        Assert.Equal(calibration.Probability((30 + (0.999 * (12 - 0.8) / 18)) / 101), byScorecard[0].Score, 12);
    }

    [Fact]
    public void Serving_OfAVersion_LoadsTheModelOnlyWhenItServes()
    {
        var metrics = Metrics() with { ChosenSource = RiskSources.Runway, RunwayCalibration = new RiskCalibration(1, 2) };
        var served = RiskServing.Of(metrics, () => throw new InvalidOperationException("the model must not be loaded"), "v1");
        Assert.Equal(new RiskServing(RiskSources.Runway, null, new RiskCalibration(1, 2), "v1"), served);
        Assert.Equal(new RiskServing(RiskSources.Scorecard, null, null, "v1"),
            RiskServing.Of(metrics with { ChosenSource = RiskSources.Scorecard }, () => throw new InvalidOperationException(), "v1"));
    }

    private static RiskMetrics Metrics()
    {
        var figures = new SourceMetrics
        {
            Name = RiskSources.Scorecard, Auprc = 0.5, RocAuc = 0.7, PrecisionAt10 = 0.5, PrecisionAtCapacity = 0.4, Capacity = 20, Brier = 0.1,
            Calibration = [], Alerts = [],
        };
        return new RiskMetrics
        {
            FirstQuarter = new Quarter(2021, 4), LastLabelledQuarter = new Quarter(2023, 3), LastObservedQuarter = new Quarter(2024, 3),
            HorizonQuarters = 4, Features = RiskFeatureCatalog.SlotNames, Workshops = 10, Rows = 100, Positives = 20, BaseRate = 0.2,
            Folds = 5, Seed = 1, Trainer = "light_gbm", ChosenSource = RiskSources.Scorecard, Decision = "", Model = figures, Scorecard = figures,
            Candidates = [], BrierTolerance = 0,
        };
    }
}
