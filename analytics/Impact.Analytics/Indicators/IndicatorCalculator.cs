using Impact.Analytics.Registry;
using Impact.Analytics.Returns;

namespace Impact.Analytics.Indicators;

/// <summary>
/// Computes the jobs and economic-vitality indicators (<see cref="IndicatorSet"/>) from the current version
/// of each accepted return and the registry. Pure decimal arithmetic: each indicator is computed from the
/// unrounded return values, then rounded once, half away from zero (docs/indicators.md).
/// </summary>
public static class IndicatorCalculator
{
    /// <summary>Decimals of amounts in euros.</summary>
    public const int MoneyDecimals = 2;

    /// <summary>Decimals of ratios, rates, months of runway and jobs per €100k.</summary>
    public const int RatioDecimals = 4;

    /// <summary>The grant unit of <see cref="IndicatorSet.JobsPer100kGrant"/>, in euros.</summary>
    public const decimal GrantUnitEur = 100_000m;

    /// <summary>Months in a quarter: operating expenses are for the quarter, the runway is in months.</summary>
    public const decimal MonthsPerQuarter = 3m;

    /// <summary>
    /// The indicator sets of every return whose workshop is in the registry (the others are skipped), sorted by
    /// workshop identifier (ordinal), then quarter. The year-ago own revenue is looked up in the same list.
    /// </summary>
    /// <param name="currentReturns">One return per workshop and quarter: the newest accepted version.</param>
    /// <param name="registry">The registry of workshops.</param>
    /// <exception cref="ArgumentException">Two returns share a workshop and a quarter.</exception>
    public static IReadOnlyList<IndicatorSet> Compute(IReadOnlyList<QuarterlyReturn> currentReturns, WorkshopRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(currentReturns);
        ArgumentNullException.ThrowIfNull(registry);
        var byKey = new Dictionary<(string WorkshopId, Quarter Quarter), QuarterlyReturn>();
        foreach (var r in currentReturns)
        {
            if (!byKey.TryAdd((r.WorkshopId, r.Quarter), r))
            {
                throw new ArgumentException(
                    $"Two returns for {r.WorkshopId} {r.Quarter}: pass only the current (newest accepted) version of each.", nameof(currentReturns));
            }
        }

        var sets = new List<IndicatorSet>(currentReturns.Count);
        foreach (var r in currentReturns)
        {
            if (registry.Find(r.WorkshopId) is not { } workshop)
            {
                continue;
            }

            var yearAgo = YearAgo(r.Quarter) is { } q ? byKey.GetValueOrDefault((r.WorkshopId, q)) : null;
            sets.Add(Compute(r, workshop, yearAgo));
        }

        return [.. sets.OrderBy(s => s.WorkshopId, StringComparer.Ordinal).ThenBy(s => s.Quarter)];
    }

    /// <summary>The indicator set of one return.</summary>
    /// <param name="current">The current version of the return.</param>
    /// <param name="workshop">Its workshop in the registry.</param>
    /// <param name="yearAgo">The same workshop's return four quarters earlier, or null when there is none.</param>
    /// <exception cref="ArgumentException">The workshop or the year-ago return does not match <paramref name="current"/>.</exception>
    public static IndicatorSet Compute(QuarterlyReturn current, Workshop workshop, QuarterlyReturn? yearAgo)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(workshop);
        if (!string.Equals(current.WorkshopId, workshop.WorkshopId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The return is {current.WorkshopId}'s, the workshop is {workshop.WorkshopId}.", nameof(workshop));
        }

        if (yearAgo is not null
            && (!string.Equals(yearAgo.WorkshopId, current.WorkshopId, StringComparison.Ordinal) || yearAgo.Quarter != YearAgo(current.Quarter)))
        {
            throw new ArgumentException(
                $"The year-ago return is {yearAgo.WorkshopId} {yearAgo.Quarter}; expected {current.WorkshopId} four quarters before {current.Quarter}.", nameof(yearAgo));
        }

        var ownRevenue = current.OwnRevenue;
        var resources = ownRevenue + current.OperatingSubsidies;
        var result = resources - current.OperatingExpenses;
        var totalJobs = current.StaffHeadcount + current.HostedEnterpriseJobs;
        var set = new IndicatorSet
        {
            WorkshopId = workshop.WorkshopId,
            Quarter = current.Quarter,
            Wave = workshop.Wave,
            Region = workshop.Region,
            TerritoryType = workshop.TerritoryType,
            CoachId = workshop.CoachId,
            Status = current.Status,
            QuartersSinceLabelling = current.Quarter.QuartersSince(workshop.LabelledQuarter),
            SupportPhase = current.Quarter <= Quarter.FromDate(workshop.SupportEnd) ? SupportPhase.In : SupportPhase.After,
            OwnRevenue = Money(ownRevenue),
            OperatingSubsidies = Money(current.OperatingSubsidies),
            OwnRevenueShare = OwnRevenueShare(current),
            OperatingResult = Money(result),
            OperatingMargin = OperatingMargin(current),
            CashEnd = Money(current.CashEnd),
            CashRunwayMonths = CashRunwayMonths(current),
            MachineUtilisation = MachineUtilisation(current),
            OccupancyRate = Ratio(current.WorkspaceM2Occupied, current.WorkspaceM2Total),
            StaffHeadcount = current.StaffHeadcount,
            HostedEnterpriseJobs = current.HostedEnterpriseJobs,
            TotalJobs = totalJobs,
            NetJobsCreated = current.JobsCreated - current.JobsLost,
            // total_jobs / (grant_eur / 100000), likewise without the inner division.
            JobsPer100kGrant = Ratio(totalJobs * GrantUnitEur, workshop.GrantEur),
            OwnRevenueYoy = yearAgo is null ? null : OwnRevenueYoy(current, yearAgo),
            VitalityIndex = null,
        };
        return set with { VitalityIndex = VitalityIndex.Compute(VitalityIndex.Components(set, workshop)) };
    }

