namespace Impact.Web.Access;

/// <summary>
/// Who may do what (pure): a workshop uploads and reads its own returns, indicators and risk level; a coach reads
/// the returns, indicators and risk reasons of the workshops they follow; only the ministry reads the national view
/// and every workshop. Nobody but the workshop itself uploads its returns. A coach's portfolio is read by that coach
/// and the ministry, and so are the alerts of their workshops; only the coach of a workshop records what was done about
/// its alerts. Every known account has a home.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Decides one request.</summary>
    /// <param name="caller">The identified caller.</param>
    /// <param name="operation">What is asked.</param>
    /// <param name="workshopId">The workshop the request is about (null for the national view); for <see cref="Operation.ReadPortfolio"/>, the coach.</param>
    /// <param name="coachOfWorkshop">The workshop's coach_id in the registry, or null when the workshop is not registered.</param>
    public static AccessDecision Decide(Caller caller, Operation operation, string? workshopId, string? coachOfWorkshop)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (operation == Operation.ReadNationalIndicators)
        {
            return caller.Role == Role.Ministry
                ? AccessDecision.Allow("ministry reads the national view")
                : AccessDecision.Deny("only the ministry reads the national view");
        }

        if (operation == Operation.ReadHome)
        {
            return AccessDecision.Allow("a known account opens its home");
        }

        if (operation is Operation.ReadPortfolio or Operation.ReadCoachAlerts)
        {
            return caller.Role switch
            {
                Role.Ministry => AccessDecision.Allow("ministry reads every portfolio"),
                Role.Coach when !string.IsNullOrEmpty(workshopId) && string.Equals(caller.Scope, workshopId, StringComparison.Ordinal) => AccessDecision.Allow("own portfolio"),
                Role.Coach => AccessDecision.Deny("another coach's portfolio"),
                _ => AccessDecision.Deny("only coaches and the ministry read portfolios"),
            };
        }

        if (string.IsNullOrEmpty(workshopId))
        {
            return AccessDecision.Deny("no workshop named");
        }

        if (operation == Operation.RecordFollowUp)
        {
            // What was done about an alert is the coach's account of their own work: nobody else writes it.
            return caller.Role == Role.Coach && coachOfWorkshop is not null && string.Equals(caller.Scope, coachOfWorkshop, StringComparison.Ordinal)
                ? AccessDecision.Allow("coach of the alert's workshop")
                : AccessDecision.Deny("only the coach of the alert's workshop records its follow-ups");
        }

        return caller.Role switch
        {
            Role.Workshop when string.Equals(caller.Scope, workshopId, StringComparison.Ordinal) => AccessDecision.Allow("own workshop"),
            Role.Workshop => AccessDecision.Deny("another workshop's data"),
            Role.Coach when operation == Operation.UploadReturn => AccessDecision.Deny("only the workshop uploads its returns"),
            Role.Coach when coachOfWorkshop is not null && string.Equals(caller.Scope, coachOfWorkshop, StringComparison.Ordinal) => AccessDecision.Allow("coach of the workshop"),
            Role.Coach => AccessDecision.Deny("not the coach of this workshop"),
            Role.Ministry when operation == Operation.UploadReturn => AccessDecision.Deny("only the workshop uploads its returns"),
            Role.Ministry => AccessDecision.Allow("ministry reads every workshop"),
            _ => AccessDecision.Deny("unknown role"),
        };
    }

    /// <summary>Whether the caller sees a risk score and its reasons, not only the level: coaches and the ministry.</summary>
    public static bool SeesRiskReasons(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role is Role.Coach or Role.Ministry;
    }
}
