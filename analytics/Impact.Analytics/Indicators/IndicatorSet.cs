using Impact.Analytics.Registry;

namespace Impact.Analytics.Indicators;

/// <summary>
/// The jobs and economic-vitality indicators of one workshop for one quarter (issue "Step 2: jobs and
/// economic-vitality indicators"): one row of <c>indicators/indicators.csv</c>, built by
/// <see cref="IndicatorCalculator"/>. Identifying columns come from the registry and the return; every
/// indicator is a decimal computed exactly, then rounded half away from zero: money to
/// <see cref="IndicatorCalculator.MoneyDecimals"/> decimals (euros), ratios, rates, months and jobs per
/// €100k to <see cref="IndicatorCalculator.RatioDecimals"/>, the vitality index to
/// <see cref="Indicators.VitalityIndex.Decimals"/>. Null means "no value" (a zero denominator, no year-ago
/// return) and is an empty cell in CSV. docs/indicators.md defines each one.
/// </summary>
public sealed record IndicatorSet
{
    /// <summary><c>workshop_id</c>: the registry identifier.</summary>
    public required string WorkshopId { get; init; }

    /// <summary><c>quarter</c>: the calendar quarter of the return.</summary>
    public required Quarter Quarter { get; init; }

    /// <summary><c>wave</c>: the labelling wave (registry).</summary>
    public required int Wave { get; init; }

    /// <summary><c>region</c>: the region (registry).</summary>
    public required string Region { get; init; }

    /// <summary><c>territory_type</c>: written with its registry key (rural, qpv, small_town, urban).</summary>
    public required TerritoryType TerritoryType { get; init; }

    /// <summary><c>coach_id</c>: the support coach (registry).</summary>
    public required string CoachId { get; init; }

    /// <summary><c>status</c>: active, suspended or closed, as the workshop declared it in the return.</summary>
    public required string Status { get; init; }

    /// <summary><c>quarters_since_labelling</c>: quarters since the quarter of labelling (0 = that quarter).</summary>
    public required int QuartersSinceLabelling { get; init; }

    /// <summary><c>support_phase</c>: in while the quarter is on or before the quarter of support_end, else after.</summary>
    public required SupportPhase SupportPhase { get; init; }

    /// <summary><c>own_revenue</c>, €: the sum of the seven revenue_* fields of the quarter.</summary>
    public required decimal OwnRevenue { get; init; }

    /// <summary><c>operating_subsidies</c>, €: operating grants received in the quarter (raw value of the return).</summary>
    public required decimal OperatingSubsidies { get; init; }

    /// <summary><c>own_revenue_share</c>: own_revenue / (own_revenue + operating_subsidies); null when that sum is 0.</summary>
    public required decimal? OwnRevenueShare { get; init; }

    /// <summary><c>operating_result</c>, €: own_revenue + operating_subsidies − operating_expenses.</summary>
    public required decimal OperatingResult { get; init; }

    /// <summary><c>operating_margin</c>: operating_result / (own_revenue + operating_subsidies); null when that sum is 0.</summary>
    public required decimal? OperatingMargin { get; init; }

    /// <summary><c>cash_end</c>, €: cash at the end of the quarter, negative for an overdraft (raw value of the return).</summary>
    public required decimal CashEnd { get; init; }

    /// <summary><c>cash_runway_months</c>, months: cash_end / (operating_expenses / 3); null when expenses are 0.</summary>
    public required decimal? CashRunwayMonths { get; init; }

    /// <summary><c>machine_utilisation</c>: machine_hours_booked / machine_hours_available; null when none are available.</summary>
    public required decimal? MachineUtilisation { get; init; }

    /// <summary><c>occupancy_rate</c>: workspace_m2_occupied / workspace_m2_total; null when the total is 0.</summary>
    public required decimal? OccupancyRate { get; init; }

    /// <summary><c>staff_headcount</c>, people: salaried staff of the managing structure (raw value of the return).</summary>
    public required int StaffHeadcount { get; init; }

    /// <summary><c>hosted_enterprise_jobs</c>, jobs: jobs of the hosted enterprises (raw value of the return).</summary>
    public required int HostedEnterpriseJobs { get; init; }

    /// <summary><c>total_jobs</c>, jobs: staff_headcount + hosted_enterprise_jobs.</summary>
    public required int TotalJobs { get; init; }

    /// <summary><c>net_jobs_created</c>, jobs: jobs_created − jobs_lost in the quarter.</summary>
    public required int NetJobsCreated { get; init; }

    /// <summary><c>jobs_per_100k_grant</c>, jobs per €100,000 of state aid: total_jobs / (grant_eur / 100000); null when the grant is 0.</summary>
    public required decimal? JobsPer100kGrant { get; init; }

    /// <summary><c>own_revenue_yoy</c>: own_revenue / own_revenue four quarters earlier − 1; null without that return or when it is 0.</summary>
    public required decimal? OwnRevenueYoy { get; init; }

    /// <summary><c>vitality_index</c>, 0 to 100: see <see cref="Indicators.VitalityIndex"/>; null when no component has a value.</summary>
    public required decimal? VitalityIndex { get; init; }

    /// <summary>
    /// The cells of this set's row of indicators.csv, keyed by <see cref="IndicatorCsv.Columns"/> (invariant text,
    /// null for an empty cell): a lossless property bag for stores that hold no decimal type.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ToColumns() =>
        IndicatorCsv.Table.ToDictionary(c => c.Key, c => c.Cell(this), StringComparer.Ordinal);
}
