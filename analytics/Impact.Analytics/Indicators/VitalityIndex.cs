using Impact.Analytics.Registry;

namespace Impact.Analytics.Indicators;

/// <summary>
/// The six normalised components of the vitality index, each in [0, 1] (1 = healthy), or null when the
/// indicator behind it has no value (or, for jobs, when the workshop has no job target). Kept apart from the
/// index so that a reader (a coach, the risk step) can see which component pulls the index down.
/// </summary>
/// <param name="OwnRevenueShare">own_revenue_share / target_own_revenue_share (plain share when the target is 0), clipped.</param>
/// <param name="OperatingMargin">operating_margin mapped linearly from [−0.5, +0.2] to [0, 1], clipped.</param>
/// <param name="CashRunway">cash_runway_months / 6, clipped.</param>
/// <param name="Jobs">total_jobs / target_jobs, clipped; null when target_jobs is 0.</param>
/// <param name="MachineUtilisation">machine_utilisation, clipped.</param>
/// <param name="Occupancy">occupancy_rate, clipped.</param>
public sealed record VitalityComponents(
    decimal? OwnRevenueShare,
    decimal? OperatingMargin,
    decimal? CashRunway,
    decimal? Jobs,
    decimal? MachineUtilisation,
    decimal? Occupancy);

/// <summary>
/// The economic vitality index, 0 to 100: a weighted mean of six normalised components
/// (<see cref="VitalityComponents"/>), times 100, rounded to one decimal half away from zero. A component
/// without a value is dropped and the remaining weights are renormalised (divided by their sum), so a
/// workshop is never penalised for a figure that has no meaning for it (no machines, no premises, no target).
/// The weights follow the durability signals DOMAIN.md names; docs/indicators.md gives the rationale.
/// Every weight and bound lives here, once.
/// </summary>
public static class VitalityIndex
{
    /// <summary>
    /// Weight of the own-revenue share (0.25, the largest): "a move from grants to selling services" is a
    /// durability signal the scheme names itself; it is measured against the workshop's own target.
    /// </summary>
    public const decimal OwnRevenueShareWeight = 0.25m;

    /// <summary>Weight of the operating margin (0.20): a deficit is what closes a third place (30% of them ran one in 2019).</summary>
    public const decimal OperatingMarginWeight = 0.20m;

    /// <summary>Weight of the cash runway (0.20): distress is defined by cash covering under one month of expenses.</summary>
    public const decimal CashRunwayWeight = 0.20m;

    /// <summary>Weight of jobs against the target (0.15): jobs are what the ministry steers and reports upward.</summary>
    public const decimal JobsWeight = 0.15m;

    /// <summary>Weight of machine utilisation (0.10): shared machinery is the core service and a source of own revenue.</summary>
    public const decimal MachineUtilisationWeight = 0.10m;

    /// <summary>Weight of premises occupancy (0.10): hosted craftspeople and small firms bring rent and local activity.</summary>
    public const decimal OccupancyWeight = 0.10m;

    /// <summary>Operating margin that scores 0: losing half of the resources in a quarter.</summary>
    public const decimal MarginFloor = -0.5m;

    /// <summary>Operating margin that scores 1: a surplus of 20% of resources; break-even (0) scores 0.5 / 0.7 ≈ 0.714.</summary>
    public const decimal MarginCeiling = 0.2m;

    /// <summary>Months of expenses covered by cash that score 1: two quarters of reserve (six times the distress threshold).</summary>
    public const decimal FullRunwayMonths = 6m;

    /// <summary>Decimals of the published index.</summary>
    public const int Decimals = 1;

    /// <summary>
    /// The normalised components of <paramref name="set"/> (its <see cref="IndicatorSet.VitalityIndex"/> is
    /// ignored), using the targets of <paramref name="workshop"/>.
    /// </summary>
    public static VitalityComponents Components(IndicatorSet set, Workshop workshop)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(workshop);
        var share = set.OwnRevenueShare is { } s
            ? Clip(workshop.TargetOwnRevenueShare > 0 ? s / workshop.TargetOwnRevenueShare : s)
            : (decimal?)null;
        var margin = set.OperatingMargin is { } m ? Clip((m - MarginFloor) / (MarginCeiling - MarginFloor)) : (decimal?)null;
        var runway = set.CashRunwayMonths is { } r ? Clip(r / FullRunwayMonths) : (decimal?)null;
        var jobs = workshop.TargetJobs > 0 ? Clip((decimal)set.TotalJobs / workshop.TargetJobs) : (decimal?)null;
        return new VitalityComponents(share, margin, runway, jobs, Clip(set.MachineUtilisation), Clip(set.OccupancyRate));
    }

    /// <summary>
    /// round(100 × Σ wᵢ·cᵢ / Σ wᵢ, 1) over the components that have a value; null when none has.
    /// </summary>
    public static decimal? Compute(VitalityComponents components)
    {
        ArgumentNullException.ThrowIfNull(components);
        (decimal? Value, decimal Weight)[] weighted =
        [
            (components.OwnRevenueShare, OwnRevenueShareWeight),
            (components.OperatingMargin, OperatingMarginWeight),
            (components.CashRunway, CashRunwayWeight),
            (components.Jobs, JobsWeight),
            (components.MachineUtilisation, MachineUtilisationWeight),
            (components.Occupancy, OccupancyWeight),
        ];
        var sum = 0m;
        var weights = 0m;
        foreach (var (value, weight) in weighted)
        {
            if (value is { } v)
            {
                sum += weight * v;
                weights += weight;
            }
        }

        return weights == 0 ? null : Math.Round(100m * sum / weights, Decimals, MidpointRounding.AwayFromZero);
    }

    private static decimal? Clip(decimal? value) => value is { } v ? Clip(v) : null;

    private static decimal Clip(decimal value) => Math.Clamp(value, 0m, 1m);
}
