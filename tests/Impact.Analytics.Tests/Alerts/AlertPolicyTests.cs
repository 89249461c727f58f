using Impact.Analytics.Alerts;
using Impact.Analytics.Registry;
using Impact.Analytics.Risk;

namespace Impact.Analytics.Tests.Alerts;

public sealed class AlertPolicyTests
{
    private static readonly Quarter Q3 = new(2024, 3);

    /// <summary>Six workshops: W1–W5 followed by coach C-01, W6 by C-02.</summary>
    private static readonly WorkshopRegistry Registry = new(
        Enumerable.Range(1, 6).Select(i => SampleReturns.Workshop($"W{i}", new DateOnly(2022, 7, 12), new DateOnly(2025, 1, 31)) with
        {
            Name = $"Atelier {i}",
            CoachId = i <= 5 ? "C-01" : "C-02",
            CoachEmail = i <= 5 ? "c01@example.org" : "c02@example.org",
        }));

    private static RiskScore Score(string id, RiskLevel level, double score) =>
        new(id, Q3, score, level, "scorecard", [$"raison de {id}"]);

    private static AlertDecision Decide(IReadOnlyList<RiskScore> scores, Dictionary<string, RiskLevel>? previous = null, HashSet<AlertKey>? sent = null, HashSet<string>? closed = null, int capacity = 5) =>
        AlertPolicy.Decide(scores, previous ?? [], sent ?? [], Registry, closed ?? [], capacity);

    [Fact]
    public void Decide_EnteringAmberOrRedAlerts()
    {
        var decision = Decide([Score("W1", RiskLevel.Amber, 0.4), Score("W2", RiskLevel.Red, 0.8), Score("W3", RiskLevel.Green, 0.1)],
            new() { ["W1"] = RiskLevel.Green });

        Assert.Equal(["W2", "W1"], decision.ToSend.Select(a => a.WorkshopId));
        var first = decision.ToSend[0];
        Assert.Equal((RiskLevel.Red, (RiskLevel?)null, "Atelier 2", "c01@example.org"), (first.Level, first.PreviousLevel, first.WorkshopName, first.CoachEmail));
        Assert.Equal(RiskLevel.Green, decision.ToSend[1].PreviousLevel);
        Assert.Empty(decision.OverCapacity);
    }

    [Fact]
    public void Decide_RisingALevelAlertsButStayingDoesNot()
    {
        var decision = Decide([Score("W1", RiskLevel.Red, 0.7), Score("W2", RiskLevel.Amber, 0.5), Score("W3", RiskLevel.Amber, 0.4)],
            new() { ["W1"] = RiskLevel.Amber, ["W2"] = RiskLevel.Amber, ["W3"] = RiskLevel.Red });

        Assert.Equal(["W1"], decision.ToSend.Select(a => a.WorkshopId));
    }

    [Fact]
    public void Decide_NeverTwiceForTheSameWorkshopQuarterAndLevel()
    {
        var decision = Decide([Score("W1", RiskLevel.Red, 0.9)], sent: [new AlertKey("W1", Q3, RiskLevel.Red)]);
        Assert.Empty(decision.ToSend);

        var again = Decide([Score("W1", RiskLevel.Red, 0.9)], sent: [new AlertKey("W1", Q3, RiskLevel.Amber)]);
        Assert.Single(again.ToSend);
    }

    [Fact]
    public void Decide_ClosedWorkshopsAreNotAlerted() =>
        Assert.Empty(Decide([Score("W1", RiskLevel.Red, 0.9)], closed: ["W1"]).ToSend);

    [Fact]
    public void Decide_CapacityPerCoachKeepsTheHighestRisk()
    {
        var decision = Decide(
            [Score("W1", RiskLevel.Amber, 0.45), Score("W2", RiskLevel.Red, 0.7), Score("W3", RiskLevel.Amber, 0.5), Score("W4", RiskLevel.Red, 0.9), Score("W6", RiskLevel.Amber, 0.3)],
            sent: [new AlertKey("W5", Q3, RiskLevel.Red)],
            capacity: 3);

        // C-01 had one alert this quarter already (W5): two more, the reds first; C-02 has room for its one.
        Assert.Equal(["W4", "W2", "W6"], decision.ToSend.Select(a => a.WorkshopId));
        Assert.Equal(["W3", "W1"], decision.OverCapacity.Select(a => a.WorkshopId));
    }

    [Fact]
    public void RiskAlert_JsonRoundTrips()
    {
        var alert = Decide([Score("W2", RiskLevel.Red, 0.8)], new() { ["W2"] = RiskLevel.Amber }).ToSend[0];
        var json = alert.ToJson();
        Assert.Contains("\"level\":\"red\"", json, StringComparison.Ordinal);
        Assert.Contains("\"quarter\":\"2024-Q3\"", json, StringComparison.Ordinal);
        Assert.Equal(alert with { Reasons = [] }, RiskAlert.FromJson(json) with { Reasons = [] });
        Assert.Equal(alert.Reasons, RiskAlert.FromJson(json).Reasons);
    }

    [Fact]
    public void RiskAlert_MalformedMessageIsAnImpactException() =>
        Assert.Throws<ImpactException>(() => RiskAlert.FromJson("{pas du json"));
}
