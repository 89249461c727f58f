using System.ComponentModel.DataAnnotations;

namespace Impact.Analytics.Settings;

/// <summary>
/// Who is told what, and when, beyond the risk alerts: reminders of returns to workshops, the coaches' digest, the
/// re-sending of alerts nobody acted on. Bound from the <c>FollowUp</c> section (<c>FollowUp__OpenQuarters</c>, …).
/// </summary>
public sealed record FollowUpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "FollowUp";

    /// <summary>
    /// The quarters still open to a return, counted back from the last quarter that has ended (default 2: with an
    /// as-of of 2024-Q3, 2024-Q3 and 2024-Q2). Reminders and digests concern these quarters only; an older missing
    /// return stays in the completeness figures.
    /// </summary>
    [Range(1, 8, ErrorMessage = "attendu de {1} à {2} trimestres")]
    public int OpenQuarters { get; init; } = 2;

    /// <summary>Days before a quarter's deadline at which a workshop that has sent nothing is reminded (default 7).</summary>
    [Range(1, 60, ErrorMessage = "attendu un nombre de jours de {1} à {2}")]
    public int ReminderDaysBefore { get; init; } = 7;

    /// <summary>Days after a quarter's deadline at which a workshop that has still sent nothing is reminded again (default 3).</summary>
    [Range(1, 60, ErrorMessage = "attendu un nombre de jours de {1} à {2}")]
    public int ReminderDaysAfter { get; init; } = 3;

    /// <summary>Whether a workshop also gets a receipt when its return is accepted without warning (default no).</summary>
    public bool SendReceipts { get; init; }

    /// <summary>The day of the week on which coaches get their digest (default Monday; UTC).</summary>
    public DayOfWeek DigestDay { get; init; } = DayOfWeek.Monday;

    /// <summary>Days after an alert was sent without any follow-up at which it is sent again, once, and listed for the ministry (default 14).</summary>
    [Range(1, 180, ErrorMessage = "attendu un nombre de jours de {1} à {2}")]
    public int ResendAfterDays { get; init; } = 14;

    /// <summary>The defaults.</summary>
    public static FollowUpOptions Default { get; } = new();

    /// <summary>The quarters open to a return at <paramref name="asOf"/>, oldest first.</summary>
    public IReadOnlyList<Quarter> OpenQuartersAt(Quarter asOf) =>
        [.. Enumerable.Range(0, OpenQuarters).Select(i => asOf.AddQuarters(i - OpenQuarters + 1))];
}
