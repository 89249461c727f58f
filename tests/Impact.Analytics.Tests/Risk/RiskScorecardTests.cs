using Impact.Analytics.Risk;
using S = Impact.Analytics.Tests.Risk.RiskSamples;

namespace Impact.Analytics.Tests.Risk;

public sealed class RiskScorecardTests
{
    /// <summary>A workshop with nothing wrong: no signal scores.</summary>
    private static readonly RiskFeatures Healthy = new()
    {
        WorkshopId = "MP-010",
        Quarter = new Quarter(2023, 3),
        Wave = 1,
        TerritoryType = Analytics.Registry.TerritoryType.Qpv,
        ReturnMissing = false,
        OwnRevenue = 35_000,
        OwnRevenueSlope = 0.02,
        OwnRevenueYoy = 0.05,
        OwnRevenueYoyTrend = 0,
        OwnRevenueShare = 0.6,
        OwnRevenueShareChange = 0.01,
        CashRunwayMonths = 5,
        CashRunwayTrend = 0.1,
        RunwayInAYearMonths = 6,
        InvestmentGrantMonths = 0,
        OperatingMargin = 0.05,
        MachineUtilisation = 0.6,
        MachineUtilisationTrend = 0,
        HostedEnterprisesChange = 1,
        NetJobsCreated = 1,
        StaffHeadcountChange = 0,
        PremisesStatus = "owned",
        LeaseEndsWithin12Months = false,
        LocalAuthorityPartner = true,
        LateOrMissingReturns = 0,
        MissedReturnCount = 0,
        DistressQuarters = 0,
        QuartersSinceLabelling = 6,
        MinistryDistress = false,
    };

    [Fact]
    public void Score_Healthy_ScoresNothing()
    {
        var result = RiskScorecard.Score(Healthy);
        Assert.Equal(0, result.Points);
        Assert.Empty(result.Signals);
        Assert.Equal(RiskLevel.Green, RiskScorecard.Level(result.Points, RiskOptions.Default));
    }

    [Fact]
    public void Score_EachSignalItsBandThenTheTotal()
    {
        var features = Healthy with
        {
            CashRunwayMonths = 1.5, // < 2 months: 15
            OwnRevenueYoy = -0.2, // ≤ −15 %: 8
            StaffHeadcountChange = -2, // 4
            LeaseEndsWithin12Months = true, // 4
            LateOrMissingReturns = 1, // 5
        };
        var result = RiskScorecard.Score(features);
        Assert.Equal(
            [
                new SignalPoints(nameof(RiskFeatures.CashRunwayMonths), 15),
                new SignalPoints(nameof(RiskFeatures.OwnRevenueYoy), 8),
                new SignalPoints(nameof(RiskFeatures.LateOrMissingReturns), 5),
                new SignalPoints(nameof(RiskFeatures.StaffHeadcountChange), 4),
                new SignalPoints(nameof(RiskFeatures.LeaseEndsWithin12Months), 4),
            ],
            result.Signals);
        Assert.Equal(36, result.Points);
        Assert.Equal(RiskLevel.Amber, RiskScorecard.Level(result.Points, RiskOptions.Default));
    }

    [Theory]
    [InlineData(0.99, 25)]
    [InlineData(1.0, 15)]
    [InlineData(2.0, 6)]
    [InlineData(3.0, 0)]
    [InlineData(-4.0, 25)]
    public void Score_CashRunwayBands(double months, int points) =>
        Assert.Equal(points, RiskScorecard.Score(Healthy with { CashRunwayMonths = months }).Points);

    [Fact]
    public void Score_MissingValuesScoreNothing() =>
        Assert.Equal(0, RiskScorecard.Score(Healthy with { CashRunwayMonths = null, OwnRevenueYoy = null, LocalAuthorityPartner = null }).Points);

    [Fact]
    public void Score_CappedAt100()
    {
        var worst = Healthy with
        {
            CashRunwayMonths = 0.2, OwnRevenueYoy = -0.5, OwnRevenueSlope = -0.2, OperatingMargin = -0.4, MinistryDistress = true,
            LateOrMissingReturns = 3, DistressQuarters = 3, ReturnMissing = true, PremisesStatus = "none",
        };
        var result = RiskScorecard.Score(worst);
        Assert.Equal(100, result.Points);
        Assert.True(result.Signals.Sum(s => s.Points) > 100);
        Assert.Equal(RiskLevel.Red, RiskScorecard.Level(result.Points, RiskOptions.Default));
    }

