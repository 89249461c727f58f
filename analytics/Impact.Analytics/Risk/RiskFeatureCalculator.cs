using Impact.Analytics.Returns;
using Impact.Analytics.Indicators;

namespace Impact.Analytics.Risk;

/// <summary>
/// Computes <see cref="RiskFeatures"/> from a workshop's history as it was known at a quarter: only returns, uploads
/// and outcomes of that quarter or earlier are read, so a feature never leaks what happened later (a test truncates the
/// history after the quarter and finds the same features). Pure double arithmetic from the returns' exact values.
/// </summary>
public static class RiskFeatureCalculator
{
    /// <summary>Quarters looked back for trends and counts: the quarter itself and the three before.</summary>
    public const int WindowQuarters = 4;

    /// <summary>The features of <paramref name="history"/> known at <paramref name="quarter"/>.</summary>
    public static RiskFeatures Compute(WorkshopHistory history, Quarter quarter, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var workshop = history.Workshop;
        var latest = history.LatestReturn(quarter);
        var yearAgo = latest is not null && latest.Quarter.Year > Quarter.MinYear ? history.ReturnAt(latest.Quarter.AddQuarters(-4)) : null;
        var window = history.Returns
            .Where(r => r.Quarter <= quarter && r.Quarter.QuartersSince(quarter) > -WindowQuarters)
            .OrderBy(r => r.Quarter)
            .ToList();

        return new RiskFeatures
        {
            WorkshopId = workshop.WorkshopId,
            Quarter = quarter,
            Wave = workshop.Wave,
            TerritoryType = workshop.TerritoryType,
            ReturnMissing = history.ReturnAt(quarter) is null,
            OwnRevenue = latest is null ? null : (double)latest.OwnRevenue,
            OwnRevenueSlope = RelativeSlope([.. window.Select(r => (r.Quarter.Index, (double)r.OwnRevenue))]),
            // The ratios are the indicators' own (IndicatorCalculator), so that a reason and the dashboard never disagree.
            OwnRevenueYoy = latest is not null && yearAgo is not null ? Double(IndicatorCalculator.OwnRevenueYoy(latest, yearAgo)) : null,
            OwnRevenueYoyTrend = Slope([.. window
                .Select(r => (r.Quarter.Index, Year: history.ReturnAt(r.Quarter.AddQuarters(-4)) is { } before ? IndicatorCalculator.OwnRevenueYoy(r, before) : null))
                .Where(p => p.Year is not null)
                .Select(p => (p.Index, (double)p.Year!.Value))]),
            OwnRevenueShare = latest is null ? null : Double(IndicatorCalculator.OwnRevenueShare(latest)),
            OwnRevenueShareChange = latest is not null && yearAgo is not null
                && IndicatorCalculator.OwnRevenueShare(latest) is { } now && IndicatorCalculator.OwnRevenueShare(yearAgo) is { } before
                ? (double)(now - before)
                : null,
            CashRunwayMonths = latest is null ? null : Double(IndicatorCalculator.CashRunwayMonths(latest)),
            CashRunwayTrend = Slope([.. window.Select(r => (r.Quarter.Index, IndicatorCalculator.CashRunwayMonths(r))).Where(p => p.Item2 is not null).Select(p => (p.Index, (double)p.Item2!.Value))]),
            RunwayInAYearMonths = latest is null
                ? null
                : Double(IndicatorCalculator.MonthsOfExpenses(latest.CashEnd + (4 * (latest.OwnRevenue + latest.OperatingSubsidies - latest.OperatingExpenses)), latest)),
            InvestmentGrantMonths = latest is null ? null : Double(IndicatorCalculator.MonthsOfExpenses(latest.InvestmentGrantReceived, latest)),
            OperatingMargin = latest is null ? null : Double(IndicatorCalculator.OperatingMargin(latest)),
            MachineUtilisation = latest is null ? null : Double(IndicatorCalculator.MachineUtilisation(latest)),
            MachineUtilisationTrend = Slope([.. window.Select(r => (r.Quarter.Index, IndicatorCalculator.MachineUtilisation(r))).Where(p => p.Item2 is not null).Select(p => (p.Index, (double)p.Item2!.Value))]),
            HostedEnterprisesChange = latest is not null && yearAgo is not null ? latest.HostedEnterprises - yearAgo.HostedEnterprises : null,
            NetJobsCreated = window.Sum(r => r.JobsCreated - r.JobsLost),
            StaffHeadcountChange = latest is not null && yearAgo is not null ? latest.StaffHeadcount - yearAgo.StaffHeadcount : null,
            PremisesStatus = latest?.PremisesStatus,
            LeaseEndsWithin12Months = latest is not null
                && !string.Equals(latest.PremisesStatus, PremisesStatuses.Owned, StringComparison.Ordinal)
                && latest.LeaseEnd is { } end && end <= quarter.LastDay.AddMonths(12),
            LocalAuthorityPartner = latest?.LocalAuthorityPartner,
            LateOrMissingReturns = LateOrMissing(history, quarter, countLate: true),
            MissedReturnCount = LateOrMissing(history, quarter, countLate: false),
            DistressQuarters = Enumerable.Range(0, WindowQuarters)
                .Count(k => quarter.Index - k >= workshop.LabelledQuarter.Index && DistressLabels.InDistress(history, quarter.AddQuarters(-k), options)),
            QuartersSinceLabelling = quarter.QuartersSince(workshop.LabelledQuarter),
            MinistryDistress = history.MinistryDistress(quarter),
        };
    }

    /// <summary>The features of every workshop active at <paramref name="quarter"/> (<see cref="DistressLabels.IsActive"/>), in the order given.</summary>
    public static IReadOnlyList<RiskFeatures> ComputeActive(IReadOnlyList<WorkshopHistory> histories, Quarter quarter, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(histories);
        return [.. histories.Where(h => DistressLabels.IsActive(h, quarter)).Select(h => Compute(h, quarter, options))];
    }

    private static double? Double(decimal? value) => value is { } v ? (double)v : null;

    /// <summary>
    /// Expected returns of the window that are missing (no accepted upload) or, when <paramref name="countLate"/>, were first
    /// accepted after the deadline; a return whose receipt time is unknown (<see cref="ReceivedReturn.TimeKnown"/>) is never late.
    /// </summary>
    private static double LateOrMissing(WorkshopHistory history, Quarter quarter, bool countLate)
    {
        var count = 0;
        for (var k = 0; k < WindowQuarters && quarter.Index - k >= Quarter.MinYear * 4; k++)
        {
            var q = quarter.AddQuarters(-k);
            if (!history.ExpectsReturn(q))
            {
                continue;
            }

            if (history.FirstAcceptedUpload(q) is not { } first
                || (countLate && first.TimeKnown && first.ReceivedAt >= history.Reporting.DeadlineInstant(q)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The least-squares slope of y over x (per quarter); null with fewer than two points.</summary>
    internal static double? Slope(IReadOnlyList<(int X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var meanX = points.Average(p => (double)p.X);
        var meanY = points.Average(p => p.Y);
        var sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return sxy / sxx;
    }

    /// <summary>The least-squares slope divided by the mean of y; null with fewer than two points or a mean that is not positive.</summary>
    private static double? RelativeSlope(IReadOnlyList<(int X, double Y)> points)
    {
        if (Slope(points) is not { } slope)
        {
            return null;
        }

        var mean = points.Average(p => p.Y);
        return mean > 0 ? slope / mean : null;
    }
}
