using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Settings;
using static Impact.Analytics.Tests.Indicators.IndicatorSamples;

namespace Impact.Analytics.Tests.Indicators;

public sealed class CompletenessTests
{
    private static readonly ReportingOptions Defaults = new();

    /// <summary>
    /// Reporting windows with four follow-up quarters: MP-001 2021-Q4 to 2025-Q2 (support ends 2024-Q2),
    /// MP-002 2022-Q3 to 2026-Q1 (support ends 2025-Q1), MP-003 2022-Q1 to 2025-Q3 (support ends 2024-Q3).
    /// Coaches: C-01 for MP-001 and MP-003, C-02 for MP-002.
    /// </summary>
    internal static WorkshopRegistry CompletenessRegistry() => new(
    [
        Mp001(),
        Mp002(),
        SampleReturns.Workshop("MP-003", new DateOnly(2022, 3, 15), new DateOnly(2024, 9, 30)) with
        {
            Name = "Atelier, du \"Port\"",
            Wave = 2,
            TerritoryType = TerritoryType.SmallTown,
            Region = "Bretagne",
            CoachId = "C-01",
            CoachEmail = "c01@example.org",
        },
    ]);

    private static ReceivedReturn Accepted(string workshopId, string quarter, DateTimeOffset at, string status = "active") =>
        new(workshopId, Quarter.Parse(quarter), at, true, status);

    private static ReceivedReturn Rejected(string workshopId, string quarter, DateTimeOffset at) =>
        new(workshopId, Quarter.Parse(quarter), at, false, null);

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static CompletenessResult Compute(string first, string last, IReadOnlyList<ReceivedReturn> received, ReportingOptions? options = null) =>
        Completeness.Compute(CompletenessRegistry(), received, Quarter.Parse(first), Quarter.Parse(last), options ?? Defaults);

    private static CompletenessRow National(CompletenessResult result, string quarter) =>
        Assert.Single(result.Rows, r => r.Dimension == "national" && r.Quarter == Quarter.Parse(quarter));

    [Fact]
    public void DeadlineDay_IsTheLastDayOfTheQuarterPlusTheDeadlineDays()
    {
        // 2024-Q3 ends 2024-09-30; + 30 days = 2024-10-30, the last day on time; late from 2024-10-31 00:00 UTC.
        Assert.Equal(new DateOnly(2024, 10, 30), Defaults.DeadlineDay(new Quarter(2024, 3)));
        Assert.Equal(Utc(2024, 10, 31), Defaults.DeadlineInstant(new Quarter(2024, 3)));
        // 2024-Q4 ends 2024-12-31; + 30 days = 2025-01-30.
        Assert.Equal(new DateOnly(2025, 1, 30), Defaults.DeadlineDay(new Quarter(2024, 4)));
        // No grace: due by the quarter's last day.
        Assert.Equal(Utc(2024, 10, 1), new ReportingOptions { DeadlineDays = 0 }.DeadlineInstant(new Quarter(2024, 3)));
    }

    [Fact]
    public void Compute_TheWindowStartsInTheQuarterOfLabelling()
    {
        var result = Compute("2021-Q3", "2022-Q3", []);

        // Nobody is labelled yet in 2021-Q3: nothing expected, no rate.
        Assert.Equal(new CompletenessRow("national", "all", new Quarter(2021, 3), 0, 0, 0, 0, 0, null, null), National(result, "2021-Q3"));
        // MP-001 from 2021-Q4, MP-003 from 2022-Q1, MP-002 from 2022-Q3.
        Assert.Equal(new CompletenessRow("national", "all", new Quarter(2021, 4), 1, 0, 0, 0, 1, 0m, 0m), National(result, "2021-Q4"));
        Assert.Equal([0, 1, 2, 2, 3], result.National.Select(r => r.Expected));
        // The reminder list, by coach, then quarter, then workshop.
        Assert.Equal(
            ["C-01 2021-Q4 MP-001", "C-01 2022-Q1 MP-001", "C-01 2022-Q1 MP-003", "C-01 2022-Q2 MP-001", "C-01 2022-Q2 MP-003",
             "C-01 2022-Q3 MP-001", "C-01 2022-Q3 MP-003", "C-02 2022-Q3 MP-002"],
            result.Missing.Select(m => $"{m.CoachId} {m.Quarter} {m.WorkshopId}"));
    }

