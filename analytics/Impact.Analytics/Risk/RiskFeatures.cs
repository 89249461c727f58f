using Impact.Analytics.Registry;

namespace Impact.Analytics.Risk;

/// <summary>
/// What was known about one workshop at one quarter, as risk scoring reads it: built by
/// <see cref="RiskFeatureCalculator.Compute"/> from the history up to that quarter only (never a later return, upload
/// or outcome). Values are as measured: null means "no value" (no return yet, a zero denominator, no return a year
/// earlier); the model's imputation of nulls is in <see cref="RiskFeatureCatalog"/>. Figures come from the latest
/// return at or before the quarter (<see cref="ReturnMissing"/> says when that is an earlier quarter's).
/// docs/risk-model.md defines each one.
/// </summary>
public sealed record RiskFeatures
{
    /// <summary>The workshop.</summary>
    public required string WorkshopId { get; init; }

    /// <summary>The quarter the features are known at.</summary>
    public required Quarter Quarter { get; init; }

    /// <summary>The labelling wave (registry): peers are the workshops of the same wave.</summary>
    public required int Wave { get; init; }

    /// <summary>The territory type (registry).</summary>
    public required TerritoryType TerritoryType { get; init; }

    /// <summary>No return accepted for the quarter itself (figures are then those of the latest earlier return).</summary>
    public required bool ReturnMissing { get; init; }

    /// <summary>Own revenue of the latest return, € for its quarter.</summary>
    public required double? OwnRevenue { get; init; }

    /// <summary>
    /// Trend of own revenue, as a share of its mean per quarter: the least-squares slope of own revenue over the returns of
    /// the last four quarters (the quarter and the three before; at least two returns), divided by their mean (&gt; 0).
    /// </summary>
    public required double? OwnRevenueSlope { get; init; }

    /// <summary>Year-on-year change of own revenue: own revenue of the latest return / that of four quarters before it − 1 (earlier one &gt; 0).</summary>
    public required double? OwnRevenueYoy { get; init; }

    /// <summary>
    /// Least-squares slope, per quarter, of the year-on-year change of own revenue over the window's returns that have a
    /// return 4 quarters before (at least 2); null with fewer.
    /// </summary>
    public required double? OwnRevenueYoyTrend { get; init; }

    /// <summary>Own-revenue share of the latest return: own_revenue / (own_revenue + operating_subsidies).</summary>
    public required double? OwnRevenueShare { get; init; }

    /// <summary>Change of the own-revenue share over four quarters (the latest return's minus that of four quarters before it), in share points (0.1 = 10 points).</summary>
    public required double? OwnRevenueShareChange { get; init; }

    /// <summary>Cash runway of the latest return, months: cash_end / (operating_expenses / 3); negative with an overdraft.</summary>
    public required double? CashRunwayMonths { get; init; }

    /// <summary>
    /// Trend of the cash runway: least-squares slope of cash_end / (operating_expenses / 3) over the returns of the last
    /// four quarters, months per quarter.
    /// </summary>
    public required double? CashRunwayTrend { get; init; }

    /// <summary>
    /// The runway a year ahead if the latest quarter's operating result repeated four times, months:
    /// (cash_end + 4 × operating_result) / (operating_expenses / 3). Negative: the cash would be gone within the year.
    /// </summary>
    public required double? RunwayInAYearMonths { get; init; }

    /// <summary>
    /// Investment aid received in the latest return's quarter, in months of its operating expenses:
    /// investment_grant_received / (operating_expenses / 3). Earmarked for machines, it inflates the cash of that quarter.
    /// </summary>
    public required double? InvestmentGrantMonths { get; init; }

    /// <summary>Operating margin of the latest return: (own_revenue + operating_subsidies − operating_expenses) / (own_revenue + operating_subsidies).</summary>
    public required double? OperatingMargin { get; init; }

    /// <summary>Machine utilisation of the latest return: machine_hours_booked / machine_hours_available.</summary>
    public required double? MachineUtilisation { get; init; }

    /// <summary>Trend of machine utilisation: least-squares slope over the returns of the last four quarters, per quarter (0.05 = 5 points a quarter).</summary>
    public required double? MachineUtilisationTrend { get; init; }

    /// <summary>Hosted-enterprise churn: hosted_enterprises of the latest return minus that of four quarters before it.</summary>
    public required double? HostedEnterprisesChange { get; init; }

    /// <summary>Net jobs created over the last four quarters: the sum of jobs_created − jobs_lost of their returns (0 without any).</summary>
    public required double NetJobsCreated { get; init; }

    /// <summary>Headcount change: staff_headcount of the latest return minus that of four quarters before it.</summary>
    public required double? StaffHeadcountChange { get; init; }

    /// <summary>Premises status of the latest return: owned, local_authority_provided, leased, temporary_agreement or none.</summary>
    public required string? PremisesStatus { get; init; }

    /// <summary>The lease or occupancy agreement of the latest return ends (or has ended) by 12 months after the quarter's last day.</summary>
    public required bool LeaseEndsWithin12Months { get; init; }

    /// <summary>A local authority is a partner (latest return); null without any return.</summary>
    public required bool? LocalAuthorityPartner { get; init; }

    /// <summary>Returns of the last four quarters (the quarter and the three before) that were expected and are missing or were accepted late.</summary>
    public required double LateOrMissingReturns { get; init; }

    /// <summary>Expected returns of the window with no accepted upload (0 to 4): the missed-returns mechanics of distress, without lateness.</summary>
    public required double MissedReturnCount { get; init; }

    /// <summary>
    /// Quarters of the last four (the quarter and the three before) in which the workshop was in distress by the label's
    /// definition (<see cref="DistressLabels.Conditions"/>), each judged on what was known at the quarter.
    /// </summary>
    public required double DistressQuarters { get; init; }

    /// <summary>Quarters since the quarter of labelling (0 in that quarter).</summary>
    public required double QuartersSinceLabelling { get; init; }

    /// <summary>The ministry's recorded distress is open at the quarter (recorded at or before it, no recovery since).</summary>
    public required bool MinistryDistress { get; init; }
}