    [Theory]
    [InlineData(24, RiskLevel.Green)]
    [InlineData(25, RiskLevel.Amber)]
    [InlineData(39, RiskLevel.Amber)]
    [InlineData(40, RiskLevel.Red)]
    public void Level_Thresholds(int points, RiskLevel level) => Assert.Equal(level, RiskScorecard.Level(points, RiskOptions.Default));

    [Fact]
    public void Bands_EachNamesACatalogSignal() =>
        Assert.All(RiskScorecard.Bands, b => Assert.Equal(b.Feature, RiskFeatureCatalog.Find(b.Feature).Name));

    /// <summary>
    /// Five workshops of wave 1 scored at their labelling quarter, with cash runways of 0.8, 3.0, 4.1, 5.0 and 6.0 months:
    /// the first one's reasons, in French, with its value and the peers' median.
    /// </summary>
    [Fact]
    public void Reasons_FrenchSentencesWithTheValueAndThePeerMedian()
    {
        var histories = S.FiveRunways();

        var scores = RiskScorer.Score(histories, new Quarter(2022, 1), RiskServing.Untrained, RiskOptions.Default);

        Assert.Equal(["MP-011", "MP-012", "MP-013", "MP-014", "MP-015"], scores.Select(s => s.WorkshopId));
        var first = scores[0];
        Assert.Equal(RiskSources.Scorecard, first.Source);
        Assert.Equal(0.30, first.Score, 12); // 25 (runway under a month) + 5 (in distress this quarter)
        Assert.Equal(RiskLevel.Amber, first.Level);
        Assert.Equal(
            [
                "Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)",
                "En difficulté 1 trimestre sur les quatre derniers (médiane des pairs : 0)",
            ],
            first.Reasons);
        Assert.All(scores.Skip(1), s => Assert.Equal(RiskLevel.Green, s.Level));
    }

    [Fact]
    public void Reasons_FrenchNumberFormatting()
    {
        var history = S.History(S.Return("2022-Q1", ("revenue_services", "1234567")));
        var f = RiskFeatureCalculator.Compute(history, new Quarter(2022, 1), RiskOptions.Default) with
        {
            OwnRevenueYoy = -0.354, OwnRevenueShareChange = -0.12, MachineUtilisationTrend = -0.05, LateOrMissingReturns = 3, PremisesStatus = "temporary_agreement",
        };
        string Reason(string name, double? median, double? share = null) => RiskFeatureCatalog.Find(name).Reason(f, new PeerFigure(median, share));
        Assert.Equal("Recettes propres : 1\u202f257\u202f567 € sur le trimestre (médiane des pairs : 28\u202f400 €)", Reason(nameof(RiskFeatures.OwnRevenue), 28_400));
        Assert.Equal("Recettes propres sur un an : -35 % (médiane des pairs : +2 %)", Reason(nameof(RiskFeatures.OwnRevenueYoy), 0.02));
        Assert.Equal("Part des recettes propres sur un an : -12 points (médiane des pairs : +1 point)", Reason(nameof(RiskFeatures.OwnRevenueShareChange), 0.01));
        Assert.Equal("Utilisation des machines : -5,0 points par trimestre sur les quatre derniers trimestres (médiane des pairs : 0,0)",
            Reason(nameof(RiskFeatures.MachineUtilisationTrend), -0.0001));
        Assert.Equal("Retours trimestriels en retard ou manquants : 3 sur les quatre derniers trimestres (médiane des pairs : 0,5)",
            Reason(nameof(RiskFeatures.LateOrMissingReturns), 0.5));
        Assert.Equal("Locaux : convention d'occupation temporaire (25 % des pairs dans ce cas)", Reason(nameof(RiskFeatures.PremisesStatus), null, 0.25));
        Assert.Equal("Retour du T1 2022 reçu (90 % des pairs dans ce cas)", Reason(nameof(RiskFeatures.ReturnMissing), null, 0.9));
        Assert.Equal("Collectivité locale partenaire (70 % des pairs dans ce cas)", Reason(nameof(RiskFeatures.LocalAuthorityPartner), null, 0.7));
        Assert.Equal("Trésorerie : 2,0 mois de charges (médiane des pairs : n.d.)", Reason(nameof(RiskFeatures.CashRunwayMonths), null));
    }

    [Fact]
    public void MarkdownTable_IsInTheModelCard()
    {
        var card = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "risk-model.md")).ReplaceLineEndings("\n");
        Assert.Contains(RiskScorecard.MarkdownTable(), card, StringComparison.Ordinal);
        Assert.All(RiskFeatureCatalog.Definitions, d => Assert.Contains($"`{d.Name}`", card, StringComparison.Ordinal));
    }
}
