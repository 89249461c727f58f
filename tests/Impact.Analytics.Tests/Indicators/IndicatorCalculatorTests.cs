using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using static Impact.Analytics.Tests.Indicators.IndicatorSamples;

namespace Impact.Analytics.Tests.Indicators;

public sealed class IndicatorCalculatorTests
{
    private static IReadOnlyList<IndicatorSet> ComputeAll() =>
        IndicatorCalculator.Compute([Mp002Q3Of2024(), Mp001Q3Of2024(), Mp002Q3Of2023(), Mp001Q3Of2023()], Workshops());

    private static IndicatorSet Find(IReadOnlyList<IndicatorSet> sets, string workshopId, string quarter) =>
        Assert.Single(sets, s => s.WorkshopId == workshopId && s.Quarter == Quarter.Parse(quarter));

    [Fact]
    public void Compute_EveryIndicatorOfAReturnByHand()
    {
        var a1 = Find(ComputeAll(), "MP-002", "2024-Q3");

        Assert.Equal("MP-002", a1.WorkshopId);
        Assert.Equal(new Quarter(2024, 3), a1.Quarter);
        Assert.Equal(3, a1.Wave);
        Assert.Equal("Hauts-de-France", a1.Region);
        Assert.Equal(TerritoryType.Qpv, a1.TerritoryType);
        Assert.Equal("C-02", a1.CoachId);
        Assert.Equal("active", a1.Status);
        // Labelled 2022-07-12, so quarter 0 is 2022-Q3; 2024-Q3 is 8 quarters later.
        Assert.Equal(8, a1.QuartersSinceLabelling);
        // Support ends 2025-01-31, in 2025-Q1; 2024-Q3 <= 2025-Q1.
        Assert.Equal(SupportPhase.In, a1.SupportPhase);
        // 10000 + 5000 + 4000 + 12000 + 2000 + 1000 + 1000
        Assert.Equal(35000m, a1.OwnRevenue);
        Assert.Equal(15000m, a1.OperatingSubsidies);
        // 35000 / (35000 + 15000)
        Assert.Equal(0.7m, a1.OwnRevenueShare);
        // 35000 + 15000 - 45000
        Assert.Equal(5000m, a1.OperatingResult);
        // 5000 / 50000
        Assert.Equal(0.1m, a1.OperatingMargin);
        Assert.Equal(30000m, a1.CashEnd);
        // 30000 / (45000 / 3) = 30000 / 15000
        Assert.Equal(2m, a1.CashRunwayMonths);
        // 700 / 1000
        Assert.Equal(0.7m, a1.MachineUtilisation);
        // 800 / 1000
        Assert.Equal(0.8m, a1.OccupancyRate);
        Assert.Equal(6, a1.StaffHeadcount);
        Assert.Equal(14, a1.HostedEnterpriseJobs);
        // 6 + 14
        Assert.Equal(20, a1.TotalJobs);
        // 2 - 1
        Assert.Equal(1, a1.NetJobsCreated);
        // 20 / (280000 / 100000) = 20 / 2.8 = 7.142857… -> 7.1429
        Assert.Equal(7.1429m, a1.JobsPer100kGrant);
        // 35000 / 28000 - 1 (2023-Q3 had services 5000 instead of 12000)
        Assert.Equal(0.25m, a1.OwnRevenueYoy);
        // Components: share 0.7 / 0.5 -> 1; margin (0.1 + 0.5) / 0.7 = 0.857143; runway 2 / 6 = 0.333333;
        // jobs 20 / 10 -> 1; utilisation 0.7; occupancy 0.8.
        // 0.25×1 + 0.20×0.857143 + 0.20×0.333333 + 0.15×1 + 0.10×0.7 + 0.10×0.8 = 0.788095 -> 78.8
        Assert.Equal(78.8m, a1.VitalityIndex);
    }

    [Fact]
    public void Compute_EmptyCasesAreNull()
    {
        var b = Find(ComputeAll(), "MP-001", "2024-Q3");

        Assert.Equal(0m, b.OwnRevenue);
        Assert.Equal(0m, b.OperatingSubsidies);
        // own_revenue + operating_subsidies = 0: no share, no margin.
        Assert.Null(b.OwnRevenueShare);
        Assert.Null(b.OperatingMargin);
        // 0 + 0 - 0
        Assert.Equal(0m, b.OperatingResult);
        Assert.Equal(-500m, b.CashEnd);
        // No expenses: no runway.
        Assert.Null(b.CashRunwayMonths);
        // 1 / 20000 = 0.00005 -> 0.0001 (half away from zero)
        Assert.Equal(0.0001m, b.MachineUtilisation);
        // 250 / 1000
        Assert.Equal(0.25m, b.OccupancyRate);
        // 3 + 0; 0 - 2
        Assert.Equal(3, b.TotalJobs);
        Assert.Equal(-2, b.NetJobsCreated);
        // MP-001 has no grant in this registry.
        Assert.Null(b.JobsPer100kGrant);
        // 2023-Q3 own revenue was 0.
        Assert.Null(b.OwnRevenueYoy);
        // Only utilisation and occupancy remain (no share, margin, runway; no job target):
        // (0.10×0.0001 + 0.10×0.25) / 0.20 = 0.12505 -> 12.505 -> 12.5
        Assert.Equal(12.5m, b.VitalityIndex);
    }

