using System.Globalization;
using Impact.Analytics;
using Impact.Analytics.Alerts;
using Impact.Analytics.Dashboard;
using Impact.Analytics.FollowUp;
using Impact.Analytics.Registry;
using Impact.Analytics.Risk;
using Impact.Pipeline.Records;
using Impact.Pipeline.Registry;
using Impact.Pipeline.Storage;

namespace Impact.Pipeline.Reads;

/// <summary>An alert with what was done about it, for the API and the views.</summary>
/// <param name="Alert">The alert as recorded.</param>
/// <param name="FollowUps">Its follow-ups, oldest first.</param>
/// <param name="ResentAt">When it was sent again for lack of follow-up, or null.</param>
public sealed record AlertWithFollowUps(StoredAlert Alert, IReadOnlyList<AlertFollowUp> FollowUps, DateTimeOffset? ResentAt);

/// <summary>Why a follow-up was not recorded: the French detail of a 400 or 404.</summary>
/// <param name="NotFound">True when the alert does not exist (404), false for a bad body (400).</param>
/// <param name="Detail">What is wrong, in French.</param>
public sealed record FollowUpRefusal(bool NotFound, string Detail);

/// <summary>
/// The use case "alerts acted on": the alerts of a coach's workshops with their follow-ups (the coach's portfolio, the
/// ministry's view, <c>GET /api/coaches/{coachId}/alerts</c>), and recording a follow-up
/// (<c>POST /api/alerts/{id}/follow-ups</c>): kept, never overwritten, with who and when.
/// </summary>
public sealed class AlertFollowUps(IImpactStorage storage, TimeProvider time)
{
    private readonly RegistrySource _registry = new(storage);
    private readonly AlertStore _alerts = new(storage);
    private readonly FollowUpStore _followUps = new(storage);
    private readonly NoticeStore _notices = new(storage);

    /// <summary>How many quarters back from the run's quarter a portfolio card lists its workshop's alerts.</summary>
    public const int CardQuarters = 4;

