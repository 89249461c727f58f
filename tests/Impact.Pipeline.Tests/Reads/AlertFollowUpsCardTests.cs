using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.Dashboard;
using Impact.Analytics.Risk;
using Impact.Pipeline.Records;
using Impact.Pipeline.Reads;

namespace Impact.Pipeline.Tests.Reads;

/// <summary>A portfolio card's « Alertes envoyées », derived from the alerts the follow-up section already read.</summary>
public sealed class AlertFollowUpsCardTests
{
    private static readonly DateTimeOffset Sent = new(2024, 10, 21, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Attempted = new(2024, 10, 22, 8, 0, 0, TimeSpan.Zero);

    private static AlertWithFollowUps Alert(string workshop, Quarter quarter, RiskLevel level, AlertDelivery delivery) => new(
        new StoredAlert(new AlertKey(workshop, quarter, level), workshop, "C-01", "c01@example.org", 0.8, "scorecard", ["trésorerie"], delivery,
            delivery == AlertDelivery.Sent ? Sent : null, null) { AttemptedAt = delivery == AlertDelivery.Sending ? Attempted : null },
        [], null);

    [Fact]
    public void SentByWorkshop_KeepsTheEmailedAlertsOfTheLastFourQuartersNewestFirst()
    {
        var asOf = new Quarter(2024, 3);
        var cards = AlertFollowUps.SentByWorkshop(
        [
            Alert("MP-001", new Quarter(2024, 2), RiskLevel.Amber, AlertDelivery.Sent),
            Alert("MP-001", asOf, RiskLevel.Red, AlertDelivery.Sending),
            Alert("MP-001", new Quarter(2023, 3), RiskLevel.Red, AlertDelivery.Sent),   // five quarters back: not on the card
            Alert("MP-002", asOf, RiskLevel.Red, AlertDelivery.Held),                    // never e-mailed
            Alert("MP-003", new Quarter(2024, 4), RiskLevel.Red, AlertDelivery.Sent),   // after the run's quarter
        ], asOf);

        Assert.Equal(["MP-001"], cards.Keys);
        Assert.Equal(
            [new AlertView(asOf, "red", Attempted, false), new AlertView(new Quarter(2024, 2), "amber", Sent, true)],
            cards["MP-001"]);
    }
}
