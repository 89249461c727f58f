using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Risk;
using Impact.Analytics.Tests.Indicators;

namespace Impact.Analytics.Tests.Risk;

/// <summary>Hand-made histories for the risk tests, with round figures.</summary>
internal static class RiskSamples
{
    /// <summary>
    /// MP-010: labelled 2022-01-15 (quarter 0 = 2022-Q1), support to 2024-06-30 (2024-Q2), so returns are expected from
    /// 2022-Q1 to 2025-Q2 with four quarters of follow-up; wave 1.
    /// </summary>
    public static Workshop Workshop(string id = "MP-010") =>
        SampleReturns.Workshop(id, new DateOnly(2022, 1, 15), new DateOnly(2024, 6, 30)) with { Wave = 1 };

    /// <summary>
    /// A return of MP-010 with the figures of <see cref="IndicatorSamples.Return"/> unless changed: own revenue €35,000
    /// (services €12,000 of it), subsidies €15,000, expenses €45,000, cash €30,000 (2 months), investment aid €15,000,
    /// 700 of 1000 machine hours, 13 hosted enterprises, 6 staff, 2 jobs created and 1 lost, leased until 2028-06-30,
    /// a local-authority partner.
    /// </summary>
    public static QuarterlyReturn Return(string quarter, params (string Key, string? Value)[] changes) =>
        IndicatorSamples.Return("MP-010", quarter, changes);

    /// <summary>An upload of MP-010 for <paramref name="quarter"/>, <paramref name="days"/> days after the quarter's end (the deadline is 30 days).</summary>
    public static ReceivedReturn Received(string quarter, int days = 10, bool accepted = true, string? status = "active", string id = "MP-010")
    {
        var q = Quarter.Parse(quarter);
        return new ReceivedReturn(id, q, new DateTimeOffset(q.LastDay.AddDays(days).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), accepted, accepted ? status : null);
    }

    /// <summary>A history of MP-010 whose returns were each received on time.</summary>
    public static WorkshopHistory History(params QuarterlyReturn[] returns) =>
        new(Workshop(), returns, [.. returns.Select(r => Received(r.Quarter.ToString(), status: r.Status))], []);

    /// <summary>
    /// Five workshops of wave 1 (MP-011 to MP-015) with one return each for 2022-Q1, received on time, with cash runways of
    /// 0.8, 3.0, 4.1, 5.0 and 6.0 months (cash €12,000 to €90,000 against €45,000 of expenses a quarter).
    /// </summary>
    public static List<WorkshopHistory> FiveRunways()
    {
        var runways = new[] { ("MP-011", "12000"), ("MP-012", "45000"), ("MP-013", "61500"), ("MP-014", "75000"), ("MP-015", "90000") };
        return
        [
            .. runways.Select(w => new WorkshopHistory(
                Workshop(w.Item1),
                [IndicatorSamples.Return(w.Item1, "2022-Q1", ("cash_end", w.Item2))],
                [Received("2022-Q1", id: w.Item1)],
                [])),
        ];
    }

    public static OutcomeRecord Outcome(string quarter, string outcomeEvent, string id = "MP-010") =>
        new(id, Quarter.Parse(quarter), outcomeEvent, "");
}
