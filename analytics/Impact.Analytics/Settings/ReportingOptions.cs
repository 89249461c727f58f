using System.ComponentModel.DataAnnotations;

namespace Impact.Analytics.Settings;

/// <summary>
/// The reporting obligations of a workshop, declared once and read by everything that judges a return: ingestion
/// (the reporting window), completeness and timeliness, risk features and labels (late or missing returns), and the
/// simulator. Bound from the <c>Reporting</c> section (<c>Reporting__DeadlineDays</c>, <c>Reporting__FollowUpQuarters</c>).
/// </summary>
public sealed record ReportingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reporting";

    /// <summary>
    /// Days after the last day of a quarter during which its return is on time (default 30): on time when received
    /// before 00:00 UTC of the day <c>LastDay + 1 + DeadlineDays</c>. For 2024-Q3 and 30 days: by 2024-10-30 23:59:59 UTC.
    /// </summary>
    [Range(0, 365, ErrorMessage = "attendu un nombre de jours de {1} à {2}")]
    public int DeadlineDays { get; init; } = 30;

    /// <summary>
    /// Quarters of follow-up after the quarter in which support ends during which returns are still expected
    /// (DOMAIN.md: four, a setting). The reporting window runs from the labelling quarter to support end plus these.
    /// </summary>
    [Range(0, 40, ErrorMessage = "attendu un nombre de trimestres de {1} à {2}")]
    public int FollowUpQuarters { get; init; } = 4;

    /// <summary>The defaults: 30 days, 4 follow-up quarters.</summary>
    public static ReportingOptions Default { get; } = new();

    /// <summary>The last day (UTC) on which a return for <paramref name="quarter"/> is on time: its last day plus <see cref="DeadlineDays"/>.</summary>
    public DateOnly DeadlineDay(Quarter quarter) => quarter.LastDay.AddDays(DeadlineDays);

    /// <summary>The first instant at which a return for <paramref name="quarter"/> is late: 00:00 UTC of the day after <see cref="DeadlineDay"/>.</summary>
    public DateTimeOffset DeadlineInstant(Quarter quarter) =>
        new(DeadlineDay(quarter).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
