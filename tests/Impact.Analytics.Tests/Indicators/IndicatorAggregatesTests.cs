using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using static Impact.Analytics.Tests.Indicators.IndicatorSamples;

namespace Impact.Analytics.Tests.Indicators;

public sealed class IndicatorAggregatesTests
{
    private static readonly Quarter Q2 = new(2024, 2);
    private static readonly Quarter Q3 = new(2024, 3);

    /// <summary>
    /// 2024-Q3: A (wave 1, rural, Bretagne, age 10, own revenue 1, no share), B (wave 1, rural, Bretagne, age 8, 2, 0.5),
    /// C (wave 2, qpv, Occitanie, age 8, 3, 0.25), D (wave 2, urban, Bretagne, age 2, 4, 0.75);
    /// 2024-Q2: A (age 9, 10, 1) and E (wave 3, age 8, 6, 0.5).
    /// </summary>
    private static IReadOnlyList<IndicatorSet> Sets() =>
    [
        Set("MP-A", "2024-Q3") with { QuartersSinceLabelling = 10, OwnRevenue = 1m, OwnRevenueShare = null },
        Set("MP-B", "2024-Q3") with { QuartersSinceLabelling = 8, OwnRevenue = 2m, OwnRevenueShare = 0.5m },
        Set("MP-C", "2024-Q3") with { Wave = 2, TerritoryType = TerritoryType.Qpv, Region = "Occitanie", QuartersSinceLabelling = 8, OwnRevenue = 3m, OwnRevenueShare = 0.25m },
        Set("MP-D", "2024-Q3") with { Wave = 2, TerritoryType = TerritoryType.Urban, QuartersSinceLabelling = 2, OwnRevenue = 4m, OwnRevenueShare = 0.75m },
        Set("MP-A", "2024-Q2") with { QuartersSinceLabelling = 9, OwnRevenue = 10m, OwnRevenueShare = 1m },
        Set("MP-E", "2024-Q2") with { Wave = 3, QuartersSinceLabelling = 8, OwnRevenue = 6m, OwnRevenueShare = 0.5m },
    ];

    /// <summary>The row's published statistics (its secrecy figures, not written to the CSV, are tested on their own).</summary>
    private static AggregateRow Row(IReadOnlyList<AggregateRow> rows, string dimension, string group, Quarter? quarter, string indicator) =>
        Assert.Single(rows, r => r.Dimension == dimension && r.Group == group && r.Quarter == quarter && r.Indicator == indicator) with { Workshops = 0, DominantShare = null };

    [Fact]
    public void Compute_CountsWorkshopsAndTheLargestOnesShareForStatisticalSecrecy()
    {
        var rows = IndicatorAggregates.Compute(Sets());
        AggregateRow Full(string dimension, string group, Quarter? quarter) =>
            Assert.Single(rows, r => r.Dimension == dimension && r.Group == group && r.Quarter == quarter && r.Indicator == "own_revenue");

        // National 2024-Q3: four workshops, [1, 2, 3, 4]: the largest is 4 / 10.
        Assert.Equal((4, 0.4m), (Full("national", "all", Q3).Workshops, Full("national", "all", Q3).DominantShare));
        // Age 8 over every quarter: B, C and E, one value each, [2, 3, 6]: 6 / 11 of the total, three workshops.
        Assert.Equal((3, 6m / 11m), (Full("quarters_since_labelling", "8", null).Workshops, Full("quarters_since_labelling", "8", null).DominantShare));
        Assert.False(StatisticalSecrecy.IsSecret(Full("national", "all", Q3)));
        // Wave 1 in 2024-Q3 has two workshops: secret, whatever the values.
        Assert.True(StatisticalSecrecy.IsSecret(Full("wave", "1", Q3)));
    }

    [Theory]
    [InlineData(3, 0.84, false)]
    [InlineData(3, 0.85, true)]
    [InlineData(2, 0.5, true)]
    [InlineData(10, 0.9, true)]
    public void IsSecret_FewerThanThreeWorkshopsOrOneAt85PercentOrMore(int workshops, double share, bool secret) =>
        Assert.Equal(secret, StatisticalSecrecy.IsSecret(new AggregateRow("region", "Bretagne", Q3, "own_revenue", workshops, 1m, 1m, 1m, 1m)
        {
            Workshops = workshops,
            DominantShare = (decimal)share,
        }));

    [Fact]
    public void Compute_NationalCountSumMedianAndQuartiles()
    {
        var rows = IndicatorAggregates.Compute(Sets());

        // own_revenue in 2024-Q3: [1, 2, 3, 4] -> total 10, median 2.5, q1 1.75, q3 3.25
        Assert.Equal(new AggregateRow("national", "all", Q3, "own_revenue", 4, 10m, 2.5m, 1.75m, 3.25m), Row(rows, "national", "all", Q3, "own_revenue"));
        // own_revenue_share in 2024-Q3: the null is left out, [0.25, 0.5, 0.75] -> total 1.5, median 0.5, q1 0.375, q3 0.625
        Assert.Equal(new AggregateRow("national", "all", Q3, "own_revenue_share", 3, 1.5m, 0.5m, 0.375m, 0.625m), Row(rows, "national", "all", Q3, "own_revenue_share"));
        // own_revenue in 2024-Q2: [6, 10] -> total 16, median 8, q1 7, q3 9
        Assert.Equal(new AggregateRow("national", "all", Q2, "own_revenue", 2, 16m, 8m, 7m, 9m), Row(rows, "national", "all", Q2, "own_revenue"));
    }

