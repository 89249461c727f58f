using Impact.Analytics;
using Impact.Pipeline.Run;

namespace Impact.Pipeline.Tests.Run;

/// <summary>What the person who ran the pipeline reads: uploads that failed on our side are named, with the reason.</summary>
public sealed class RunSummaryTests
{
    private static RunSummary Summary(params string[] failed) => new()
    {
        AsOf = new Quarter(2024, 3),
        ReturnsRead = 3,
        Accepted = 1,
        Rejected = 1,
        Unchanged = 0,
        Failed = failed,
        IndicatorRows = 1,
        Completeness = (2, 1, 1, 0),
        Risk = (1, 0, 0, "scorecard", null),
        AlertsQueued = 0,
        AlertsOverCapacity = 0,
        Stages = [],
        Outputs = [],
    };

    [Fact]
    public void ToJson_WritesFrenchAsIs()
    {
        var json = System.Text.Encoding.UTF8.GetString((Summary() with { ImpactReading = "+1,3 emploi salarié par manufacture" }).ToJson());

        Assert.Contains("\"impact_reading_fr\": \"+1,3 emploi salarié par manufacture\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFrenchText_NamesTheUploadsThatFailedOnOurSide()
    {
        var lines = Summary("MP-002/2024-Q3.csv (ImpactException: Version enregistrée illisible : MP-002/2024-Q2~v0001 (json.invalid).)").ToFrenchText().Split(Environment.NewLine);

        Assert.Equal("- retours lus : 3 ; traités par cette exécution : 1 accepté, 1 refusé, 1 en échec ; déjà traités avant elle (au dépôt ou par une exécution précédente) : 0", lines[1]);
        Assert.Equal("- dépôts non traités à cause d'une erreur interne, repris à la prochaine exécution : MP-002/2024-Q3.csv (ImpactException: Version enregistrée illisible : MP-002/2024-Q2~v0001 (json.invalid).)", lines[2]);
    }

    [Fact]
    public void ToFrenchText_SaysNothingOfFailuresWhenThereAreNone()
    {
        var text = Summary().ToFrenchText();

        Assert.Contains("- retours lus : 3 ; traités par cette exécution : 1 accepté, 1 refusé ; déjà traités avant elle (au dépôt ou par une exécution précédente) : 0" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.DoesNotContain("échec", text, StringComparison.Ordinal);
    }
}
