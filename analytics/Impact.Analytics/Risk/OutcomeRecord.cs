namespace Impact.Analytics.Risk;

/// <summary>
/// An event the ministry recorded about a workshop (DOMAIN.md, "Outcomes and risk"): a row of
/// <c>registry/outcomes.csv</c>, read by <see cref="OutcomeCsv"/>.
/// </summary>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="Quarter">The quarter of the event.</param>
/// <param name="Event"><see cref="ClosedEvent"/>, <see cref="DistressEvent"/> or <see cref="RecoveredEvent"/>.</param>
/// <param name="Note">A short French note; may be empty.</param>
public sealed record OutcomeRecord(string WorkshopId, Quarter Quarter, string Event, string Note)
{
    /// <summary>The workshop closed in the quarter.</summary>
    public const string ClosedEvent = "closed";

    /// <summary>The ministry recorded distress; it lasts until a later <see cref="RecoveredEvent"/>.</summary>
    public const string DistressEvent = "distress";

    /// <summary>The workshop recovered from a recorded distress.</summary>
    public const string RecoveredEvent = "recovered";

    /// <summary>The events an outcome may record, in the order of the documentation.</summary>
    public static IReadOnlyList<string> Events { get; } = [ClosedEvent, DistressEvent, RecoveredEvent];
}
