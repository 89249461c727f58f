namespace Impact.Analytics.Indicators;

/// <summary>
/// Completeness and timeliness of returns in one quarter for one group of workshops: a row of
/// <c>indicators/completeness.csv</c> (<see cref="CompletenessCsv"/>).
/// </summary>
/// <param name="Dimension">A <see cref="Breakdown"/> key: national, wave, territory_type, region or coach_id.</param>
/// <param name="Group">The group within the dimension ("all" for national).</param>
/// <param name="Quarter">The quarter.</param>
/// <param name="Expected">Workshops expected to return this quarter (<see cref="Completeness"/>).</param>
/// <param name="Received">Expected workshops with an accepted return for the quarter.</param>
/// <param name="OnTime">Received before the deadline (<see cref="Settings.ReportingOptions.DeadlineDays"/>).</param>
/// <param name="Late">Received at or after the deadline: <paramref name="Received"/> − <paramref name="OnTime"/> − <paramref name="TimeUnknown"/>.</param>
/// <param name="Missing">Expected without an accepted return: <paramref name="Expected"/> − <paramref name="Received"/>.</param>
/// <param name="CompletenessRate">Received / expected, 4 decimals; null when nothing is expected.</param>
/// <param name="TimelinessRate">On time / expected, 4 decimals; null when nothing is expected or some receipt time is unknown.</param>
/// <param name="TimeUnknown">Received, but whose receipt time was lost (<see cref="ReceiptTimes"/>): neither on time nor late.</param>
public sealed record CompletenessRow(
    string Dimension,
    string Group,
    Quarter Quarter,
    int Expected,
    int Received,
    int OnTime,
    int Late,
    int Missing,
    decimal? CompletenessRate,
    decimal? TimelinessRate,
    int TimeUnknown = 0);
