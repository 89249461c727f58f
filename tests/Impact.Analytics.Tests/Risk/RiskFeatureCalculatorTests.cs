using Impact.Analytics.Risk;
using S = Impact.Analytics.Tests.Risk.RiskSamples;

namespace Impact.Analytics.Tests.Risk;

public sealed class RiskFeatureCalculatorTests
{
    private static readonly Quarter Q3Of2023 = new(2023, 3);

    /// <summary>
    /// MP-010 (labelled 2022-Q1) up to 2023-Q3: own revenue 45,000 in 2022-Q1 (services 22,000), 35,000 in 2022-Q2,
    /// 28,000 in 2022-Q3 (services 5,000; 15 hosted enterprises, 8 staff), no return for 2022-Q4, then 31,000, 33,000 and
    /// 35,000 in 2023-Q1 to Q3 with cash 36,000, 33,000 and 30,000 and 600, 650 and 700 machine hours of 1000; the
    /// 2023-Q2 return arrived late (40 days); the 2023-Q3 lease ends on 2024-06-30.
    /// </summary>
    private static WorkshopHistory Known() =>
        new(S.Workshop(),
            [
                S.Return("2022-Q1", ("revenue_services", "22000")),
                S.Return("2022-Q2"),
                S.Return("2022-Q3", ("revenue_services", "5000"), ("hosted_enterprises", "15"), ("staff_headcount", "8")),
                S.Return("2023-Q1", ("revenue_services", "8000"), ("cash_end", "36000"), ("machine_hours_booked", "600")),
                S.Return("2023-Q2", ("revenue_services", "10000"), ("cash_end", "33000"), ("machine_hours_booked", "650")),
                S.Return("2023-Q3", ("lease_end", "2024-06-30")),
            ],
            [S.Received("2022-Q1"), S.Received("2022-Q2"), S.Received("2022-Q3"), S.Received("2023-Q1"), S.Received("2023-Q2", days: 40), S.Received("2023-Q3")],
            [S.Outcome("2022-Q2", OutcomeRecord.RecoveredEvent)]);

    /// <summary>The same history with what happened after 2023-Q3: a collapse, a late correction, the ministry's records.</summary>
    private static WorkshopHistory WithLaterData()
    {
        var known = Known();
        return known with
        {
            Returns = [.. known.Returns, S.Return("2023-Q4", ("cash_end", "-5000"), ("revenue_services", "0")), S.Return("2024-Q1", ("status", "closed"))],
            Received = [.. known.Received, S.Received("2023-Q4", days: 90), S.Received("2024-Q1", accepted: false), S.Received("2024-Q1", days: 50)],
            Outcomes = [.. known.Outcomes, S.Outcome("2023-Q4", OutcomeRecord.DistressEvent), S.Outcome("2024-Q1", OutcomeRecord.ClosedEvent)],
        };
    }

    [Fact]
    public void Compute_EveryFeatureByHand()
    {
        var f = RiskFeatureCalculator.Compute(Known(), Q3Of2023, RiskOptions.Default);

        Assert.Equal("MP-010", f.WorkshopId);
        Assert.Equal(Q3Of2023, f.Quarter);
        Assert.Equal(1, f.Wave);
        Assert.False(f.ReturnMissing);
        Assert.Equal(35_000, f.OwnRevenue);
        // Least squares over 31,000, 33,000, 35,000: 2,000 a quarter, over their mean 33,000.
        Assert.Equal(2_000.0 / 33_000, f.OwnRevenueSlope!.Value, 12);
        Assert.Equal(0.25, f.OwnRevenueYoy!.Value, 12); // 35,000 / 28,000 − 1
        Assert.Equal(0.7, f.OwnRevenueShare!.Value, 12); // 35,000 / 50,000
        // The shares are the indicators' (4 decimals): 0.7000 − 0.6512 (28,000 / 43,000 = 0.65116…).
        Assert.Equal(0.0488, f.OwnRevenueShareChange!.Value, 12);
        Assert.Equal(2.0, f.CashRunwayMonths!.Value, 12); // 30,000 / (45,000 / 3)
        Assert.Equal(-0.2, f.CashRunwayTrend!.Value, 12); // 2.4, 2.2, 2.0 months
        Assert.Equal(3.3333, f.RunwayInAYearMonths!.Value, 12); // (30,000 + 4 × 5,000) / 15,000, in months to 4 decimals as every runway
        Assert.Equal(1.0, f.InvestmentGrantMonths!.Value, 12); // 15,000 / 15,000
        Assert.Equal(0.1, f.OperatingMargin!.Value, 12); // 5,000 / 50,000
        Assert.Equal(0.7, f.MachineUtilisation!.Value, 12);
        Assert.Equal(0.05, f.MachineUtilisationTrend!.Value, 12); // 0.60, 0.65, 0.70
        Assert.Equal(-2, f.HostedEnterprisesChange); // 13 − 15
        Assert.Equal(3, f.NetJobsCreated); // +1 in each of the three returns of the window
        Assert.Equal(-2, f.StaffHeadcountChange); // 6 − 8
        Assert.Equal("leased", f.PremisesStatus);
        Assert.True(f.LeaseEndsWithin12Months); // 2024-06-30 ≤ 2024-09-30
        Assert.True(f.LocalAuthorityPartner);
        Assert.Equal(2, f.LateOrMissingReturns); // 2022-Q4 missing, 2023-Q2 late
        Assert.Equal(1, f.DistressQuarters); // 2023-Q1: 31,000 ≤ 0.7 × 45,000
        Assert.Equal(6, f.QuartersSinceLabelling);
        Assert.False(f.MinistryDistress);
    }

