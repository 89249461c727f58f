using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Tests.Indicators;

/// <summary>Hand-made returns, registries and indicator sets for the indicator tests, with round figures.</summary>
internal static class IndicatorSamples
{
    /// <summary>
    /// MP-002 (SampleReturns: labelled 2022-07-12, quarter 0 = 2022-Q3; support to 2025-01-31, i.e. 2025-Q1; wave 3,
    /// qpv, Hauts-de-France, coach C-02, grant €280,000, target 10 jobs and 50% own revenue) and MP-001 (labelled
    /// 2021-12-14, quarter 0 = 2021-Q4; support to 2024-06-30, i.e. 2024-Q2; wave 1, rural, coach C-01, no grant
    /// and no job target, so that jobs_per_100k_grant and the jobs component are empty).
    /// </summary>
    public static WorkshopRegistry Workshops() => new([Mp001(), Mp002()]);

    public static Workshop Mp002() => SampleReturns.Workshop("MP-002", new DateOnly(2022, 7, 12), new DateOnly(2025, 1, 31));

    public static Workshop Mp001() => SampleReturns.Workshop("MP-001", new DateOnly(2021, 12, 14), new DateOnly(2024, 6, 30)) with
    {
        Wave = 1,
        TerritoryType = TerritoryType.Rural,
        Region = "Bourgogne-Franche-Comté",
        CoachId = "C-01",
        CoachEmail = "c01@example.org",
        GrantEur = 0m,
        TargetJobs = 0,
        TargetOwnRevenueShare = 0.55m,
    };

    /// <summary>
    /// MP-002's return for 2024-Q3 ("A1"): own revenue 10000 + 5000 + 4000 + 12000 + 2000 + 1000 + 1000 = €35,000,
    /// subsidies €15,000, expenses €45,000, cash €30,000, 700 of 1000 machine hours, 800 of 1000 m²,
    /// 6 staff + 14 hosted jobs, 2 jobs created and 1 lost.
    /// </summary>
    public static QuarterlyReturn Mp002Q3Of2024() => Return("MP-002", "2024-Q3");

    /// <summary>MP-002's return for 2023-Q3 ("A0"): as A1 but services €5,000, so own revenue €28,000.</summary>
    public static QuarterlyReturn Mp002Q3Of2023() => Return("MP-002", "2023-Q3", ("revenue_services", "5000"));

    /// <summary>
    /// MP-001's return for 2024-Q3 ("B"), every empty case at once: no revenue, no subsidy, no expense,
    /// cash −€500 (an overdraft), 1 of 20000 machine hours, 250 of 1000 m², 3 staff and no hosted job.
    /// </summary>
    public static QuarterlyReturn Mp001Q3Of2024() => Return("MP-001", "2024-Q3", [.. NoMoney(), ("cash_end", "-500"),
        ("machine_hours_booked", "1"), ("machine_hours_available", "20000"), ("workspace_m2_occupied", "250"),
        ("staff_headcount", "3"), ("staff_fte", "3"), ("hosted_enterprise_jobs", "0"), ("jobs_created", "0"), ("jobs_lost", "2")]);

    /// <summary>MP-001's return for 2023-Q3 ("B0"): no own revenue (so B has no year-on-year change), subsidies €20,000, expenses €18,000.</summary>
    public static QuarterlyReturn Mp001Q3Of2023() => Return("MP-001", "2023-Q3", [.. NoMoney(), ("operating_subsidies", "20000"), ("operating_expenses", "18000")]);

    /// <summary>A valid return of <paramref name="workshopId"/> for <paramref name="quarter"/>, A1's figures unless changed.</summary>
    public static QuarterlyReturn Return(string workshopId, string quarter, params (string Key, string? Value)[] changes)
    {
        var values = SampleReturns.Valid();
        foreach (var (key, value) in (IEnumerable<(string, string?)>)
                 [
                     ("workshop_id", workshopId), ("quarter", quarter), ("status", "active"),
                     ("revenue_rent", "10000"), ("revenue_machine_time", "5000"), ("revenue_training", "4000"), ("revenue_services", "12000"),
                     ("revenue_public_services", "2000"), ("revenue_events_catering", "1000"), ("revenue_other", "1000"),
                     ("operating_subsidies", "15000"), ("operating_expenses", "45000"), ("cash_end", "30000"),
                     ("machine_hours_booked", "700"), ("machine_hours_available", "1000"),
                     ("workspace_m2_occupied", "800"), ("workspace_m2_total", "1000"),
                     ("staff_headcount", "6"), ("staff_fte", "5"), ("hosted_enterprise_jobs", "14"), ("jobs_created", "2"), ("jobs_lost", "1"),
                 ])
        {
            values[key] = value;
        }

        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        var result = ReturnValidator.Validate(SampleReturns.Csv(values), ReturnFormat.Csv, "return.csv", ValidationContext.None);
        return result.Return
            ?? throw new InvalidOperationException("Sample return rejected: " + string.Join("; ", result.Report.Findings.Select(f => $"{f.Rule} {f.Field}")));
    }

    /// <summary>An indicator set with round values, for aggregate tests (change it with <c>with</c>).</summary>
    public static IndicatorSet Set(string workshopId, string quarter) => new()
    {
        WorkshopId = workshopId,
        Quarter = Quarter.Parse(quarter),
        Wave = 1,
        Region = "Bretagne",
        TerritoryType = TerritoryType.Rural,
        CoachId = "C-01",
        Status = "active",
        QuartersSinceLabelling = 8,
        SupportPhase = SupportPhase.In,
        OwnRevenue = 1000m,
        OperatingSubsidies = 1000m,
        OwnRevenueShare = 0.5m,
        OperatingResult = 0m,
        OperatingMargin = 0m,
        CashEnd = 1000m,
        CashRunwayMonths = 1m,
        MachineUtilisation = 0.5m,
        OccupancyRate = 0.5m,
        StaffHeadcount = 5,
        HostedEnterpriseJobs = 5,
        TotalJobs = 10,
        NetJobsCreated = 0,
        JobsPer100kGrant = 4m,
        OwnRevenueYoy = null,
        VitalityIndex = 50m,
    };

    private static (string, string?)[] NoMoney() =>
    [
        ("revenue_rent", "0"), ("revenue_machine_time", "0"), ("revenue_training", "0"), ("revenue_services", "0"),
        ("revenue_public_services", "0"), ("revenue_events_catering", "0"), ("revenue_other", "0"),
        ("operating_subsidies", "0"), ("operating_expenses", "0"),
    ];
}
