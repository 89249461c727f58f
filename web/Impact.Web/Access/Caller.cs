namespace Impact.Web.Access;

/// <summary>The three roles of the HTTP API (README, "HTTP API").</summary>
public enum Role
{
    /// <summary>A workshop: its own returns, indicators and risk level.</summary>
    Workshop,

    /// <summary>A coach: the workshops they follow (registry column coach_id), with risk reasons.</summary>
    Coach,

    /// <summary>The ministry: every workshop and the national view.</summary>
    Ministry,
}

/// <summary>What a request asks to do.</summary>
public enum Operation
{
    /// <summary>Upload a return, or ask for an upload URL.</summary>
    UploadReturn,

    /// <summary>Read the status and validation report of a return.</summary>
    ReadReturn,

    /// <summary>Read a workshop's indicators.</summary>
    ReadIndicators,

    /// <summary>Read a workshop's risk level (and, for coaches and the ministry, its score and reasons).</summary>
    ReadRisk,

    /// <summary>Read the national indicators of a quarter, or the national views (every workshop, risk and reasons).</summary>
    ReadNationalIndicators,

    /// <summary>Open one's own home in the signed-in views (any known account).</summary>
    ReadHome,

    /// <summary>Read a coach's portfolio (the route names the coach, not a workshop).</summary>
    ReadPortfolio,

    /// <summary>Read the alerts of a coach's workshops and their follow-ups (the route names the coach): that coach and the ministry.</summary>
    ReadCoachAlerts,

    /// <summary>Record what was done about an alert (the route names the alert): the coach of its workshop only.</summary>
    RecordFollowUp,
}

/// <summary>An identified caller: the account from the platform's principal, its role and what it is bound to.</summary>
/// <param name="Account">The account as listed in registry/accounts.csv (e-mail or object id).</param>
/// <param name="Role">The role.</param>
/// <param name="Scope">The workshop id (workshop), the coach id (coach), empty (ministry).</param>
public sealed record Caller(string Account, Role Role, string Scope);

/// <summary>An access decision; <paramref name="Reason"/> says why, for the log (English, no payload).</summary>
public sealed record AccessDecision(bool Allowed, string Reason)
{
    /// <summary>Allowed, with the rule that allowed it.</summary>
    public static AccessDecision Allow(string reason) => new(true, reason);

    /// <summary>Denied, with the rule that denied it.</summary>
    public static AccessDecision Deny(string reason) => new(false, reason);
}
