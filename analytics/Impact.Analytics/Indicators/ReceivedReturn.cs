namespace Impact.Analytics.Indicators;

/// <summary>
/// One upload as completeness needs it: which workshop and quarter, when, whether it was accepted.
/// </summary>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="Quarter">The quarter declared.</param>
/// <param name="ReceivedAt">
/// For an accepted return, when its first accepted version was received (a later correction does not make a
/// return late); for a rejected upload, when it was received. The caller decides from its records.
/// </param>
/// <param name="Accepted">Whether the upload was accepted.</param>
/// <param name="Status">active, suspended or closed, as declared in the accepted return; null when rejected.</param>
/// <param name="TimeKnown">
/// Whether <paramref name="ReceivedAt"/> is a real receipt time; false when <see cref="ReceiptTimes.Mark"/> found it lost
/// (a copied or exported folder): the return is then neither on time nor late.
/// </param>
public sealed record ReceivedReturn(string WorkshopId, Quarter Quarter, DateTimeOffset ReceivedAt, bool Accepted, string? Status, bool TimeKnown = true);
