using Impact.Analytics.Indicators;
using static Impact.Analytics.Tests.Indicators.IndicatorSamples;

namespace Impact.Analytics.Tests.Indicators;

public sealed class VitalityIndexTests
{
    [Fact]
    public void Weights_SumToOne()
    {
        Assert.Equal(1m, VitalityIndex.OwnRevenueShareWeight + VitalityIndex.OperatingMarginWeight + VitalityIndex.CashRunwayWeight
            + VitalityIndex.JobsWeight + VitalityIndex.MachineUtilisationWeight + VitalityIndex.OccupancyWeight);
    }

    [Fact]
    public void Compute_WeightedMeanOfEveryComponent()
    {
        // 0.25×1 + 0.20×0.5 + 0.20×0.25 + 0.15×0.4 + 0.10×0 + 0.10×1 = 0.25 + 0.1 + 0.05 + 0.06 + 0 + 0.1 = 0.56 -> 56
        Assert.Equal(56m, VitalityIndex.Compute(new VitalityComponents(1m, 0.5m, 0.25m, 0.4m, 0m, 1m)));
    }

    [Fact]
    public void Compute_RenormalisesTheWeightsWhenAComponentIsMissing()
    {
        // Jobs missing: (0.25×1 + 0.20×0.5 + 0.20×0.5 + 0.10×0.5 + 0.10×0.5) / 0.85 = 0.55 / 0.85 = 0.647059 -> 64.7
        Assert.Equal(64.7m, VitalityIndex.Compute(new VitalityComponents(1m, 0.5m, 0.5m, null, 0.5m, 0.5m)));
        // Only occupancy: 0.10×0.3 / 0.10 -> 30
        Assert.Equal(30m, VitalityIndex.Compute(new VitalityComponents(null, null, null, null, null, 0.3m)));
    }

    [Fact]
    public void Compute_NullWhenNoComponentHasAValue()
    {
        Assert.Null(VitalityIndex.Compute(new VitalityComponents(null, null, null, null, null, null)));
    }

    [Fact]
    public void Compute_RoundsToOneDecimalHalfAwayFromZero()
    {
        // Only the margin component: 0.12345 -> 12.345 -> 12.3; 0.12355 -> 12.355 -> 12.4;
        // 0.0005 -> 0.05 -> 0.1 (the midpoint goes away from zero; half to even would give 0).
        Assert.Equal(12.3m, VitalityIndex.Compute(new VitalityComponents(null, 0.12345m, null, null, null, null)));
        Assert.Equal(12.4m, VitalityIndex.Compute(new VitalityComponents(null, 0.12355m, null, null, null, null)));
        Assert.Equal(0.1m, VitalityIndex.Compute(new VitalityComponents(null, 0.00050m, null, null, null, null)));
    }

    [Fact]
    public void Components_NormaliseAndClipToZeroAndOne()
    {
        var set = Set("MP-002", "2024-Q3") with
        {
            OwnRevenueShare = 0.2m,
            OperatingMargin = -0.6m,
            CashRunwayMonths = 9m,
            TotalJobs = 25,
            MachineUtilisation = null,
            OccupancyRate = 0.35m,
        };

        var c = VitalityIndex.Components(set, Mp002());

        // 0.2 / target 0.5
        Assert.Equal(0.4m, c.OwnRevenueShare);
        // (-0.6 + 0.5) / 0.7 < 0 -> 0
        Assert.Equal(0m, c.OperatingMargin);
        // 9 / 6 > 1 -> 1
        Assert.Equal(1m, c.CashRunway);
        // 25 / target 10 > 1 -> 1
        Assert.Equal(1m, c.Jobs);
        Assert.Null(c.MachineUtilisation);
        Assert.Equal(0.35m, c.Occupancy);
    }

    [Fact]
    public void Components_MapTheMarginFromMinusHalfToTwentyPercent()
    {
        decimal? Margin(decimal margin) => VitalityIndex.Components(Set("MP-002", "2024-Q3") with { OperatingMargin = margin }, Mp002()).OperatingMargin;

        Assert.Equal(0m, Margin(-0.5m));
        Assert.Equal(1m, Margin(0.2m));
        Assert.Equal(1m, Margin(0.35m));
        // Break-even: (0 + 0.5) / 0.7
        Assert.Equal(0.5m / 0.7m, Margin(0m));
    }

    [Fact]
    public void Components_NegativeRunwayScoresZeroAndMissingOnesStayMissing()
    {
        var c = VitalityIndex.Components(Set("MP-002", "2024-Q3") with { CashRunwayMonths = -2m, OwnRevenueShare = null, OperatingMargin = null }, Mp002());

        Assert.Equal(0m, c.CashRunway);
        Assert.Null(c.OwnRevenueShare);
        Assert.Null(c.OperatingMargin);
    }

    [Fact]
    public void Components_UseThePlainShareWithoutATargetAndNoJobsWithoutATarget()
    {
        var workshop = Mp002() with { TargetOwnRevenueShare = 0m, TargetJobs = 0 };

        var c = VitalityIndex.Components(Set("MP-002", "2024-Q3") with { OwnRevenueShare = 0.3m }, workshop);

        Assert.Equal(0.3m, c.OwnRevenueShare);
        Assert.Null(c.Jobs);
    }
}