    [Fact]
    public void Compute_TheWindowEndsFollowUpQuartersAfterTheQuarterOfSupportEnd()
    {
        // MP-001's support ends in 2024-Q2: with four follow-up quarters it is expected through 2025-Q2.
        var result = Compute("2025-Q2", "2025-Q3", []);
        Assert.Equal(3, National(result, "2025-Q2").Expected);
        Assert.Equal(2, National(result, "2025-Q3").Expected);
        Assert.DoesNotContain(result.Missing, m => m.WorkshopId == "MP-001" && m.Quarter == new Quarter(2025, 3));

        // Without follow-up, through 2024-Q2 only.
        var noFollowUp = Compute("2024-Q2", "2024-Q3", [], new ReportingOptions { FollowUpQuarters = 0 });
        Assert.Equal(3, National(noFollowUp, "2024-Q2").Expected);
        Assert.Equal(2, National(noFollowUp, "2024-Q3").Expected);
    }

    [Fact]
    public void Compute_AClosedWorkshopIsExpectedInItsClosingQuarterAndNoMoreAfter()
    {
        var result = Compute("2024-Q1", "2024-Q3",
        [
            Accepted("MP-003", "2024-Q1", Utc(2024, 4, 10), status: "closed"),
            // A return after closing is not expected, so it is not counted.
            Accepted("MP-003", "2024-Q3", Utc(2024, 10, 10)),
        ]);

        Assert.Equal(new CompletenessRow("national", "all", new Quarter(2024, 1), 3, 1, 1, 0, 2, 0.3333m, 0.3333m), National(result, "2024-Q1"));
        Assert.Equal(new CompletenessRow("national", "all", new Quarter(2024, 2), 2, 0, 0, 0, 2, 0m, 0m), National(result, "2024-Q2"));
        Assert.Equal(new CompletenessRow("national", "all", new Quarter(2024, 3), 2, 0, 0, 0, 2, 0m, 0m), National(result, "2024-Q3"));
        Assert.DoesNotContain(result.Missing, m => m.WorkshopId == "MP-003");
    }

    [Fact]
    public void Compute_OnTimeStrictlyBeforeTheDeadlineInstantLateFromIt()
    {
        var deadline = Utc(2024, 10, 31);

        var result = Compute("2024-Q3", "2024-Q3",
        [
            Accepted("MP-001", "2024-Q3", deadline.AddTicks(-1)),
            Accepted("MP-002", "2024-Q3", deadline),
            // 01:59:59 at UTC+2 is 23:59:59 UTC the day before: on time.
            Accepted("MP-003", "2024-Q3", new DateTimeOffset(2024, 10, 31, 1, 59, 59, TimeSpan.FromHours(2))),
        ]);

        // Expected 3, received 3, on time 2, late 1, missing 0; 3/3 = 1 and 2/3 = 0.6667.
        Assert.Equal(new CompletenessRow("national", "all", new Quarter(2024, 3), 3, 3, 2, 1, 0, 1m, 0.6667m), National(result, "2024-Q3"));
        Assert.Equal(1, Assert.Single(result.Rows, r => r.Dimension == "coach_id" && r.Group == "C-02").Late);
        Assert.Empty(result.Missing);
    }

    [Fact]
    public void Compute_TheFirstAcceptedReceiptDecidesTimeliness()
    {
        var result = Compute("2024-Q3", "2024-Q3",
        [
            Accepted("MP-002", "2024-Q3", Utc(2024, 11, 20)),
            Accepted("MP-002", "2024-Q3", Utc(2024, 10, 2)),
        ]);

        Assert.Equal(1, National(result, "2024-Q3").OnTime);
        Assert.Equal(0, National(result, "2024-Q3").Late);
    }

