using Impact.Web.Access;

namespace Impact.Functions.Tests.Access;

public sealed class AccessPolicyTests
{
    private static readonly Caller Workshop = new("atelier@example.org", Role.Workshop, "MP-002");
    private static readonly Caller Coach = new("coach.c02@example.org", Role.Coach, "C-02");
    private static readonly Caller Ministry = new("dgefp@example.org", Role.Ministry, "");

    [Theory]
    [InlineData(Operation.UploadReturn, "MP-002", true, "own workshop")]
    [InlineData(Operation.ReadRisk, "MP-002", true, "own workshop")]
    [InlineData(Operation.UploadReturn, "MP-001", false, "another workshop's data")]
    [InlineData(Operation.ReadIndicators, "MP-001", false, "another workshop's data")]
    [InlineData(Operation.ReadNationalIndicators, null, false, "only the ministry reads the national view")]
    [InlineData(Operation.RecordFollowUp, "MP-002", false, "only the coach of the alert's workshop records its follow-ups")]
    [InlineData(Operation.ReadCoachAlerts, "C-02", false, "only coaches and the ministry read portfolios")]
    public void Decide_Workshop(Operation operation, string? workshopId, bool allowed, string reason) =>
        Assert.Equal(new AccessDecision(allowed, reason), AccessPolicy.Decide(Workshop, operation, workshopId, "C-02"));

    [Theory]
    [InlineData(Operation.ReadRisk, "C-02", true, "coach of the workshop")]
    [InlineData(Operation.ReadReturn, "C-02", true, "coach of the workshop")]
    [InlineData(Operation.ReadRisk, "C-01", false, "not the coach of this workshop")]
    [InlineData(Operation.ReadRisk, null, false, "not the coach of this workshop")]
    [InlineData(Operation.UploadReturn, "C-02", false, "only the workshop uploads its returns")]
    [InlineData(Operation.RecordFollowUp, "C-02", true, "coach of the alert's workshop")]
    [InlineData(Operation.RecordFollowUp, "C-01", false, "only the coach of the alert's workshop records its follow-ups")]
    [InlineData(Operation.RecordFollowUp, null, false, "only the coach of the alert's workshop records its follow-ups")]
    public void Decide_Coach(Operation operation, string? coachOfWorkshop, bool allowed, string reason) =>
        Assert.Equal(new AccessDecision(allowed, reason), AccessPolicy.Decide(Coach, operation, "MP-002", coachOfWorkshop));

    [Theory]
    [InlineData(Operation.ReadNationalIndicators, null, true, "ministry reads the national view")]
    [InlineData(Operation.ReadRisk, "MP-007", true, "ministry reads every workshop")]
    [InlineData(Operation.UploadReturn, "MP-007", false, "only the workshop uploads its returns")]
    [InlineData(Operation.RecordFollowUp, "MP-007", false, "only the coach of the alert's workshop records its follow-ups")]
    [InlineData(Operation.ReadCoachAlerts, "C-01", true, "ministry reads every portfolio")]
    public void Decide_Ministry(Operation operation, string? workshopId, bool allowed, string reason) =>
        Assert.Equal(new AccessDecision(allowed, reason), AccessPolicy.Decide(Ministry, operation, workshopId, null));

    [Fact]
    public void SeesRiskReasons_CoachAndMinistryOnly() =>
        Assert.Equal([false, true, true], new[] { Workshop, Coach, Ministry }.Select(AccessPolicy.SeesRiskReasons));
}
