using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Settings;

namespace Impact.Analytics.Risk;

/// <summary>
/// Everything known about one workshop that risk scoring reads: its registry entry, the current version of each
/// accepted return, every upload (accepted or not, as completeness records them) and the ministry's recorded outcomes.
/// The pipeline builds these from storage (<see cref="FromRecords"/>); labels, features and scores are pure functions
/// of them.
/// </summary>
/// <param name="Workshop">The registry entry.</param>
/// <param name="Returns">The current (newest accepted) version of each quarter's return, one per quarter, any order.</param>
/// <param name="Received">The uploads, as for <see cref="Completeness.Compute"/>: accepted ones at their first accepted receipt, rejected ones too.</param>
/// <param name="Outcomes">The ministry's recorded outcomes for this workshop, any order.</param>
public sealed record WorkshopHistory(
    Workshop Workshop,
    IReadOnlyList<QuarterlyReturn> Returns,
    IReadOnlyList<ReceivedReturn> Received,
    IReadOnlyList<OutcomeRecord> Outcomes)
{
    /// <summary>
    /// The reporting obligations the history is read under (when a return is expected, when it is late): the history
    /// carries them, so that labels and features, in training and in scoring alike, judge returns as completeness does.
    /// </summary>
    public ReportingOptions Reporting { get; init; } = ReportingOptions.Default;

    /// <summary>The workshop's identifier.</summary>
    public string WorkshopId => Workshop.WorkshopId;

    /// <summary>
    /// One history per workshop of the registry (sorted by identifier, ordinal), with its returns, uploads and outcomes;
    /// records of workshops not in the registry are left out.
    /// </summary>
    /// <exception cref="ArgumentException">Two current returns share a workshop and a quarter.</exception>
    public static IReadOnlyList<WorkshopHistory> FromRecords(
        WorkshopRegistry registry,
        IReadOnlyList<QuarterlyReturn> currentReturns,
        IReadOnlyList<ReceivedReturn> received,
        IReadOnlyList<OutcomeRecord> outcomes,
        ReportingOptions reporting)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(reporting);
        ArgumentNullException.ThrowIfNull(currentReturns);
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(outcomes);
        var seen = new HashSet<(string, Quarter)>();
        foreach (var r in currentReturns)
        {
            if (!seen.Add((r.WorkshopId, r.Quarter)))
            {
                throw new ArgumentException(
                    $"Two returns for {r.WorkshopId} {r.Quarter}: pass only the current (newest accepted) version of each.", nameof(currentReturns));
            }
        }

        var returns = currentReturns.ToLookup(r => r.WorkshopId, StringComparer.Ordinal);
        // Receipt times lost by a copy are found across every workshop's uploads at once (a burst spans workshops).
        var uploads = ReceiptTimes.Mark(received).ToLookup(r => r.WorkshopId, StringComparer.Ordinal);
        var events = outcomes.ToLookup(o => o.WorkshopId, StringComparer.Ordinal);
        return
        [
            .. registry.Workshops.Select(w => new WorkshopHistory(
                w,
                [.. returns[w.WorkshopId].OrderBy(r => r.Quarter)],
                [.. uploads[w.WorkshopId].OrderBy(r => r.Quarter).ThenBy(r => r.ReceivedAt)],
                [.. events[w.WorkshopId].OrderBy(o => o.Quarter)])
            {
                Reporting = reporting,
            }),
        ];
    }

    /// <summary>The same history without anything about quarters after <paramref name="quarter"/>: what was known then.</summary>
    public WorkshopHistory KnownAt(Quarter quarter) => this with
    {
        Returns = [.. Returns.Where(r => r.Quarter <= quarter)],
        Received = [.. Received.Where(r => r.Quarter <= quarter)],
        Outcomes = [.. Outcomes.Where(o => o.Quarter <= quarter)],
    };

    /// <summary>The current return of <paramref name="quarter"/>, or null.</summary>
    internal QuarterlyReturn? ReturnAt(Quarter quarter)
    {
        foreach (var r in Returns)
        {
            if (r.Quarter == quarter)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>The newest current return at or before <paramref name="quarter"/>, or null.</summary>
    internal QuarterlyReturn? LatestReturn(Quarter quarter)
    {
        QuarterlyReturn? latest = null;
        foreach (var r in Returns)
        {
            if (r.Quarter <= quarter && (latest is null || r.Quarter > latest.Quarter))
            {
                latest = r;
            }
        }

        return latest;
    }

    /// <summary>
    /// The earliest quarter in which the workshop closed: a return (current, or any accepted upload) declaring status
    /// closed, or a recorded <see cref="OutcomeRecord.ClosedEvent"/>; null while open.
    /// </summary>
    internal Quarter? ClosedQuarter()
    {
        Quarter? closed = null;
        void Consider(Quarter q) => closed = closed is { } c && c <= q ? c : q;
        foreach (var r in Returns)
        {
            if (string.Equals(r.Status, Completeness.ClosedStatus, StringComparison.Ordinal))
            {
                Consider(r.Quarter);
            }
        }

        foreach (var r in Received)
        {
            if (r.Accepted && string.Equals(r.Status, Completeness.ClosedStatus, StringComparison.Ordinal))
            {
                Consider(r.Quarter);
            }
        }

        foreach (var o in Outcomes)
        {
            if (string.Equals(o.Event, OutcomeRecord.ClosedEvent, StringComparison.Ordinal))
            {
                Consider(o.Quarter);
            }
        }

        return closed;
    }

    /// <summary>Closed at or before <paramref name="quarter"/>.</summary>
    internal bool IsClosed(Quarter quarter) => ClosedQuarter() is { } closed && closed <= quarter;

    /// <summary>
    /// A return is expected for <paramref name="quarter"/>: it lies in the reporting window
    /// (<see cref="Workshop.Expects"/>) and the workshop had not closed before it (the closing quarter is still
    /// expected), as <see cref="Completeness"/> counts.
    /// </summary>
    internal bool ExpectsReturn(Quarter quarter) =>
        Workshop.Expects(quarter, Reporting.FollowUpQuarters) && !(ClosedQuarter() is { } closed && closed < quarter);

    /// <summary>The quarter lies in the workshop's reporting window under <see cref="Reporting"/>.</summary>
    internal bool InReportingWindow(Quarter quarter) => Workshop.Expects(quarter, Reporting.FollowUpQuarters);

    /// <summary>The first accepted upload of <paramref name="quarter"/>, or null when none was (a rejected upload alone counts as missing).</summary>
    internal ReceivedReturn? FirstAcceptedUpload(Quarter quarter)
    {
        ReceivedReturn? first = null;
        foreach (var r in Received)
        {
            if (r.Accepted && r.Quarter == quarter && (first is null || r.ReceivedAt < first.ReceivedAt))
            {
                first = r;
            }
        }

        return first;
    }

    /// <summary>When the return of <paramref name="quarter"/> was first accepted, or null when none was (a rejected upload alone counts as missing).</summary>
    internal DateTimeOffset? FirstAccepted(Quarter quarter)
    {
        DateTimeOffset? first = null;
        foreach (var r in Received)
        {
            if (r.Accepted && r.Quarter == quarter && (first is null || r.ReceivedAt < first))
            {
                first = r.ReceivedAt;
            }
        }

        return first;
    }

    /// <summary>
    /// The ministry's recorded distress is open at <paramref name="quarter"/>: a <see cref="OutcomeRecord.DistressEvent"/>
    /// at or before it with no <see cref="OutcomeRecord.RecoveredEvent"/> after that event and at or before the quarter
    /// (a recovery in the same quarter as the distress does not end it).
    /// </summary>
    internal bool MinistryDistress(Quarter quarter)
    {
        foreach (var d in Outcomes)
        {
            if (!string.Equals(d.Event, OutcomeRecord.DistressEvent, StringComparison.Ordinal) || d.Quarter > quarter)
            {
                continue;
            }

            var recovered = false;
            foreach (var r in Outcomes)
            {
                recovered |= string.Equals(r.Event, OutcomeRecord.RecoveredEvent, StringComparison.Ordinal) && r.Quarter > d.Quarter && r.Quarter <= quarter;
            }

            if (!recovered)
            {
                return true;
            }
        }

        return false;
    }
}