    [Fact]
    public void Compute_ARejectedUploadAloneLeavesTheReturnMissing()
    {
        var result = Compute("2024-Q3", "2024-Q3",
        [
            Rejected("MP-002", "2024-Q3", Utc(2024, 10, 5)),
            Rejected("MP-003", "2024-Q3", Utc(2024, 10, 5)),
            Accepted("MP-003", "2024-Q3", Utc(2024, 10, 6)),
        ]);

        Assert.Equal(new CompletenessRow("national", "all", new Quarter(2024, 3), 3, 1, 1, 0, 2, 0.3333m, 0.3333m), National(result, "2024-Q3"));
        Assert.Equal(
        [
            new MissingReturn(new Quarter(2024, 3), "MP-001", "Atelier MP-001", "C-01", "c01@example.org", new DateOnly(2024, 10, 30), false),
            new MissingReturn(new Quarter(2024, 3), "MP-002", "Atelier MP-002", "C-02", "coach@example.org", new DateOnly(2024, 10, 30), true),
        ], result.Missing);
    }

    [Fact]
    public void Compute_EveryGroupOfTheRegistryInEveryQuarter()
    {
        var result = Compute("2022-Q2", "2022-Q2", [Accepted("MP-001", "2022-Q2", Utc(2022, 7, 1))]);

        // national, waves 1 2 3, territory types qpv rural small_town, regions, coaches C-01 C-02.
        Assert.Equal(
            ["national all", "wave 1", "wave 2", "wave 3", "territory_type qpv", "territory_type rural", "territory_type small_town",
             "region Bourgogne-Franche-Comté", "region Bretagne", "region Hauts-de-France", "coach_id C-01", "coach_id C-02"],
            result.Rows.Select(r => $"{r.Dimension} {r.Group}"));
        // Wave 3 (MP-002) is not labelled yet in 2022-Q2: expected 0, no rates.
        Assert.Equal(new CompletenessRow("wave", "3", new Quarter(2022, 2), 0, 0, 0, 0, 0, null, null), result.Rows[3]);
        Assert.Equal(new CompletenessRow("wave", "1", new Quarter(2022, 2), 1, 1, 1, 0, 0, 1m, 1m), result.Rows[1]);
        Assert.Equal(new CompletenessRow("coach_id", "C-01", new Quarter(2022, 2), 2, 1, 1, 0, 1, 0.5m, 0.5m), result.Rows[10]);
    }

    [Fact]
    public void Compute_IgnoresUploadsOutsideTheRegistryOrThePeriod()
    {
        var result = Compute("2024-Q3", "2024-Q3",
        [
            Accepted("MP-999", "2024-Q3", Utc(2024, 10, 1)),
            Accepted("MP-001", "2024-Q2", Utc(2024, 7, 1)),
        ]);

        Assert.Equal(new CompletenessRow("national", "all", new Quarter(2024, 3), 3, 0, 0, 0, 3, 0m, 0m), National(result, "2024-Q3"));
    }

    [Fact]
    public void Compute_RefusesAnInvertedPeriodOrANegativeSetting()
    {
        Assert.Throws<ArgumentException>(() => Compute("2024-Q3", "2024-Q2", []));
        Assert.Equal("Réglage Reporting:DeadlineDays invalide (-1) : attendu un nombre de jours de 0 à 365.",
            Assert.Throws<ImpactException>(() => Compute("2024-Q3", "2024-Q3", [], new ReportingOptions { DeadlineDays = -1 })).Message);
        Assert.Equal("Réglage Reporting:FollowUpQuarters invalide (41) : attendu un nombre de trimestres de 0 à 40.",
            Assert.Throws<ImpactException>(() => Compute("2024-Q3", "2024-Q3", [], new ReportingOptions { FollowUpQuarters = 41 })).Message);
    }
}