    /// <summary>
    /// The e-mailed alerts (sent, or being sent) of the <see cref="CardQuarters"/> quarters up to <paramref name="asOf"/>,
    /// per workshop, newest first, as a portfolio card lists them; a held alert was not e-mailed and is not among them.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<AlertView>> SentByWorkshop(IEnumerable<AlertWithFollowUps> alerts, Quarter asOf)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return alerts
            .Select(a => a.Alert)
            .Where(a => a.Delivery != AlertDelivery.Held && a.Key.Quarter <= asOf && a.Key.Quarter > asOf.AddQuarters(-CardQuarters))
            .GroupBy(a => a.Key.WorkshopId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<AlertView>)[.. g
                .Select(a => new AlertView(a.Key.Quarter, RiskLevels.Key(a.Key.Level), (a.Delivery == AlertDelivery.Sent ? a.SentAt : a.AttemptedAt) ?? default, a.Delivery == AlertDelivery.Sent))
                .OrderByDescending(v => v.Quarter).ThenByDescending(v => v.At)], StringComparer.Ordinal);
    }

    /// <summary>
    /// The alerts, sent or held back, of the workshops the registry gives to <paramref name="coachId"/> (every coach's
    /// with null), from the first support start to today; newest quarter first, then red first, then by workshop.
    /// </summary>
    public async Task<IReadOnlyList<AlertWithFollowUps>> ForCoachAsync(string? coachId, CancellationToken cancellationToken = default)
    {
        var registry = await _registry.GetAsync(cancellationToken);
        var workshops = registry.Workshops.Where(w => coachId is null || w.CoachId == coachId).ToDictionary(w => w.WorkshopId, StringComparer.Ordinal);
        if (workshops.Count == 0)
        {
            return [];
        }

        var today = Quarter.FromDate(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var first = workshops.Values.Min(w => w.LabelledQuarter);
        var quarters = Enumerable.Range(0, Math.Max(1, today.QuartersSince(first) + 1)).Select(i => first.AddQuarters(i));
        var stored = (await _alerts.RecordsAsync(quarters, cancellationToken)).Where(a => workshops.ContainsKey(a.Key.WorkshopId)).ToList();
        var result = new List<AlertWithFollowUps>();
        var resent = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var coach in stored.Select(a => workshops[a.Key.WorkshopId].CoachId).Distinct(StringComparer.Ordinal))
        {
            foreach (var notice in await _notices.OfAsync(coach, Notice.KindKey(NoticeKind.AlertReminder) + "~", cancellationToken))
            {
                resent[notice.Row[(notice.Row.IndexOf('~', StringComparison.Ordinal) + 1)..]] = notice.At;
            }
        }

        foreach (var group in stored.GroupBy(a => a.Key.WorkshopId, StringComparer.Ordinal))
        {
            var followUps = await _followUps.OfWorkshopAsync(group.Key, cancellationToken);
            result.AddRange(group.Select(a => new AlertWithFollowUps(a, followUps.GetValueOrDefault(a.Id) ?? [], resent.TryGetValue(a.Id, out var at) ? at : null)));
        }

        return [.. result.OrderByDescending(a => a.Alert.Key.Quarter).ThenByDescending(a => a.Alert.Key.Level).ThenBy(a => a.Alert.Key.WorkshopId, StringComparer.Ordinal)];
    }

    /// <summary>The coach of the workshop an alert id names, or null when the id is not an alert's or the workshop is unknown.</summary>
    public async Task<Workshop?> WorkshopOfAsync(string alertId, CancellationToken cancellationToken = default) =>
        AlertIds.TryParse(alertId, out var key) ? (await _registry.GetAsync(cancellationToken)).Find(key.WorkshopId) : null;

    /// <summary>Checks and records a follow-up by <paramref name="by"/>; null when recorded, else why not.</summary>
    public async Task<FollowUpRefusal?> AddAsync(string alertId, string? action, string? date, string? note, string by, CancellationToken cancellationToken = default)
    {
        if (!AlertIds.TryParse(alertId, out var key) || await _alerts.DeliveryAsync(key, cancellationToken) is null)
        {
            return new FollowUpRefusal(true, $"Aucune alerte « {alertId} » : l'identifiant attendu est de la forme 2024-Q3~MP-002~red.");
        }

        var problems = new List<string>();
        var parsedAction = FollowUpActions.Parse(action);
        if (parsedAction is null)
        {
            problems.Add($"action « {action} » inconnue : attendu {string.Join(", ", Enum.GetValues<FollowUpAction>().Select(FollowUpActions.Key))}");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problems.Add($"date « {date} » invalide : attendu AAAA-MM-JJ, par exemple {today:yyyy-MM-dd}");
        }
        else if (day > today)
        {
            problems.Add($"date {day:yyyy-MM-dd} dans le futur : indiquez le jour où l'action a eu lieu");
        }
        else if (day < key.Quarter.FirstDay)
        {
            problems.Add($"date {day:yyyy-MM-dd} antérieure au trimestre de l'alerte ({key.Quarter.ToFrench()})");
        }

        var text = (note ?? "").Trim();
        if (text.Length > FollowUpActions.MaxNoteLength)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"note de {text.Length} caractères : au plus {FollowUpActions.MaxNoteLength}"));
        }

        if (problems.Count > 0)
        {
            return new FollowUpRefusal(false, "Suite non enregistrée : " + string.Join(" ; ", problems) + ".");
        }

        await _followUps.AddAsync(key.WorkshopId, new AlertFollowUp(alertId, parsedAction!.Value, day, text, by, time.GetUtcNow()), cancellationToken);
        return null;
    }

    /// <summary>The French label of an alert's follow-up status: « sans suite », « relancée le … », or the last action.</summary>
    public static string StatusText(AlertWithFollowUps alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.FollowUps.Count > 0)
        {
            var last = alert.FollowUps[^1];
            return $"{FollowUpActions.French(last.Action)} le {last.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        }

        return alert.Alert.Delivery switch
        {
            AlertDelivery.Held => "en attente (capacité d'alertes atteinte)",
            _ when alert.ResentAt is { } resent => $"sans suite, relancée le {Impact.Analytics.Dashboard.FrenchFormat.Date(resent)}",
            _ => "sans suite",
        };
    }

    /// <summary>Whether an alert is red (what the ministry's view lists).</summary>
    public static bool IsRed(AlertWithFollowUps alert) => alert?.Alert.Key.Level == RiskLevel.Red;
}