    /// <summary>Each ratio is computed once: the risk features read the same values as the indicator set of the same return.</summary>
    [Fact]
    public void Compute_RatiosAreTheIndicatorSetsOwn()
    {
        var history = Known();
        var latest = history.Returns[^1];
        var set = Impact.Analytics.Indicators.IndicatorCalculator.Compute(latest, history.Workshop, history.Returns.Single(r => r.Quarter == latest.Quarter.AddQuarters(-4)));
        var f = RiskFeatureCalculator.Compute(history, Q3Of2023, RiskOptions.Default);

        Assert.Equal(
            ((double?)set.CashRunwayMonths, (double?)set.OwnRevenueShare, (double?)set.MachineUtilisation, (double?)set.OperatingMargin, (double?)set.OwnRevenueYoy),
            (f.CashRunwayMonths, f.OwnRevenueShare, f.MachineUtilisation, f.OperatingMargin, f.OwnRevenueYoy));
    }

    [Fact]
    public void Compute_MissingReturn_UsesTheLatestEarlierOneAndSaysSo()
    {
        var f = RiskFeatureCalculator.Compute(Known(), new Quarter(2022, 4), RiskOptions.Default);
        Assert.True(f.ReturnMissing);
        Assert.Equal(28_000, f.OwnRevenue); // from 2022-Q3
        Assert.Null(f.OwnRevenueYoy); // no return in 2021-Q3
        Assert.Null(f.HostedEnterprisesChange);
        Assert.Equal(1, f.LateOrMissingReturns);
    }

    [Fact]
    public void Compute_NothingReceivedYet_LeavesFiguresEmpty()
    {
        var f = RiskFeatureCalculator.Compute(new WorkshopHistory(S.Workshop(), [], [], []), new Quarter(2022, 1), RiskOptions.Default);
        Assert.True(f.ReturnMissing);
        Assert.Null(f.OwnRevenue);
        Assert.Null(f.CashRunwayMonths);
        Assert.Null(f.PremisesStatus);
        Assert.Null(f.LocalAuthorityPartner);
        Assert.False(f.LeaseEndsWithin12Months);
        Assert.Equal(0, f.NetJobsCreated);
        Assert.Equal(1, f.LateOrMissingReturns);
    }

    [Fact]
    public void Compute_NoLeakage_LaterDataChangesNothing()
    {
        var full = WithLaterData();
        var expected = RiskFeatureCalculator.Compute(Known(), Q3Of2023, RiskOptions.Default);
        Assert.Equal(expected, RiskFeatureCalculator.Compute(full, Q3Of2023, RiskOptions.Default));
        Assert.Equal(expected, RiskFeatureCalculator.Compute(full.KnownAt(Q3Of2023), Q3Of2023, RiskOptions.Default));
        Assert.NotEqual(expected with { Quarter = new Quarter(2023, 4) }, RiskFeatureCalculator.Compute(full, new Quarter(2023, 4), RiskOptions.Default));
    }

    /// <summary>On a whole simulated cohort, at every quarter: the features from the full history are those from the history truncated after the quarter.</summary>
    [Fact]
    public void Compute_NoLeakage_OnASimulatedCohort()
    {
        var (cohort, histories) = SimulatedCohorts.Of(150, 12, 1);
        var compared = 0;
        foreach (var history in histories)
        {
            for (var q = history.Workshop.LabelledQuarter; q <= cohort.Options.LastQuarter; q = q.AddQuarters(1))
            {
                Assert.Equal(
                    RiskFeatureCalculator.Compute(history.KnownAt(q), q, RiskOptions.Default),
                    RiskFeatureCalculator.Compute(history, q, RiskOptions.Default));
                compared++;
            }
        }

        Assert.True(compared > 1000, $"{compared} workshop-quarters compared");
    }

