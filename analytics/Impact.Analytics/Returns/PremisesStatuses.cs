namespace Impact.Analytics.Returns;

/// <summary>
/// The values of <c>premises_status</c> (schema v1), spelled once: the schema's choices, the validator's rules, the risk
/// features and the scorecard all name them from here.
/// </summary>
public static class PremisesStatuses
{
    /// <summary>The workshop owns its premises.</summary>
    public const string Owned = "owned";

    /// <summary>The premises are provided by a local authority.</summary>
    public const string LocalAuthorityProvided = "local_authority_provided";

    /// <summary>A lease at market price.</summary>
    public const string Leased = "leased";

    /// <summary>A temporary occupancy agreement.</summary>
    public const string TemporaryAgreement = "temporary_agreement";

    /// <summary>No premises.</summary>
    public const string None = "none";

    /// <summary>Whether the status comes with an end date (lease or agreement): <c>lease_end</c> is then expected.</summary>
    public static bool HasEndDate(string? status) => status is Leased or TemporaryAgreement;
}
