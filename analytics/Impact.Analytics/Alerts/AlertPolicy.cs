using Impact.Analytics.Registry;
using Impact.Analytics.Risk;

namespace Impact.Analytics.Alerts;

/// <summary>An alert of an earlier run, as the Alerts table holds it.</summary>
/// <param name="Key">Workshop, quarter and level.</param>
/// <param name="Held">True when it was held back by its coach's capacity (recorded, not sent); false when it was sent (or is being sent).</param>
public sealed record PastAlert(AlertKey Key, bool Held);

/// <summary>What the policy decided for one quarter.</summary>
/// <param name="ToSend">Alerts to send now, highest risk first.</param>
/// <param name="OverCapacity">Alerts held back because their coach reached the quarter's capacity: recorded as held, offered again first at the next run, never dropped.</param>
public sealed record AlertDecision(IReadOnlyList<RiskAlert> ToSend, IReadOnlyList<RiskAlert> OverCapacity);

/// <summary>
/// When coaches are alerted: a workshop is amber or red and its coach has not been told of that level yet. Told means an
/// alert of that level or higher was sent for it, and it has stayed at that level or higher since the previous quarter;
/// so the first run (no history) alerts every workshop already amber or red, a workshop rising a level or coming back
/// from green is news again, and one staying where it was or easing is not. Never twice for the same workshop,
/// quarter and level; at most a number of alerts per coach and quarter, the highest level first and, within a level,
/// alerts held back before first, then the highest score (a coach follows 5–15 workshops and must not be flooded); an alert held back stays held (and is offered again
/// at every run while its workshop is amber or red) until an alert about that workshop is sent; never for a workshop
/// that has closed. Pure: the caller supplies the history.
/// </summary>
public static class AlertPolicy
{
    /// <summary>Default alerts per coach per quarter.</summary>
    public const int DefaultCapacityPerCoach = 5;

    /// <summary>Decides the alerts of the scored quarter.</summary>
    /// <param name="scores">This quarter's scores.</param>
    /// <param name="previousLevels">Each workshop's level at the previous quarter (absent when it had none).</param>
    /// <param name="history">Alerts of earlier runs, sent or held back (any quarter).</param>
    /// <param name="registry">The registry: coach and name of each workshop.</param>
    /// <param name="closed">Workshops that have closed.</param>
    /// <param name="capacityPerCoach">Alerts per coach per quarter, already-sent ones included.</param>
    public static AlertDecision Decide(
        IReadOnlyList<RiskScore> scores,
        IReadOnlyDictionary<string, RiskLevel> previousLevels,
        IReadOnlyCollection<PastAlert> history,
        WorkshopRegistry registry,
        IReadOnlySet<string> closed,
        int capacityPerCoach = DefaultCapacityPerCoach)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(previousLevels);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityPerCoach);

        var sent = history.Where(h => !h.Held).Select(h => h.Key).ToHashSet();
        var byWorkshop = history.ToLookup(h => h.Key.WorkshopId, StringComparer.Ordinal);
        var candidates = new List<RiskAlert>();
        foreach (var score in scores)
        {
            var workshop = registry.Find(score.WorkshopId);
            if (workshop is null || closed.Contains(score.WorkshopId) || score.Level == RiskLevel.Green)
            {
                continue;
            }

            if (sent.Contains(new AlertKey(score.WorkshopId, score.Quarter, score.Level)))
            {
                continue;
            }

            RiskLevel? previous = previousLevels.TryGetValue(score.WorkshopId, out var p) ? p : null;
            var past = byWorkshop[score.WorkshopId].ToList();
            var carriedFrom = PendingHeld(past).Select(h => h.Key.Quarter).Order().Cast<Quarter?>().FirstOrDefault();
            var lastSent = past.Where(h => !h.Held).Select(h => h.Key)
                .OrderByDescending(k => k.Quarter).ThenByDescending(k => k.Level).FirstOrDefault();
            var told = previous is { } before && before >= score.Level && lastSent is not null && lastSent.Level >= score.Level;
            if (told && carriedFrom is null)
            {
                continue; // stays at (or eased from) a level its coach was told of: no news
            }

            candidates.Add(new RiskAlert
            {
                WorkshopId = score.WorkshopId,
                WorkshopName = workshop.Name,
                Quarter = score.Quarter,
                Level = score.Level,
                PreviousLevel = previous,
                Score = score.Score,
                Source = score.Source,
                CoachId = workshop.CoachId,
                CoachEmail = workshop.CoachEmail,
                Reasons = score.Reasons,
                HeldSince = carriedFrom,
            });
        }

        var toSend = new List<RiskAlert>();
        var overCapacity = new List<RiskAlert>();
        foreach (var coach in candidates.GroupBy(c => c.CoachId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var workshopsOfCoach = registry.Workshops.Where(w => w.CoachId == coach.Key).Select(w => w.WorkshopId).ToHashSet(StringComparer.Ordinal);
            foreach (var quarter in coach.Select(c => c.Quarter).Distinct().Order())
            {
                var alreadySent = sent.Count(k => k.Quarter == quarter && workshopsOfCoach.Contains(k.WorkshopId));
                var ranked = Ranked(coach.Where(c => c.Quarter == quarter)).ToList();
                var room = Math.Max(0, capacityPerCoach - alreadySent);
                toSend.AddRange(ranked.Take(room));
                overCapacity.AddRange(ranked.Skip(room));
            }
        }

        return new AlertDecision([.. Ranked(toSend)], [.. Ranked(overCapacity)]);
    }

    /// <summary>
    /// The held alerts of one workshop not yet followed by a sent one: no alert about it sent in a later quarter, nor in
    /// the same quarter at the same level or higher.
    /// </summary>
    public static IEnumerable<PastAlert> PendingHeld(IReadOnlyCollection<PastAlert> ofOneWorkshop)
    {
        ArgumentNullException.ThrowIfNull(ofOneWorkshop);
        return ofOneWorkshop.Where(h => h.Held && !ofOneWorkshop.Any(s => !s.Held
            && (s.Key.Quarter > h.Key.Quarter || (s.Key.Quarter == h.Key.Quarter && s.Key.Level >= h.Key.Level))));
    }

    /// <summary>The highest level first; within a level, held-back alerts first (they must not wait forever), then the highest score.</summary>
    private static IOrderedEnumerable<RiskAlert> Ranked(IEnumerable<RiskAlert> alerts) => alerts
        .OrderByDescending(a => a.Level)
        .ThenBy(a => a.HeldSince is null)
        .ThenByDescending(a => a.Score)
        .ThenBy(a => a.WorkshopId, StringComparer.Ordinal);
}
