using Impact.Analytics.Risk;

namespace Impact.Analytics.Tests.Risk;

public sealed class RiskScoreCsvTests
{
    private static readonly RiskScore[] Scores =
    [
        new("MP-001", new Quarter(2024, 3), 0.3, RiskLevel.Amber, RiskSources.Scorecard,
            ["Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)", "Locaux : location (29 % des pairs dans ce cas)"]),
        new("MP-002", new Quarter(2024, 3), 0.123456, RiskLevel.Green, RiskSources.Model, []),
        new("MP-003", new Quarter(2024, 3), 0.71235, RiskLevel.Red, RiskSources.Model, ["Résultat d'exploitation : -18 % des ressources (médiane des pairs : +2 %)"]),
    ];

    [Fact]
    public void Write_ExactText()
    {
        Assert.Equal(
            "workshop_id,quarter,score,level,source,reasons\n"
            + "MP-001,2024-Q3,0.3,amber,scorecard,\"Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1) | Locaux : location (29 % des pairs dans ce cas)\"\n"
            + "MP-002,2024-Q3,0.1235,green,model,\n"
            + "MP-003,2024-Q3,0.7124,red,model,Résultat d'exploitation : -18 % des ressources (médiane des pairs : +2 %)\n",
            RiskScoreCsv.Write(Scores));
    }

    [Fact]
    public void Write_HeaderOnlyWhenEmpty() => Assert.Equal("workshop_id,quarter,score,level,source,reasons\n", RiskScoreCsv.Write([]));

    [Fact]
    public void Read_GivesBackTheScoresAsWritten()
    {
        var read = RiskScoreCsv.Read(RiskScoreCsv.Write(Scores));
        Assert.Equal(Scores.Select(s => (s.WorkshopId, s.Quarter, Math.Round(s.Score, 4, MidpointRounding.AwayFromZero), s.Level, s.Source)),
            read.Select(s => (s.WorkshopId, s.Quarter, s.Score, s.Level, s.Source)));
        Assert.Equal(Scores.Select(s => s.Reasons), read.Select(s => s.Reasons));
    }

    [Fact]
    public void Read_UnknownLevel_ThrowsInFrench() =>
        Assert.Equal("scores.csv : ligne 2, colonne level : valeur « orange » invalide.",
            Assert.Throws<ImpactException>(() => RiskScoreCsv.Read("workshop_id,quarter,score,level,source,reasons\nMP-001,2024-Q3,0.3,orange,scorecard,\n")).Message);
}
