using System.Globalization;
using Impact.Analytics.Registry;
using Impact.Analytics.Settings;

namespace Impact.Analytics.Indicators;

/// <summary>
/// Completeness and timeliness of quarterly returns (DOMAIN.md: the ministry's completeness dashboard, the
/// coaches' reminder list of missing returns).
/// <list type="bullet">
/// <item>A workshop is <b>expected</b> at quarter q when q lies in its reporting window
/// (<see cref="Workshop.Expects"/>: from the quarter of labelling through the quarter of support_end plus
/// <see cref="ReportingOptions.FollowUpQuarters"/>) and it has not closed before q: closed means an accepted
/// return declaring status "closed" for a quarter earlier than q (the closing quarter itself is still expected,
/// and the earliest closing return counts).</item>
/// <item>An expected workshop has <b>received</b> its return when an accepted return exists for (workshop, q);
/// a rejected upload alone leaves the return missing (and flags it as a rejected submission).</item>
/// <item>A received return is <b>on time</b> when its first accepted receipt is before
/// <see cref="ReportingOptions.DeadlineInstant"/>, <b>late</b> otherwise, and of <b>unknown</b> timeliness when that
/// receipt time was lost (<see cref="ReceiptTimes"/>: a copied folder); a cell with any unknown time has no timeliness rate.</item>
/// </list>
/// A return not yet received is missing whether or not its deadline has passed: the caller chooses the last
/// quarter. Uploads for workshops outside the registry, outside [first, last] or not expected are ignored.
/// </summary>
public static class Completeness
{
    /// <summary>The status an accepted return declares when the workshop has closed.</summary>
    public const string ClosedStatus = "closed";

    /// <summary>The dimensions of <see cref="CompletenessResult.Rows"/>, in output order.</summary>
    public static IReadOnlyList<string> Dimensions { get; } =
        [Breakdown.National, Breakdown.Wave, Breakdown.TerritoryType, Breakdown.Region, Breakdown.Coach];

    /// <summary>
    /// Expected, received, on-time, late and missing returns for every quarter from <paramref name="first"/> to
    /// <paramref name="last"/> (inclusive), nationally and by wave, territory type, region and coach, every group
    /// of the registry in every quarter (rates null when nothing is expected); and the list of missing returns.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="last"/> is before <paramref name="first"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative option.</exception>
    public static CompletenessResult Compute(
        WorkshopRegistry registry, IReadOnlyList<ReceivedReturn> received, Quarter first, Quarter last, ReportingOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(received);
        Check(options);
        if (last < first)
        {
            throw new ArgumentException($"The last quarter ({last}) is before the first ({first}).", nameof(last));
        }

        var firstAccepted = new Dictionary<(string WorkshopId, Quarter Quarter), ReceivedReturn>();
        var rejected = new HashSet<(string WorkshopId, Quarter Quarter)>();
        var closedIn = new Dictionary<string, Quarter>(StringComparer.Ordinal);
        foreach (var r in ReceiptTimes.Mark(received))
        {
            var key = (r.WorkshopId, r.Quarter);
            if (!r.Accepted)
            {
                rejected.Add(key);
                continue;
            }

            if (!firstAccepted.TryGetValue(key, out var earliest) || r.ReceivedAt < earliest.ReceivedAt)
            {
                firstAccepted[key] = r;
            }

            if (string.Equals(r.Status, ClosedStatus, StringComparison.Ordinal)
                && (!closedIn.TryGetValue(r.WorkshopId, out var closed) || r.Quarter < closed))
            {
                closedIn[r.WorkshopId] = r.Quarter;
            }
        }

        var quarters = Enumerable.Range(first.Index, last.Index - first.Index + 1).Select(Quarter.FromIndex).ToList();
        var outcomes = new List<(Workshop Workshop, Quarter Quarter, bool Received, bool OnTime, bool TimeUnknown)>();
        var missing = new List<MissingReturn>();
        foreach (var quarter in quarters)
        {
            var deadline = options.DeadlineInstant(quarter);
            foreach (var workshop in registry.Workshops)
            {
                if (!workshop.Expects(quarter, options.FollowUpQuarters)
                    || (closedIn.TryGetValue(workshop.WorkshopId, out var closed) && closed < quarter))
                {
                    continue;
                }

                var key = (workshop.WorkshopId, quarter);
                var isReceived = firstAccepted.TryGetValue(key, out var upload);
                var known = !isReceived || upload!.TimeKnown;
                outcomes.Add((workshop, quarter, isReceived, isReceived && known && upload!.ReceivedAt < deadline, !known));
                if (!isReceived)
                {
                    missing.Add(new MissingReturn(quarter, workshop.WorkshopId, workshop.Name, workshop.CoachId, workshop.CoachEmail,
                        options.DeadlineDay(quarter), rejected.Contains(key)));
                }
            }
        }

        var rows = new List<CompletenessRow>();
        foreach (var dimension in Dimensions)
        {
            var byCell = outcomes.ToLookup(o => (GroupOf(dimension, o.Workshop).Text, o.Quarter));
            var groups = registry.Workshops.Select(w => GroupOf(dimension, w)).Distinct().Order(BreakdownGroupComparer.Instance);
            foreach (var group in groups)
            {
                foreach (var quarter in quarters)
                {
                    var cell = byCell[(group.Text, quarter)].ToList();
                    rows.Add(Row(dimension, group.Text, quarter, cell.Count, cell.Count(o => o.Received), cell.Count(o => o.OnTime), cell.Count(o => o.TimeUnknown)));
                }
            }
        }

        return new CompletenessResult(
            rows,
            [.. missing.OrderBy(m => m.CoachId, StringComparer.Ordinal).ThenBy(m => m.Quarter).ThenBy(m => m.WorkshopId, StringComparer.Ordinal)]);
    }

    private static CompletenessRow Row(string dimension, string group, Quarter quarter, int expected, int received, int onTime, int timeUnknown) =>
        new(dimension, group, quarter, expected, received, onTime, received - onTime - timeUnknown, expected - received,
            Rate(received, expected), timeUnknown > 0 ? null : Rate(onTime, expected), timeUnknown);

    private static decimal? Rate(int count, int expected) =>
        expected == 0 ? null : Math.Round((decimal)count / expected, IndicatorCalculator.RatioDecimals, MidpointRounding.AwayFromZero);

    private static (string Text, int? Number) GroupOf(string dimension, Workshop workshop) => dimension switch
    {
        Breakdown.National => (Breakdown.All, null),
        Breakdown.Wave => (workshop.Wave.ToString(CultureInfo.InvariantCulture), workshop.Wave),
        Breakdown.TerritoryType => (WorkshopRegistry.FormatTerritory(workshop.TerritoryType), null),
        Breakdown.Region => (workshop.Region, null),
        Breakdown.Coach => (workshop.CoachId, null),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown dimension."),
    };

    private static void Check(ReportingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SettingsCheck.Checked(options, ReportingOptions.Section);
    }
}
