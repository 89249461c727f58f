namespace Impact.Analytics.Risk;

/// <summary>
/// The two simple rules every learned model must beat before it serves (docs/risk-model.md, "Baselines"): the transparent
/// scorecard, and the one-signal rule "lowest cash runway first". Each gives a ranking score in [0, 1] (higher = riskier);
/// a <see cref="RiskCalibration"/> fitted on grouped folds maps it to a probability.
/// </summary>
public static class RiskBaselines
{
    /// <summary>The runway taken when it cannot be computed (no return, no expenses): the model's neutral value, in months.</summary>
    public const double RunwayWhenUnknown = 6;

    /// <summary>The lowest runway that still ranks apart, in months (an overdraft of six months' expenses and worse rank together).</summary>
    public const double RunwayFloor = -6;

    /// <summary>The highest runway that still ranks apart, in months (a year of expenses and more rank together).</summary>
    public const double RunwayCeiling = 12;

    /// <summary>
    /// The runway rule's ranking score: (12 − runway) / 18 with the runway (<see cref="RiskFeatures.CashRunwayMonths"/>,
    /// cash_end / (operating_expenses / 3) of the latest return) clipped to [−6, 12] months and 6 when unknown; 0 for a
    /// year of expenses or more, 1 for an overdraft of six months or worse.
    /// </summary>
    public static double RunwayRank(RiskFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var runway = Math.Clamp(features.CashRunwayMonths ?? RunwayWhenUnknown, RunwayFloor, RunwayCeiling);
        return (RunwayCeiling - runway) / (RunwayCeiling - RunwayFloor);
    }

    /// <summary>
    /// The scorecard's ranking score: (points + tie-break) / 101, where the tie-break is 0.999 × the runway rule's score, so
    /// that workshops with the same points are ordered by their runway (shortest first) and never pass a workshop with more
    /// points.
    /// </summary>
    public static double ScorecardRank(RiskFeatures features) => ScorecardRank(RiskScorecard.Score(features).Points, features);

    /// <summary>The scorecard's ranking score from its total (see <see cref="ScorecardRank(RiskFeatures)"/>).</summary>
    public static double ScorecardRank(int points, RiskFeatures features) =>
        (points + (0.999 * RunwayRank(features))) / (RiskScorecard.MaxPoints + 1);

    /// <summary>The runway rule's level: red under <see cref="RiskOptions.RunwayRedMonths"/>, amber under <see cref="RiskOptions.RunwayAmberMonths"/>, green otherwise or unknown.</summary>
    public static RiskLevel RunwayLevel(RiskFeatures features, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        return features.CashRunwayMonths switch
        {
            { } r when r < options.RunwayRedMonths => RiskLevel.Red,
            { } r when r < options.RunwayAmberMonths => RiskLevel.Amber,
            _ => RiskLevel.Green,
        };
    }
}
