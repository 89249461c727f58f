using Impact.Analytics.Risk;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// Everything the dashboard site is built from (<see cref="SiteBuilder.Build"/>): what the quarterly run has
/// computed. The optional sections may be null; the pages then say, in French, that the section is not yet available.
/// </summary>
public sealed record SiteInput
{
    /// <summary>The registry of workshops: names, regions, territory types, waves, coordinates.</summary>
    public required WorkshopRegistry Registry { get; init; }

    /// <summary>The indicator sets of every workshop and quarter (<see cref="IndicatorCalculator.Compute(IReadOnlyList{QuarterlyReturn}, WorkshopRegistry)"/>).</summary>
    public required IReadOnlyList<IndicatorSet> Indicators { get; init; }

    /// <summary>Their aggregates (<see cref="IndicatorAggregates.Compute"/>).</summary>
    public required IReadOnlyList<AggregateRow> Aggregates { get; init; }

    /// <summary>Completeness and timeliness of returns, and the missing returns (<see cref="Indicators.Completeness.Compute"/>).</summary>
    public required CompletenessResult Completeness { get; init; }

    /// <summary>The quarter the run is as of: the latest quarter shown; later data is ignored.</summary>
    public required Quarter AsOf { get; init; }

    /// <summary>
    /// Optional: the few return fields the indicators do not carry (revenue by source, narrative), for the workshop
    /// pages; one per workshop and quarter (<see cref="SiteReturnExtract.From"/>). When null, a workshop page shows
    /// its own revenue as a whole, and no narrative.
    /// </summary>
    public IReadOnlyList<SiteReturnExtract>? Returns { get; init; }

    /// <summary>Optional: the risk scores of the workshops, one per workshop and quarter; null until the risk step publishes them.</summary>
    public IReadOnlyList<SiteRiskScore>? RiskScores { get; init; }

    /// <summary>Optional: the impact evaluation; null until the evaluation step publishes it.</summary>
    public SiteEvaluation? Evaluation { get; init; }

    /// <summary>Who will read the site: anonymous readers (the default) or signed-in staff (see <see cref="SiteAudience"/>).</summary>
    public SiteAudience Audience { get; init; } = SiteAudience.Public;

    /// <summary>Who publishes the site and when, for the accessibility statement and the personal data page.</summary>
    public SitePublisher Publisher { get; init; } = SitePublisher.Unset;

    /// <summary>
    /// Whether the cohort is simulated (the registry holds the simulator's mark, registry/simulation.json): every page
    /// then says « Données simulées » under its header.
    /// </summary>
    public bool Simulated { get; init; }

    /// <summary>Days after a quarter's end by which its return is on time (<see cref="Settings.ReportingOptions.DeadlineDays"/>), for the method page.</summary>
    public int DeadlineDays { get; init; } = Settings.ReportingOptions.Default.DeadlineDays;

    /// <summary>Quarters after the end of support during which returns are still expected (<see cref="Settings.ReportingOptions.FollowUpQuarters"/>), for the method page.</summary>
    public int FollowUpQuarters { get; init; } = Settings.ReportingOptions.Default.FollowUpQuarters;
}

/// <summary>What the legal pages of the site state about their publisher.</summary>
/// <param name="ContactEmail">Where readers write about accessibility and personal data (<c>QuarterlyRun__ContactEmail</c>), or null when none was set.</param>
/// <param name="UpdatedOn">The day the run built the site: the statement's date of update, or null.</param>
/// <param name="ReportRetentionDays">How long validation reports and kept registry versions are kept (<c>Retention:ReportDays</c>).</param>
public sealed record SitePublisher(string? ContactEmail, DateOnly? UpdatedOn, int ReportRetentionDays)
{
    /// <summary>No contact, no date, the default retention.</summary>
    public static SitePublisher Unset { get; } = new(null, null, Settings.RetentionOptions.Default.ReportDays);
}

/// <summary>Who reads a built site: it decides what the site may hold.</summary>
public enum SiteAudience
{
    /// <summary>
    /// Anyone, anonymously (the storage account's static website): the scheme as a whole, under statistical secrecy
    /// (<see cref="Indicators.StatisticalSecrecy"/>), and the workshops' public facts (name, commune, region, wave,
    /// labelling date). Never one workshop's risk, score, reasons, narratives, coach, figures, submissions or missing returns.
    /// </summary>
    Public,

    /// <summary>Signed-in ministry staff: everything, every workshop's page included. Never published anonymously.</summary>
    SignedIn,
}

/// <summary>A workshop's risk score at one quarter, as the dashboard shows it.</summary>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="Quarter">The quarter the score is computed at (from what is known then).</param>
/// <param name="Level"><see cref="RiskLevels.Green"/>, <see cref="RiskLevels.Amber"/> or <see cref="RiskLevels.Red"/>.</param>
/// <param name="Score">The score, 0 to 1 (a probability of distress within four quarters, or the scorecard's points scaled).</param>
/// <param name="Reasons">The reasons in plain French, most important first (shown as written, HTML-escaped).</param>
public sealed record SiteRiskScore(string WorkshopId, Quarter Quarter, string Level, double Score, IReadOnlyList<string> Reasons);

/// <summary>The impact evaluation, as the national page shows it.</summary>
/// <param name="EventStudy">The event-study curve: quarters since labelling (negative before), the estimated effect and its confidence interval.</param>
/// <param name="OverallAtt">The overall average effect on the treated (ATT).</param>
/// <param name="CiLow">The lower bound of its confidence interval.</param>
/// <param name="CiHigh">The upper bound of its confidence interval.</param>
/// <param name="FrenchReading">A plain French reading of the estimate and its uncertainty (shown as written, HTML-escaped).</param>
public sealed record SiteEvaluation(
    IReadOnlyList<(int EventTime, double Estimate, double CiLow, double CiHigh)> EventStudy,
    double OverallAtt,
    double CiLow,
    double CiHigh,
    string FrenchReading)
{
    /// <summary>What the effect is measured on, in French, for titles and axes (e.g. "effectif salarié").</summary>
    public string OutcomeLabel { get; init; } = "effectif salarié";

    /// <summary>The confidence level of the intervals, e.g. 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;
}

/// <summary>
/// The return fields a workshop page shows that <see cref="IndicatorSet"/> does not carry: own revenue by source,
/// operating subsidies, and the narrative (untrusted text, always HTML-escaped).
/// </summary>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="Quarter">The quarter.</param>
/// <param name="RevenueBySource">The seven revenue_* fields in <see cref="ReturnSchema.OwnRevenueFields"/> order, in euros.</param>
/// <param name="OperatingSubsidies">operating_subsidies, in euros.</param>
/// <param name="Narrative">narrative: highlights and difficulties, or null.</param>
public sealed record SiteReturnExtract(string WorkshopId, Quarter Quarter, IReadOnlyList<decimal> RevenueBySource, decimal OperatingSubsidies, string? Narrative)
{
    /// <summary>The extract of an accepted return.</summary>
    public static SiteReturnExtract From(QuarterlyReturn quarterlyReturn)
    {
        ArgumentNullException.ThrowIfNull(quarterlyReturn);
        return new SiteReturnExtract(
            quarterlyReturn.WorkshopId,
            quarterlyReturn.Quarter,
            [.. ReturnSchema.OwnRevenueFields.Select(f => (decimal)quarterlyReturn.Values[f.Key]!)],
            quarterlyReturn.OperatingSubsidies,
            quarterlyReturn.Narrative);
    }
}
