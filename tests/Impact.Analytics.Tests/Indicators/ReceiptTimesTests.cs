using Impact.Analytics.Indicators;
using Impact.Analytics.Risk;
using Impact.Analytics.Tests.Risk;

namespace Impact.Analytics.Tests.Indicators;

public sealed class ReceiptTimesTests
{
    private static readonly DateTimeOffset Noon = new(2024, 11, 5, 12, 0, 0, TimeSpan.Zero);

    private static ReceivedReturn Upload(string workshop, string quarter, DateTimeOffset at) => new(workshop, Quarter.Parse(quarter), at, true, "active");

    [Fact]
    public void Mark_AFolderCopiedInOneGo_EveryTimeUnknown()
    {
        List<ReceivedReturn> copied =
        [
            Upload("MP-001", "2024-Q1", Noon), Upload("MP-001", "2024-Q2", Noon.AddSeconds(1)), Upload("MP-001", "2024-Q3", Noon.AddSeconds(2)),
            Upload("MP-002", "2024-Q1", Noon.AddSeconds(3)), Upload("MP-002", "2024-Q2", Noon.AddSeconds(4)), Upload("MP-002", "2024-Q3", Noon.AddMinutes(59)),
        ];
        var marked = ReceiptTimes.Mark(copied);
        Assert.All(marked, r => Assert.False(r.TimeKnown));
        Assert.Equal(copied.Select(r => r with { TimeKnown = false }), marked);
        Assert.Equal(marked, ReceiptTimes.Mark(marked));
    }

    [Fact]
    public void Mark_OneWorkshopCatchingUp_StaysLate()
    {
        // One workshop sends three missed returns at once: genuinely late. Another sends one return in the same hour.
        List<ReceivedReturn> uploads =
        [
            Upload("MP-001", "2024-Q1", Noon), Upload("MP-001", "2024-Q2", Noon.AddMinutes(1)), Upload("MP-001", "2024-Q3", Noon.AddMinutes(2)),
            Upload("MP-002", "2024-Q3", Noon.AddMinutes(3)),
        ];
        Assert.All(ReceiptTimes.Mark(uploads), r => Assert.True(r.TimeKnown));
    }

    [Fact]
    public void Mark_TwoCatchUpsMoreThanAnHourApart_StayKnown()
    {
        List<ReceivedReturn> uploads =
        [
            Upload("MP-001", "2024-Q1", Noon), Upload("MP-001", "2024-Q2", Noon), Upload("MP-001", "2024-Q3", Noon),
            Upload("MP-002", "2024-Q1", Noon.AddMinutes(61)), Upload("MP-002", "2024-Q2", Noon.AddMinutes(61)), Upload("MP-002", "2024-Q3", Noon.AddMinutes(61)),
        ];
        Assert.All(ReceiptTimes.Mark(uploads), r => Assert.True(r.TimeKnown));
    }

    [Fact]
    public void Mark_ATimeBeforeTheQuarterBegan_IsUnknown()
    {
        var epoch = Upload("MP-001", "2024-Q3", new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var lastDayOfPrevious = Upload("MP-001", "2024-Q2", new DateTimeOffset(2024, 3, 31, 23, 59, 59, TimeSpan.Zero));
        var firstInstant = Upload("MP-002", "2024-Q2", new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal([false, false, true], ReceiptTimes.Mark([epoch, lastDayOfPrevious, firstInstant]).Select(r => r.TimeKnown));
    }

    [Fact]
    public void Completeness_UnknownTimesAreNeitherOnTimeNorLate()
    {
        var registry = CompletenessTests.CompletenessRegistry();
        var received = registry.Workshops.Take(2).SelectMany(w => new[] { "2022-Q1", "2022-Q2", "2022-Q3" }.Select(q => Upload(w.WorkshopId, q, Noon))).ToList();
        var result = Completeness.Compute(registry, received, new Quarter(2022, 1), new Quarter(2022, 3), Settings.ReportingOptions.Default);
        var national = result.National.Where(r => r.Received > 0).ToList();
        Assert.NotEmpty(national);
        Assert.All(national, r => Assert.Equal((0, 0, r.Received, (decimal?)null), (r.OnTime, r.Late, r.TimeUnknown, r.TimelinessRate)));
    }

    [Fact]
    public void RiskFeatures_UnknownTimesNeverCountAsLate()
    {
        var (cohort, histories) = SimulatedCohorts.Of(60, 10, 11);
        var oneInstant = new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var copied = WorkshopHistory.FromRecords(cohort.Registry,
            [.. histories.SelectMany(h => h.Returns)],
            [.. histories.SelectMany(h => h.Received).Select(r => r with { ReceivedAt = oneInstant.AddSeconds(r.Quarter.Index % 7) })],
            [.. histories.SelectMany(h => h.Outcomes)],
            cohort.Options.Reporting);
        var last = cohort.Options.LastQuarter;
        var original = RiskFeatureCalculator.ComputeActive(histories, last, RiskOptions.Default);
        var features = RiskFeatureCalculator.ComputeActive(copied, last, RiskOptions.Default);
        Assert.Contains(original, f => f.LateOrMissingReturns > f.MissedReturnCount); // the originals had late returns
        Assert.All(features, f => Assert.Equal(f.MissedReturnCount, f.LateOrMissingReturns));
        Assert.Equal(original.Select(f => f.MissedReturnCount), features.Select(f => f.MissedReturnCount));
    }
}