    // Each ratio below is defined once (docs/indicators.md) and read by the indicator set and by the risk features
    // alike, so that the dashboard and a coach's alert never show two values of one workshop's runway.

    /// <summary>own_revenue / (own_revenue + operating_subsidies), 4 decimals; null when both are 0.</summary>
    public static decimal? OwnRevenueShare(QuarterlyReturn r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Ratio(r.OwnRevenue, r.OwnRevenue + r.OperatingSubsidies);
    }

    /// <summary>(own_revenue + operating_subsidies − operating_expenses) / (own_revenue + operating_subsidies), 4 decimals; null when resources are 0.</summary>
    public static decimal? OperatingMargin(QuarterlyReturn r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var resources = r.OwnRevenue + r.OperatingSubsidies;
        return Ratio(resources - r.OperatingExpenses, resources);
    }

    /// <summary>Months of the quarter's operating expenses that cash_end covers: cash_end / (operating_expenses / 3), 4 decimals; null without expenses.</summary>
    public static decimal? CashRunwayMonths(QuarterlyReturn r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return MonthsOfExpenses(r.CashEnd, r);
    }

    /// <summary>
    /// Months of <paramref name="r"/>'s operating expenses that <paramref name="amount"/> covers: amount / (operating_expenses / 3),
    /// written without the inner division so that it stays exact; 4 decimals; null without expenses.
    /// </summary>
    public static decimal? MonthsOfExpenses(decimal amount, QuarterlyReturn r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Ratio(amount * MonthsPerQuarter, r.OperatingExpenses);
    }

    /// <summary>machine_hours_booked / machine_hours_available, 4 decimals; null when no hours are available.</summary>
    public static decimal? MachineUtilisation(QuarterlyReturn r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Ratio(r.MachineHoursBooked, r.MachineHoursAvailable);
    }

    /// <summary>(own_revenue − own_revenue a year ago) / own_revenue a year ago, 4 decimals; null when the earlier one is 0.</summary>
    public static decimal? OwnRevenueYoy(QuarterlyReturn current, QuarterlyReturn yearAgo)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(yearAgo);
        return Ratio(current.OwnRevenue - yearAgo.OwnRevenue, yearAgo.OwnRevenue);
    }

    /// <summary>The quarter four quarters earlier, or null before the first quarter a <see cref="Quarter"/> can hold.</summary>
    private static Quarter? YearAgo(Quarter quarter) =>
        quarter.Year > Quarter.MinYear ? quarter.AddQuarters(-4) : null;

    private static decimal Money(decimal value) => Math.Round(value, MoneyDecimals, MidpointRounding.AwayFromZero);

    /// <summary>numerator / denominator rounded to <see cref="RatioDecimals"/>; null when the denominator is 0.</summary>
    private static decimal? Ratio(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : Math.Round(numerator / denominator, RatioDecimals, MidpointRounding.AwayFromZero);
}
