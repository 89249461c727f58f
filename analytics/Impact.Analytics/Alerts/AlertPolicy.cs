using Impact.Analytics.Registry;
using Impact.Analytics.Risk;

namespace Impact.Analytics.Alerts;

/// <summary>What the policy decided for one quarter.</summary>
/// <param name="ToSend">Alerts to send now, highest risk first.</param>
/// <param name="OverCapacity">Alerts held back because their coach reached the quarter's capacity (reported, not sent).</param>
public sealed record AlertDecision(IReadOnlyList<RiskAlert> ToSend, IReadOnlyList<RiskAlert> OverCapacity);

/// <summary>
/// When coaches are alerted (issue 4): a workshop that enters amber or red, or rises a level, since the previous
/// quarter's score; never twice for the same workshop, quarter and level; at most a number of alerts per coach and
/// quarter, highest risk first (a coach follows 5–15 workshops and must not be flooded); never for a workshop that
/// has closed. Pure: the caller supplies what was already sent.
/// </summary>
public static class AlertPolicy
{
    /// <summary>Default alerts per coach per quarter.</summary>
    public const int DefaultCapacityPerCoach = 5;

    /// <summary>Decides the alerts of the scored quarter.</summary>
    /// <param name="scores">This quarter's scores.</param>
    /// <param name="previousLevels">Each workshop's level at the previous quarter (absent when it had none).</param>
    /// <param name="alreadySent">Alerts already sent (any quarter).</param>
    /// <param name="registry">The registry: coach and name of each workshop.</param>
    /// <param name="closed">Workshops that have closed.</param>
    /// <param name="capacityPerCoach">Alerts per coach per quarter, already-sent ones included.</param>
    public static AlertDecision Decide(
        IReadOnlyList<RiskScore> scores,
        IReadOnlyDictionary<string, RiskLevel> previousLevels,
        IReadOnlySet<AlertKey> alreadySent,
        WorkshopRegistry registry,
        IReadOnlySet<string> closed,
        int capacityPerCoach = DefaultCapacityPerCoach)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(previousLevels);
        ArgumentNullException.ThrowIfNull(alreadySent);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityPerCoach);

        var candidates = new List<RiskAlert>();
        foreach (var score in scores)
        {
            var workshop = registry.Find(score.WorkshopId);
            if (workshop is null || closed.Contains(score.WorkshopId) || score.Level == RiskLevel.Green)
            {
                continue;
            }

            RiskLevel? previous = previousLevels.TryGetValue(score.WorkshopId, out var p) ? p : null;
            if (previous is { } before && score.Level <= before)
            {
                continue; // stays at (or falls back to) a level already known: no news for the coach
            }

            if (alreadySent.Contains(new AlertKey(score.WorkshopId, score.Quarter, score.Level)))
            {
                continue;
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
            });
        }

        var toSend = new List<RiskAlert>();
        var overCapacity = new List<RiskAlert>();
        foreach (var coach in candidates.GroupBy(c => c.CoachId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var quarters = coach.Select(c => c.Quarter).ToHashSet();
            var workshopsOfCoach = registry.Workshops.Where(w => w.CoachId == coach.Key).Select(w => w.WorkshopId).ToHashSet(StringComparer.Ordinal);
            foreach (var quarter in quarters.Order())
            {
                var sent = alreadySent.Count(k => k.Quarter == quarter && workshopsOfCoach.Contains(k.WorkshopId));
                var ranked = coach.Where(c => c.Quarter == quarter)
                    .OrderByDescending(c => c.Level)
                    .ThenByDescending(c => c.Score)
                    .ThenBy(c => c.WorkshopId, StringComparer.Ordinal)
                    .ToList();
                var room = Math.Max(0, capacityPerCoach - sent);
                toSend.AddRange(ranked.Take(room));
                overCapacity.AddRange(ranked.Skip(room));
            }
        }

        static IOrderedEnumerable<RiskAlert> Ranked(IEnumerable<RiskAlert> alerts) => alerts
            .OrderByDescending(a => a.Level).ThenByDescending(a => a.Score).ThenBy(a => a.WorkshopId, StringComparer.Ordinal);
        return new AlertDecision([.. Ranked(toSend)], [.. Ranked(overCapacity)]);
    }
}
