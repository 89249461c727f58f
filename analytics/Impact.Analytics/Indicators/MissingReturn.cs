namespace Impact.Analytics.Indicators;

/// <summary>
/// An expected return that has not been accepted: a line of a coach's reminder list (DOMAIN.md: "a reminder
/// list of missing returns"), <c>indicators/missing_returns.csv</c>.
/// </summary>
/// <param name="Quarter">The quarter whose return is missing.</param>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="WorkshopName">Its name (registry).</param>
/// <param name="CoachId">Its coach (registry).</param>
/// <param name="CoachEmail">The coach's e-mail address (registry).</param>
/// <param name="Deadline">The last day (UTC) on which the return counts as on time (<see cref="Settings.ReportingOptions.DeadlineDay"/>).</param>
/// <param name="RejectedSubmission">An upload for this quarter was rejected: the workshop tried and needs help to correct it.</param>
public sealed record MissingReturn(
    Quarter Quarter,
    string WorkshopId,
    string WorkshopName,
    string CoachId,
    string CoachEmail,
    DateOnly Deadline,
    bool RejectedSubmission);