    [Fact]
    public void Compute_RenormalisesTheIndexWhenTheJobTargetIsMissing()
    {
        var b0 = Find(ComputeAll(), "MP-001", "2023-Q3");

        // 0 / (0 + 20000)
        Assert.Equal(0m, b0.OwnRevenueShare);
        // (0 + 20000 - 18000) / 20000
        Assert.Equal(0.1m, b0.OperatingMargin);
        // 30000 / (18000 / 3)
        Assert.Equal(5m, b0.CashRunwayMonths);
        // Components: share 0 / 0.55 = 0; margin 0.857143; runway 5 / 6 = 0.833333; jobs none (target 0);
        // utilisation 0.7; occupancy 0.8. Weights left: 0.25 + 0.20 + 0.20 + 0.10 + 0.10 = 0.85.
        // (0 + 0.171429 + 0.166667 + 0.07 + 0.08) / 0.85 = 0.574230 -> 57.4
        Assert.Equal(57.4m, b0.VitalityIndex);
    }

    [Fact]
    public void Compute_OwnRevenueYoyIsNullWithoutTheReturnFourQuartersEarlier()
    {
        var sets = IndicatorCalculator.Compute([Mp002Q3Of2024(), Mp002Q3Of2023(), Return("MP-002", "2024-Q2")], Workshops());

        // 2023-Q3: no 2022-Q3 return.
        Assert.Null(Find(sets, "MP-002", "2023-Q3").OwnRevenueYoy);
        // 2024-Q2: no 2023-Q2 return (2023-Q3 is not four quarters earlier).
        Assert.Null(Find(sets, "MP-002", "2024-Q2").OwnRevenueYoy);
        Assert.Equal(0.25m, Find(sets, "MP-002", "2024-Q3").OwnRevenueYoy);
        // 2023-Q3: share 28000 / 43000 = 0.651163 -> 0.6512; margin -2000 / 43000 = -0.046512 -> -0.0465.
        Assert.Equal(0.6512m, Find(sets, "MP-002", "2023-Q3").OwnRevenueShare);
        Assert.Equal(-0.0465m, Find(sets, "MP-002", "2023-Q3").OperatingMargin);
        // 25 + 20×(−0.0465 + 0.5)/0.7 + 20×2/6 + 15 + 7 + 8 = 74.6238 -> 74.6
        Assert.Equal(74.6m, Find(sets, "MP-002", "2023-Q3").VitalityIndex);
    }

    [Fact]
    public void Compute_SortsByWorkshopThenQuarterAndSkipsWorkshopsOutsideTheRegistry()
    {
        var sets = IndicatorCalculator.Compute(
            [Mp002Q3Of2024(), Return("MP-999", "2024-Q3"), Mp001Q3Of2024(), Mp002Q3Of2023(), Mp001Q3Of2023()], Workshops());

        Assert.Equal(
            ["MP-001 2023-Q3", "MP-001 2024-Q3", "MP-002 2023-Q3", "MP-002 2024-Q3"],
            sets.Select(s => $"{s.WorkshopId} {s.Quarter}"));
    }

    [Fact]
    public void Compute_RefusesTwoReturnsForOneWorkshopAndQuarter()
    {
        var ex = Assert.Throws<ArgumentException>(() => IndicatorCalculator.Compute([Mp002Q3Of2024(), Mp002Q3Of2024()], Workshops()));
        Assert.Equal("currentReturns", ex.ParamName);
    }

    [Fact]
    public void Compute_SupportPhaseTurnsToAfterOnceTheQuarterOfSupportEndHasPassed()
    {
        // MP-001's support ends 2024-06-30, in 2024-Q2.
        var sets = IndicatorCalculator.Compute([Return("MP-001", "2024-Q2"), Return("MP-001", "2024-Q3")], Workshops());

        Assert.Equal(SupportPhase.In, Find(sets, "MP-001", "2024-Q2").SupportPhase);
        Assert.Equal(SupportPhase.After, Find(sets, "MP-001", "2024-Q3").SupportPhase);
        // Quarter 0 is 2021-Q4: 2024-Q2 is 10 quarters later, 2024-Q3 11.
        Assert.Equal(10, Find(sets, "MP-001", "2024-Q2").QuartersSinceLabelling);
        Assert.Equal(11, Find(sets, "MP-001", "2024-Q3").QuartersSinceLabelling);
    }

    [Fact]
    public void Compute_QuartersSinceLabellingIsZeroInTheQuarterOfLabelling()
    {
        // MP-001 was labelled on 2021-12-14: 2021-Q4 is quarter 0, 2022-Q1 quarter 1.
        var sets = IndicatorCalculator.Compute([Return("MP-001", "2022-Q1"), Return("MP-001", "2021-Q4")], Workshops());

        Assert.Equal([0, 1], sets.Select(s => s.QuartersSinceLabelling));
    }

    [Fact]
    public void Compute_RoundsHalfAwayFromZero()
    {
        // Own revenue 35000.005 -> 35000.01 (money, 2 decimals);
        // runway -1 / (60000 / 3) = -0.00005 -> -0.0001 (ratio, 4 decimals; half to even would give 0).
        var set = IndicatorCalculator.Compute(
            [Return("MP-002", "2024-Q3", ("revenue_other", "1000.005"), ("cash_end", "-1"), ("operating_expenses", "60000"))], Workshops())[0];

        Assert.Equal(35000.01m, set.OwnRevenue);
        Assert.Equal(-0.0001m, set.CashRunwayMonths);
    }

    [Fact]
    public void Compute_OneReturnChecksItsYearAgoReturn()
    {
        var ex = Assert.Throws<ArgumentException>(() => IndicatorCalculator.Compute(Mp002Q3Of2024(), Mp002(), Return("MP-002", "2024-Q2")));
        Assert.Equal("yearAgo", ex.ParamName);
        Assert.Throws<ArgumentException>(() => IndicatorCalculator.Compute(Mp002Q3Of2024(), Mp001(), null));
        Assert.Equal(0.25m, IndicatorCalculator.Compute(Mp002Q3Of2024(), Mp002(), Mp002Q3Of2023()).OwnRevenueYoy);
    }
}
