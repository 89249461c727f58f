using Impact.Analytics.Alerts;
using Impact.Analytics.Registry;
using Impact.Analytics.Risk;

namespace Impact.Analytics.Tests.Alerts;

public sealed class AlertPolicyTests
{
    private static readonly Quarter Q3 = new(2024, 3);
    private static readonly Quarter Q2 = new(2024, 2);

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

    private static AlertDecision Decide(IReadOnlyList<RiskScore> scores, Dictionary<string, RiskLevel>? previous = null, HashSet<AlertKey>? sent = null, HashSet<string>? closed = null, int capacity = 5,
        IReadOnlyList<AlertKey>? held = null) =>
        AlertPolicy.Decide(scores, previous ?? [], [.. (sent ?? []).Select(k => new PastAlert(k, Held: false)), .. (held ?? []).Select(k => new PastAlert(k, Held: true))],
            Registry, closed ?? [], capacity);

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
    public void Decide_RisingALevelAlertsButStayingOrEasingDoesNot()
    {
        // The coach was told last quarter: W1 amber, W2 amber, W3 red.
        var decision = Decide([Score("W1", RiskLevel.Red, 0.7), Score("W2", RiskLevel.Amber, 0.5), Score("W3", RiskLevel.Amber, 0.4)],
            new() { ["W1"] = RiskLevel.Amber, ["W2"] = RiskLevel.Amber, ["W3"] = RiskLevel.Red },
            sent: [new AlertKey("W1", Q2, RiskLevel.Amber), new AlertKey("W2", Q2, RiskLevel.Amber), new AlertKey("W3", Q2, RiskLevel.Red)]);

        Assert.Equal(["W1"], decision.ToSend.Select(a => a.WorkshopId));
    }

    /// <summary>The first run has no history: workshops already red or amber the quarter before are news to their coach.</summary>
    [Fact]
    public void Decide_FirstRunAlertsEveryWorkshopAlreadyAmberOrRed()
    {
        var decision = Decide([Score("W1", RiskLevel.Red, 0.7), Score("W2", RiskLevel.Amber, 0.5), Score("W3", RiskLevel.Green, 0.1)],
            new() { ["W1"] = RiskLevel.Red, ["W2"] = RiskLevel.Red, ["W3"] = RiskLevel.Red });

        Assert.Equal([("W1", RiskLevel.Red, (RiskLevel?)RiskLevel.Red), ("W2", RiskLevel.Amber, RiskLevel.Red)],
            decision.ToSend.Select(a => (a.WorkshopId, a.Level, a.PreviousLevel)));
    }

    /// <summary>Told of red in 2024-Q1, back to green in 2024-Q2, red again: news; and an amber told of does not cover a red.</summary>
    [Fact]
    public void Decide_ComingBackFromGreenOrAboveWhatWasToldIsNews()
    {
        var decision = Decide([Score("W1", RiskLevel.Red, 0.7), Score("W2", RiskLevel.Red, 0.6)],
            new() { ["W1"] = RiskLevel.Green, ["W2"] = RiskLevel.Red },
            sent: [new AlertKey("W1", new Quarter(2024, 1), RiskLevel.Red), new AlertKey("W2", Q2, RiskLevel.Amber)]);

        Assert.Equal(["W1", "W2"], decision.ToSend.Select(a => a.WorkshopId));
    }

    /// <summary>
    /// W3 was held back in 2024-Q2 and is still amber: it is offered again although its level did not change, before a
    /// new amber of higher score (capacity 1 left), and says since when it waited; a red still comes first.
    /// </summary>
    [Fact]
    public void Decide_HeldBackAlertIsCarriedForwardFirstWithinItsLevel()
    {
        var scores = new[] { Score("W1", RiskLevel.Amber, 0.6), Score("W3", RiskLevel.Amber, 0.4) };
        var decision = Decide(scores, new() { ["W1"] = RiskLevel.Green, ["W3"] = RiskLevel.Amber }, capacity: 1, held: [new AlertKey("W3", Q2, RiskLevel.Amber)]);

        Assert.Equal([("W3", (Quarter?)Q2)], decision.ToSend.Select(a => (a.WorkshopId, a.HeldSince)));
        Assert.Equal([("W1", (Quarter?)null)], decision.OverCapacity.Select(a => (a.WorkshopId, a.HeldSince)));

        var withRed = Decide([.. scores, Score("W2", RiskLevel.Red, 0.8)], new() { ["W1"] = RiskLevel.Green, ["W3"] = RiskLevel.Amber }, capacity: 1,
            held: [new AlertKey("W3", Q2, RiskLevel.Amber)]);
        Assert.Equal(["W2"], withRed.ToSend.Select(a => a.WorkshopId));
        Assert.Equal(["W3", "W1"], withRed.OverCapacity.Select(a => a.WorkshopId));
    }

    /// <summary>A held alert followed by a sent one (a later quarter, or the same quarter at that level or higher) is no longer pending.</summary>
    [Fact]
    public void PendingHeld_EndsWhenAnAlertAboutTheWorkshopIsSent()
    {
        var held = new PastAlert(new AlertKey("W3", Q2, RiskLevel.Red), Held: true);
        Assert.Equal([held], AlertPolicy.PendingHeld([held, new PastAlert(new AlertKey("W3", Q2, RiskLevel.Amber), Held: false)]));
        Assert.Empty(AlertPolicy.PendingHeld([held, new PastAlert(new AlertKey("W3", Q3, RiskLevel.Amber), Held: false)]));
        Assert.Empty(AlertPolicy.PendingHeld([held, new PastAlert(new AlertKey("W3", Q2, RiskLevel.Red), Held: false)]));

        // Still amber, told of amber before the hold: the held red keeps it news.
        var decision = Decide([Score("W3", RiskLevel.Amber, 0.5)], new() { ["W3"] = RiskLevel.Red },
            sent: [new AlertKey("W3", new Quarter(2024, 1), RiskLevel.Red)], held: [new AlertKey("W3", Q2, RiskLevel.Red)]);
        Assert.Equal([("W3", (Quarter?)Q2)], decision.ToSend.Select(a => (a.WorkshopId, a.HeldSince)));
    }

    [Fact]
    public void AlertIds_RoundTripAndRefuseOtherText()
    {
        var key = new AlertKey("MP-002", Q3, RiskLevel.Red);
        Assert.Equal("2024-Q3~MP-002~red", AlertIds.Of(key));
        Assert.True(AlertIds.TryParse("2024-Q3~MP-002~red", out var parsed));
        Assert.Equal(key, parsed);
        Assert.False(AlertIds.TryParse("2024-Q3~MP-002", out _));
        Assert.False(AlertIds.TryParse("2024-Q9~MP-002~red", out _));
        Assert.False(AlertIds.TryParse("2024-Q3~~red", out _));
        Assert.False(AlertIds.TryParse("2024-Q3~MP-002~violet", out _));
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
