namespace Impact.Analytics.Indicators;

/// <summary>
/// Where a quarter lies in a workshop's support (DOMAIN.md: about 2.5 years, per-workshop data in the
/// registry). Written <c>in</c> and <c>after</c> in indicators.csv.
/// </summary>
public enum SupportPhase
{
    /// <summary>The quarter is on or before the quarter of the registry's <c>support_end</c>.</summary>
    In,

    /// <summary>The quarter is after the quarter of <c>support_end</c>: the follow-up period.</summary>
    After,
}
