using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.FollowUp;
using Impact.Analytics.Indicators;
using Impact.Analytics.Settings;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Records;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.FollowUp;

/// <summary>What one follow-up round queued (each notice is sent once by the dispatcher; one already recorded is not queued again).</summary>
/// <param name="AsOf">The last ended quarter the round looked from.</param>
/// <param name="RemindersBefore">Workshops reminded that a deadline is near.</param>
/// <param name="RemindersAfter">Workshops reminded that a deadline has passed.</param>
/// <param name="Digests">Coaches' digests.</param>
/// <param name="AlertReminders">Alerts without follow-up sent again to their coach.</param>
public sealed record FollowUpRoundResult(Quarter AsOf, int RemindersBefore, int RemindersAfter, int Digests, int AlertReminders)
{
    /// <summary>The result in French, one line.</summary>
    public string ToFrenchText() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Relances : {RemindersBefore} rappel(s) avant la date limite, {RemindersAfter} après, {Digests} point(s) hebdomadaire(s) aux accompagnateurs, {AlertReminders} alerte(s) sans suite renvoyée(s).");
}

/// <summary>
/// The use case "follow up" (daily, by the FollowUpRound timer; after each <c>impact run</c> on folders): for the
/// quarters still open to a return (<see cref="FollowUpOptions.OpenQuarters"/>), remind each workshop whose return has not
/// arrived some days before the deadline and some days after it; on the digest day's week, send each coach their digest
/// (missing returns, alerts without follow-up, alerts held back); send again, once, an alert with no follow-up after
/// <see cref="FollowUpOptions.ResendAfterDays"/> days. Every notice goes through the <c>risk-alerts</c> queue and is sent
/// once: a second round the same day queues nothing new.
/// </summary>
public sealed class FollowUpRound(IImpactStorage storage, TimeProvider time, ReportingOptions reporting, FollowUpOptions followUp, AlertOptions alerts, RunOptions? runOptions = null)
{
    private readonly RegistrySource _registry = new(storage);
    private readonly WorkshopRecords _records = new(storage, reporting);
    private readonly AlertStore _alerts = new(storage);
    private readonly FollowUpStore _followUps = new(storage);
    private readonly NoticeStore _notices = new(storage);

    /// <summary>Runs the round, looking from <paramref name="asOf"/> (default: the last quarter that has ended, by the clock).</summary>
    public async Task<FollowUpRoundResult> RunAsync(Quarter? asOf = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var last = asOf ?? Quarter.FromDate(today).AddQuarters(-1);
        var open = followUp.OpenQuartersAt(last);
        var registry = await _registry.GetAsync(cancellationToken);
        var histories = await _records.LoadAsync(registry, last, (runOptions ?? new RunOptions()).Parallelism, cancellationToken: cancellationToken);
        var completeness = Completeness.Compute(registry, [.. histories.SelectMany(h => h.Received)], open[0], last, reporting);
        var missing = completeness.Missing.Where(m => open.Contains(m.Quarter)).ToList();

        var (before, after) = (0, 0);
        foreach (var m in missing)
        {
            if (registry.Find(m.WorkshopId) is not { } workshop)
            {
                continue;
            }

            var late = today >= m.Deadline.AddDays(followUp.ReminderDaysAfter);
            var soon = !late && today <= m.Deadline && today >= m.Deadline.AddDays(-followUp.ReminderDaysBefore) && !m.RejectedSubmission;
            var notice = late || soon ? NoticeTexts.Reminder(workshop, m.Quarter, m.Deadline, after: late, alerts.DashboardBaseUrl, m.RejectedSubmission) : null;
            if (notice is null || !await QueueOnceAsync(notice, cancellationToken))
            {
                continue;
            }

            if (late)
            {
                after++;
            }
            else
            {
                before++;
            }
        }

        // The open quarters' alerts, and what was done about them.
        var stored = await _alerts.RecordsAsync(open, cancellationToken);
        var followUps = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<AlertFollowUp>>>(StringComparer.Ordinal);
        foreach (var workshopId in stored.Select(a => a.Key.WorkshopId).Distinct(StringComparer.Ordinal))
        {
            followUps[workshopId] = await _followUps.OfWorkshopAsync(workshopId, cancellationToken);
        }

        var unanswered = stored.Where(a => a.Delivery == AlertDelivery.Sent && a.SentAt is not null && !followUps[a.Key.WorkshopId].ContainsKey(a.Id)).ToList();
        var history = stored.Select(a => new PastAlert(a.Key, a.Delivery == AlertDelivery.Held)).ToList();
        var pendingHeld = history.GroupBy(h => h.Key.WorkshopId, StringComparer.Ordinal)
            .SelectMany(g => AlertPolicy.PendingHeld([.. g])).Select(h => h.Key).ToHashSet();
        var held = stored.Where(a => a.Delivery == AlertDelivery.Held && pendingHeld.Contains(a.Key)).ToList();

        var resent = 0;
        foreach (var alert in unanswered.Where(a => a.SentAt!.Value.AddDays(followUp.ResendAfterDays) <= now))
        {
            if (await QueueOnceAsync(CoachTexts.Reminder(alert.CoachId, alert.CoachEmail, Line(alert), alert.Reasons, followUp.ResendAfterDays, alerts.DashboardBaseUrl), cancellationToken))
            {
                resent++;
            }
        }

        var digests = 0;
        if (IsoDay(today.DayOfWeek) >= IsoDay(followUp.DigestDay))
        {
            foreach (var coach in registry.Workshops.GroupBy(w => w.CoachId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var ofCoach = coach.Select(w => w.WorkshopId).ToHashSet(StringComparer.Ordinal);
                var digest = CoachTexts.Digest(coach.Key, coach.First().CoachEmail, today,
                    [.. missing.Where(m => ofCoach.Contains(m.WorkshopId) && m.Deadline < today)],
                    [.. unanswered.Where(a => ofCoach.Contains(a.Key.WorkshopId)).Select(Line)],
                    [.. held.Where(a => ofCoach.Contains(a.Key.WorkshopId)).Select(Line)],
                    alerts.DashboardBaseUrl);
                if (digest is not null && await QueueOnceAsync(digest, cancellationToken))
                {
                    digests++;
                }
            }
        }

        return new FollowUpRoundResult(last, before, after, digests, resent);
    }

    /// <summary>Queues a notice unless one with its identity was already handed to the dispatcher (recorded in Notices).</summary>
    private async Task<bool> QueueOnceAsync(Notice notice, CancellationToken cancellationToken)
    {
        if (await _notices.DeliveryAsync(notice.Partition, notice.Row, cancellationToken) is not null)
        {
            return false;
        }

        await storage.EnqueueAsync(StorageNames.Queues.RiskAlerts, notice.ToJson(), cancellationToken);
        return true;
    }

    private static CoachAlertLine Line(StoredAlert a) => new(a.Id, a.Key.WorkshopId, a.WorkshopName, a.Key.Quarter, a.Key.Level, a.SentAt, a.HeldSince);

    private static int IsoDay(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;
}
