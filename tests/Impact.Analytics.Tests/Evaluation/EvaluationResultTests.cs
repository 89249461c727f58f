using Impact.Analytics.Evaluation;

namespace Impact.Analytics.Tests.Evaluation;

public sealed class EvaluationResultTests
{
    [Theory]
    [InlineData("salaried_headcount", 6, 1.8, 0.9, 2.7, "+1,8 emploi salarié par manufacture après 6 trimestres, IC 95 % [0,9 ; 2,7]")]
    [InlineData("salaried_headcount", 1, 2.04, 1.2, 2.9, "+2,0 emplois salariés par manufacture après 1 trimestre, IC 95 % [1,2 ; 2,9]")]
    [InlineData("salaried_headcount", 0, -0.04, -0.61, 0.53, "0,0 emploi salarié par manufacture au trimestre de la labellisation, IC 95 % [-0,6 ; 0,5]")]
    [InlineData("salaried_headcount", -3, -0.25, -0.71, 0.21, "-0,3 emploi salarié par manufacture 3 trimestres avant la labellisation, IC 95 % [-0,7 ; 0,2]")]
    [InlineData("own_revenue_eur", 8, 5912.4, 5245.2, 6579.0, "+5\u202F912 € de recettes propres par manufacture et par trimestre après 8 trimestres, IC 95 % [5\u202F245 ; 6\u202F579]")]
    [InlineData("visitors", 2, 12.345, 10.1, 14.6, "+12,3 sur « visitors » par manufacture après 2 trimestres, IC 95 % [10,1 ; 14,6]")]
    [InlineData("machine_share", 2, 0.1234, 0.05, 0.19, "+0,123 sur « machine_share » par manufacture après 2 trimestres, IC 95 % [0,050 ; 0,190]")]
    public void ToFrenchReading_AtAnEventTime(string outcome, int eventTime, double estimate, double low, double high, string expected)
    {
        var result = Result(outcome, [Point(eventTime, estimate, low, high)], pretrend: null, leads: 0);
        Assert.Equal(expected, result.ToFrenchReading(eventTime));
    }

    [Fact]
    public void ToFrenchReading_Overall()
    {
        var result = Result("salaried_headcount", [Point(0, 1, 0, 2)], pretrend: null, leads: 0, overall: (1.234, 0.81, 1.66));
        Assert.Equal("+1,2 emploi salarié par manufacture en moyenne depuis la labellisation, IC 95 % [0,8 ; 1,7]", result.ToFrenchReading());
        Assert.Throws<ArgumentOutOfRangeException>(() => result.ToFrenchReading(5));
    }

    [Theory]
    [InlineData(0.42, 10, "Avant la labellisation, les manufactures et les candidats non retenus évoluaient de façon comparable (test sur 10 trimestres avant la labellisation : p = 0,42) : la comparaison est crédible.")]
    [InlineData(0.05, 1, "Attention : avant la labellisation, les manufactures et les candidats non retenus évoluaient déjà différemment (test sur 1 trimestre avant la labellisation : p = 0,05) ; l'hypothèse de tendances parallèles est douteuse et l'effet estimé est à lire avec prudence.")]
    [InlineData(0.0005, 3, "Attention : avant la labellisation, les manufactures et les candidats non retenus évoluaient déjà différemment (test sur 3 trimestres avant la labellisation : p = < 0,001) ; l'hypothèse de tendances parallèles est douteuse et l'effet estimé est à lire avec prudence.")]
    public void ToFrenchPretrendReading_SaysWhetherTheComparisonIsCredible(double p, int leads, string expected) =>
        Assert.Equal(expected, Result("y", [Point(0, 1, 0, 2)], p, leads).ToFrenchPretrendReading());

    [Fact]
    public void ToFrenchPretrendReading_NoLeads() =>
        Assert.Equal("Pas de test de tendances avant la labellisation : le panel ne compte pas au moins deux trimestres d'observation avant la labellisation.",
            Result("y", [Point(0, 1, 0, 2)], null, 0).ToFrenchPretrendReading());

    [Fact]
    public void HorizonWithAllGroups_LastEventTimeEveryGroupReaches()
    {
        var result = Result("y", [Point(-1, 0, 0, 0, groups: 2), Point(0, 1, 0, 2, groups: 2), Point(1, 1, 0, 2, groups: 2), Point(2, 1, 0, 2, groups: 1)], null, 0);
        Assert.Equal(1, result.HorizonWithAllGroups);
        Assert.Null(Result("y", [Point(0, 1, 0, 2, groups: 1)], null, 0).HorizonWithAllGroups);
    }

    private static EventStudyPoint Point(int e, double estimate, double low, double high, int groups = 1) => new()
    {
        EventTime = e, Estimate = estimate, Se = (high - low) / 3.92, CiLow = low, CiHigh = high, BandLow = low, BandHigh = high, Groups = groups, TreatedUnits = 10,
    };

    private static EvaluationResult Result(string outcome, IReadOnlyList<EventStudyPoint> curve, double? pretrend, int leads, (double Att, double Low, double High)? overall = null)
    {
        var (att, low, high) = overall ?? (1, 0, 2);
        var summary = new EvaluationSummary
        {
            Outcome = outcome, OverallAtt = att, Se = (high - low) / 3.92, CiLow = low, CiHigh = high, PretrendPValue = pretrend, PretrendLeads = leads,
            TreatedUnits = 20, ControlUnits = 20, ExcludedUnits = 0, Groups = [new(new Quarter(2022, 1), 10), new(new Quarter(2022, 2), 10)],
            FirstQuarter = new Quarter(2020, 1), LastQuarter = new Quarter(2024, 4), Bootstrap = 999, Seed = 1, BandCriticalValue = 2.5,
        };
        return new EvaluationResult(summary, [], curve);
    }
}
