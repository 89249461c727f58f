using Impact.Analytics.Csv;

namespace Impact.Analytics.Risk;

/// <summary>
/// risk/scores.csv, in the dialect of the other machine-readable outputs (',' delimited, RFC 4180 quoting, '.' decimals,
/// invariant culture, LF, no BOM): header <c>workshop_id,quarter,score,level,source,reasons</c>; the score rounded to 4
/// decimals (half away from zero); the level <c>green</c>, <c>amber</c> or <c>red</c>; the source <c>scorecard</c> or
/// <c>model</c>; the reasons joined with <c>" | "</c>.
/// </summary>
public static class RiskScoreCsv
{
    /// <summary>Decimals of the score.</summary>
    public const int ScoreDecimals = 4;

    /// <summary>The separator of the reasons in one cell.</summary>
    public const string ReasonSeparator = " | ";

    private const string FileName = "scores.csv";

    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["workshop_id", "quarter", "score", "level", "source", "reasons"];

    /// <summary>The CSV text of <paramref name="scores"/>, in the order given.</summary>
    public static string Write(IEnumerable<RiskScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return CsvTable.Write(Columns, scores.Select(s => (IReadOnlyList<string?>)
        [
            s.WorkshopId,
            s.Quarter.ToString(),
            CsvTable.Format(Math.Round((decimal)s.Score, ScoreDecimals, MidpointRounding.AwayFromZero)),
            RiskLevels.Key(s.Level),
            s.Source,
            string.Join(ReasonSeparator, s.Reasons),
        ]));
    }

    /// <summary>Reads a file written by <see cref="Write"/> (scores as written, rounded), rows in file order.</summary>
    /// <exception cref="ImpactException">A column is missing or a cell is malformed; the message is French.</exception>
    public static IReadOnlyList<RiskScore> Read(string csvText)
    {
        var scores = new List<RiskScore>();
        foreach (var (line, cells) in CsvTable.Read(csvText, Columns, FileName))
        {
            var quarter = Quarter.TryParse(cells["quarter"], out var q) ? q : throw CsvTable.Invalid(cells["quarter"], FileName, line, "quarter");
            var level = RiskLevels.Parse(cells["level"]) ?? throw CsvTable.Invalid(cells["level"], FileName, line, "level");
            var source = cells["source"] is RiskSources.Model or RiskSources.Scorecard or RiskSources.Runway ? cells["source"] : throw CsvTable.Invalid(cells["source"], FileName, line, "source");
            var reasons = cells["reasons"].Length == 0 ? [] : cells["reasons"].Split(ReasonSeparator);
            scores.Add(new RiskScore(cells["workshop_id"], quarter, (double)CsvTable.ParseDecimal(cells["score"], FileName, line, "score"), level, source, reasons));
        }

        return scores;
    }
}
