namespace Impact.Analytics.Risk;

/// <summary>The level of risk a coach sees.</summary>
public enum RiskLevel
{
    /// <summary>No particular risk.</summary>
    Green,

    /// <summary>Watch: signals of fragility.</summary>
    Amber,

    /// <summary>Act: distress is likely within a year.</summary>
    Red,
}

/// <summary>The one spelling of a level wherever it is stored or written (CSV, tables, row keys, pages): lowercase English.</summary>
public static class RiskLevels
{
    /// <summary>The key of <see cref="RiskLevel.Green"/>: no sign of distress.</summary>
    public const string Green = "green";

    /// <summary>The key of <see cref="RiskLevel.Amber"/>: signs to watch.</summary>
    public const string Amber = "amber";

    /// <summary>The key of <see cref="RiskLevel.Red"/>: distress likely within four quarters.</summary>
    public const string Red = "red";

    /// <summary>The keys, from lowest to highest risk.</summary>
    public static IReadOnlyList<string> All { get; } = [Green, Amber, Red];

    /// <summary><c>green</c>, <c>amber</c> or <c>red</c>.</summary>
    public static string Key(RiskLevel level) => level switch
    {
        RiskLevel.Green => Green,
        RiskLevel.Amber => Amber,
        RiskLevel.Red => Red,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Expected green, amber or red."),
    };

    /// <summary>The level of a key (any case), or null when it is not one.</summary>
    public static RiskLevel? Parse(string? key) => key?.ToUpperInvariant() switch
    {
        "GREEN" => RiskLevel.Green,
        "AMBER" => RiskLevel.Amber,
        "RED" => RiskLevel.Red,
        _ => null,
    };
}

/// <summary>The sources a score can come from, as written in risk/scores.csv and metrics.json.</summary>
public static class RiskSources
{
    /// <summary>The transparent scorecard (<see cref="RiskScorecard"/>).</summary>
    public const string Scorecard = "scorecard";

    /// <summary>The one-signal rule "lowest cash runway first" (<see cref="RiskBaselines.RunwayRank"/>).</summary>
    public const string Runway = "runway";

    /// <summary>The learned ML.NET model (<see cref="RiskModel"/>).</summary>
    public const string Model = "model";

    /// <summary>Every source, in the order of precedence on a tie (the most transparent first).</summary>
    public static IReadOnlyList<string> All { get; } = [Scorecard, Runway, Model];

    /// <summary>The French name of a source, as coaches and the run's summary read it.</summary>
    public static string French(string source) => source switch
    {
        Scorecard => "grille de points",
        Runway => "règle « trésorerie la plus courte d'abord »",
        Model => "modèle appris",
        _ => source,
    };

    /// <summary>The French name with its article: « la grille de points », « la règle … », « le modèle appris ».</summary>
    public static string FrenchWithArticle(string source) => (source == Model ? "le " : "la ") + French(source);
}

/// <summary>
/// The risk score of one workshop at one quarter: a row of risk/scores.csv (<see cref="RiskScoreCsv"/>).
/// </summary>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="Quarter">The quarter scored (the as-of quarter).</param>
/// <param name="Score">
/// The probability of distress within four quarters (0 to 1): the model's, or the served baseline's calibrated one; before
/// any training, the scorecard's total / 100.
/// </param>
/// <param name="Level">Green, amber or red, by the thresholds of <see cref="RiskOptions"/> for the source.</param>
/// <param name="Source"><see cref="RiskSources.Scorecard"/>, <see cref="RiskSources.Runway"/> or <see cref="RiskSources.Model"/>.</param>
/// <param name="Reasons">The top reasons, French sentences with the value and the peers' median, strongest first.</param>
public sealed record RiskScore(string WorkshopId, Quarter Quarter, double Score, RiskLevel Level, string Source, IReadOnlyList<string> Reasons);
