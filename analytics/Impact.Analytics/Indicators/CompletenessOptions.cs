using Impact.Analytics.Validation;

namespace Impact.Analytics.Indicators;

/// <summary>The settings of <see cref="Completeness"/>.</summary>
public sealed record CompletenessOptions
{
    /// <summary>
    /// Days after the last day of a quarter during which a return counts as on time (default 30): a return is on
    /// time when received before 00:00 UTC of the day <c>LastDay + 1 + DeadlineDays</c>, i.e. by the end of
    /// day <c>LastDay + DeadlineDays</c> (UTC). For 2024-Q3 and 30 days: by 2024-10-30 23:59:59 UTC.
    /// </summary>
    public int DeadlineDays { get; init; } = 30;

    /// <summary>Quarters of follow-up after the quarter in which support ends (DOMAIN.md: four, a setting).</summary>
    public int FollowUpQuarters { get; init; } = ValidationContext.DefaultFollowUpQuarters;
}