    [Fact]
    public void Vector_ImputesMissingValuesAsDocumented()
    {
        var f = RiskFeatureCalculator.Compute(new WorkshopHistory(S.Workshop(), [], [], []), new Quarter(2022, 1), RiskOptions.Default);
        var vector = RiskFeatureCatalog.Vector(f);
        float Slot(string name) => vector[RiskFeatureCatalog.SlotNames.ToList().IndexOf(name)];
        Assert.Equal(RiskFeatureCatalog.SlotNames.Count, vector.Length);
        Assert.Equal(30_000f, Slot(nameof(RiskFeatures.OwnRevenue)));
        Assert.Equal(0f, Slot(nameof(RiskFeatures.OwnRevenueYoy)));
        Assert.Equal(1f, Slot(nameof(RiskFeatures.OwnRevenueYoy) + "Missing"));
        Assert.Equal(0.5f, Slot(nameof(RiskFeatures.OwnRevenueShare)));
        Assert.Equal(6f, Slot(nameof(RiskFeatures.CashRunwayMonths)));
        Assert.Equal(0f, Slot(nameof(RiskFeatures.PremisesStatus) + "Leased"));
        Assert.Equal(1f, Slot(nameof(RiskFeatures.ReturnMissing)));
    }

    [Fact]
    public void Vector_OneHotPremisesAndClippedValues()
    {
        var f = RiskFeatureCalculator.Compute(Known(), Q3Of2023, RiskOptions.Default) with { CashRunwayMonths = 40, OwnRevenueYoy = 0.25 };
        var vector = RiskFeatureCatalog.Vector(f);
        float Slot(string name) => vector[RiskFeatureCatalog.SlotNames.ToList().IndexOf(name)];
        Assert.Equal(12f, Slot(nameof(RiskFeatures.CashRunwayMonths))); // clipped to 12 months
        Assert.Equal(0.25f, Slot(nameof(RiskFeatures.OwnRevenueYoy)));
        Assert.Equal(0f, Slot(nameof(RiskFeatures.OwnRevenueYoy) + "Missing"));
        Assert.Equal(
            [0f, 0f, 1f, 0f, 0f],
            new[] { "Owned", "LocalAuthorityProvided", "Leased", "TemporaryAgreement", "None" }.Select(c => Slot(nameof(RiskFeatures.PremisesStatus) + c)));
    }

    [Fact]
    public void Catalog_NamesEveryFeatureOnceAfterItsProperty()
    {
        var properties = typeof(RiskFeatures).GetProperties().Select(p => p.Name)
            .Except([nameof(RiskFeatures.WorkshopId), nameof(RiskFeatures.Quarter), nameof(RiskFeatures.Wave), nameof(RiskFeatures.TerritoryType)]);
        Assert.Equal(properties.Order(StringComparer.Ordinal), RiskFeatureCatalog.Definitions.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(RiskFeatureCatalog.SlotNames.Count, RiskFeatureCatalog.SlotNames.Distinct().Count());
    }
}

public sealed class RiskFeatureReportingTests
{
    /// <summary>
    /// With a 45-day deadline, the 2023-Q2 return received 40 days after its quarter is on time: the history carries the
    /// reporting rules, so the features of training rows and of scoring are the same, and neither counts it late.
    /// </summary>
    [Fact]
    public void Compute_TrainingAndScoringReadTheHistorysDeadline()
    {
        var reporting = new Settings.ReportingOptions { DeadlineDays = 45, FollowUpQuarters = 2 };
        var history = new WorkshopHistory(S.Workshop(),
            [S.Return("2022-Q4"), S.Return("2023-Q1"), S.Return("2023-Q2"), S.Return("2023-Q3"), S.Return("2023-Q4"), S.Return("2024-Q1"), S.Return("2024-Q2"), S.Return("2024-Q3")],
            [S.Received("2022-Q4"), S.Received("2023-Q1"), S.Received("2023-Q2", days: 40), S.Received("2023-Q3"), S.Received("2023-Q4"), S.Received("2024-Q1"), S.Received("2024-Q2"), S.Received("2024-Q3")],
            []) { Reporting = reporting };
        var quarter = new Quarter(2023, 3);

        var trained = Assert.Single(RiskModelTrainer.TrainingRows([history], new Quarter(2024, 3), RiskOptions.Default), r => r.Features.Quarter == quarter);
        var scored = Assert.Single(RiskFeatureCalculator.ComputeActive([history.KnownAt(quarter)], quarter, RiskOptions.Default));

        Assert.Equal(scored, trained.Features);
        Assert.Equal(0, scored.LateOrMissingReturns);
        Assert.Equal(1, RiskFeatureCalculator.Compute(history with { Reporting = Settings.ReportingOptions.Default }, quarter, RiskOptions.Default).LateOrMissingReturns);
    }
}