    [Fact]
    public void Compute_NoValueGivesACountOfZeroAndEmptyStatistics()
    {
        var rows = IndicatorAggregates.Compute(Sets());

        Assert.Equal(new AggregateRow("national", "all", Q3, "own_revenue_yoy", 0, null, null, null, null), Row(rows, "national", "all", Q3, "own_revenue_yoy"));
    }

    [Fact]
    public void Compute_GroupsByWaveTerritoryAndRegion()
    {
        var rows = IndicatorAggregates.Compute(Sets());

        // Wave 1 in 2024-Q3: A and B, [1, 2] -> total 3, median 1.5, q1 1.25, q3 1.75
        Assert.Equal(new AggregateRow("wave", "1", Q3, "own_revenue", 2, 3m, 1.5m, 1.25m, 1.75m), Row(rows, "wave", "1", Q3, "own_revenue"));
        // Rural in 2024-Q3: A and B as well.
        Assert.Equal(3m, Row(rows, "territory_type", "rural", Q3, "own_revenue").Total);
        Assert.Equal(4m, Row(rows, "territory_type", "urban", Q3, "own_revenue").Total);
        // Bretagne in 2024-Q3: A, B, D, [1, 2, 4] -> median 2, q1 1.5, q3 3
        Assert.Equal(new AggregateRow("region", "Bretagne", Q3, "own_revenue", 3, 7m, 2m, 1.5m, 3m), Row(rows, "region", "Bretagne", Q3, "own_revenue"));
        // A group is listed only in the quarters where it has sets: wave 3 only in 2024-Q2.
        Assert.DoesNotContain(rows, r => r.Dimension == "wave" && r.Group == "3" && r.Quarter == Q3);
    }

    [Fact]
    public void Compute_QuartersSinceLabellingAlsoAcrossEveryCalendarQuarter()
    {
        var rows = IndicatorAggregates.Compute(Sets());

        // Age 8 in 2024-Q3: B and C, [2, 3].
        Assert.Equal(new AggregateRow("quarters_since_labelling", "8", Q3, "own_revenue", 2, 5m, 2.5m, 2.25m, 2.75m), Row(rows, "quarters_since_labelling", "8", Q3, "own_revenue"));
        // Age 8 over every quarter: B, C and E, [2, 3, 6] -> total 11, median 3, q1 2.5, q3 4.5
        Assert.Equal(new AggregateRow("quarters_since_labelling", "8", null, "own_revenue", 3, 11m, 3m, 2.5m, 4.5m), Row(rows, "quarters_since_labelling", "8", null, "own_revenue"));
        // Only that dimension has rows over every quarter.
        Assert.All(rows.Where(r => r.Quarter is null), r => Assert.Equal("quarters_since_labelling", r.Dimension));
    }

    [Fact]
    public void Compute_SortsByDimensionGroupQuarterThenIndicator()
    {
        var rows = IndicatorAggregates.Compute(Sets());

        Assert.Equal(IndicatorAggregates.Dimensions, rows.Select(r => r.Dimension).Distinct());
        // Ages sort as numbers (2 < 8 < 9 < 10); calendar quarters in time order, "all" last.
        Assert.Equal(
            ["2 2024-Q3", "2 all", "8 2024-Q2", "8 2024-Q3", "8 all", "9 2024-Q2", "9 all", "10 2024-Q3", "10 all"],
            rows.Where(r => r.Dimension == "quarters_since_labelling").Select(r => $"{r.Group} {r.Quarter?.ToString() ?? "all"}").Distinct());
        Assert.Equal(
            ["Bretagne 2024-Q2", "Bretagne 2024-Q3", "Occitanie 2024-Q3"],
            rows.Where(r => r.Dimension == "region").Select(r => $"{r.Group} {r.Quarter}").Distinct());
        // Every cell lists the 13 indicators in their fixed order.
        Assert.Equal(IndicatorAggregates.Indicators, rows.Where(r => r.Dimension == "national" && r.Quarter == Q3).Select(r => r.Indicator));
        Assert.Equal(13, IndicatorAggregates.Indicators.Count);
        // Cells: national 2 (Q2, Q3) + wave 4 (Q2: 1, 3; Q3: 1, 2) + territory 4 (Q2: rural; Q3: rural, qpv, urban)
        // + region 3 (Q2: Bretagne; Q3: Bretagne, Occitanie) + age 9 (above) = 22 cells of 13 rows.
        Assert.Equal(22 * 13, rows.Count);
    }

    [Fact]
    public void Compute_NothingFromNothing()
    {
        Assert.Empty(IndicatorAggregates.Compute([]));
    }
}
