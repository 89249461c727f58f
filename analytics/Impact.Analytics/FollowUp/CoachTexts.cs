using System.Globalization;
using System.Text;
using Impact.Analytics.Alerts;
using Impact.Analytics.Indicators;
using Impact.Analytics.Risk;

namespace Impact.Analytics.FollowUp;

/// <summary>An alert as the coach's digest and reminder tell it.</summary>
/// <param name="Id">The alert's identity (<c>2024-Q3~MP-002~red</c>).</param>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="WorkshopName">Its name.</param>
/// <param name="Quarter">The scored quarter.</param>
/// <param name="Level">The level.</param>
/// <param name="SentAt">When it was e-mailed, or null when it is held back.</param>
/// <param name="HeldSince">The quarter since which it waits behind the capacity, or null.</param>
public sealed record CoachAlertLine(string Id, string WorkshopId, string WorkshopName, Quarter Quarter, RiskLevel Level, DateTimeOffset? SentAt, Quarter? HeldSince);

/// <summary>The French texts of the notices to coaches: the weekly digest, and the reminder of an alert nobody acted on.</summary>
public static class CoachTexts
{
    /// <summary>Lines listed per section of a digest; the rest is counted and left to the portfolio page.</summary>
    public const int MaxLinesPerSection = 40;

    /// <summary>The coach's portfolio page, relative to the app's root: <c>app/coaches/C-01</c>.</summary>
    public static string PortfolioPage(string coachId) => "app/" + Dashboard.SiteData.CoachPath(coachId);

    /// <summary>
    /// The digest of one coach for the ISO week of <paramref name="today"/>: missing returns of the open quarters past
    /// their deadline, alerts sent without any follow-up, alerts held back by the capacity; null when there is nothing.
    /// </summary>
    public static Notice? Digest(string coachId, string coachEmail, DateOnly today, IReadOnlyList<MissingReturn> missing,
        IReadOnlyList<CoachAlertLine> unanswered, IReadOnlyList<CoachAlertLine> held, Uri? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(missing);
        ArgumentNullException.ThrowIfNull(unanswered);
        ArgumentNullException.ThrowIfNull(held);
        if (missing.Count + unanswered.Count + held.Count == 0)
        {
            return null;
        }

        var week = ISOWeek.GetWeekOfYear(today.ToDateTime(TimeOnly.MinValue));
        var year = ISOWeek.GetYear(today.ToDateTime(TimeOnly.MinValue));
        var body = new StringBuilder("Bonjour,\n\n");
        body.Append(CultureInfo.InvariantCulture, $"Voici le point de la semaine {week} de {year} sur les manufactures que vous accompagnez.\n");
        Section(body, "Retours manquants, date limite dépassée", missing.OrderBy(m => m.Quarter).ThenBy(m => m.WorkshopId, StringComparer.Ordinal).Select(m =>
            $"{m.WorkshopName} ({m.WorkshopId}) : {m.Quarter.ToFrench()}, attendu au plus tard le {Dashboard.FrenchFormat.Date(m.Deadline)}"
            + (m.RejectedSubmission ? " (le dernier fichier déposé a été refusé)" : "")).ToList());
        Section(body, "Alertes sans suite enregistrée", unanswered.OrderBy(a => a.SentAt).ThenBy(a => a.WorkshopId, StringComparer.Ordinal).Select(a =>
            $"{a.WorkshopName} ({a.WorkshopId}) : risque {AlertEmail.LevelName(a.Level)} au {a.Quarter.ToFrench()}, alerte envoyée le {Dashboard.FrenchFormat.Date(a.SentAt!.Value)}").ToList());
        Section(body, "Alertes en attente (nombre maximal d'alertes du trimestre atteint : elles partiront en premier)", held.OrderByDescending(a => a.Level).ThenBy(a => a.WorkshopId, StringComparer.Ordinal).Select(a =>
            $"{a.WorkshopName} ({a.WorkshopId}) : risque {AlertEmail.LevelName(a.Level)} au {a.Quarter.ToFrench()}, en attente depuis le {(a.HeldSince ?? a.Quarter).ToFrench()}").ToList());
        body.Append(CultureInfo.InvariantCulture, $"\nVotre portefeuille, où enregistrer la suite donnée à chaque alerte (prise de contact, visite, plan d'action) : {Link(dashboardBaseUrl, PortfolioPage(coachId))}\n");
        return new Notice
        {
            Kind = NoticeKind.CoachDigest,
            Partition = coachId,
            Row = string.Create(CultureInfo.InvariantCulture, $"{Notice.KindKey(NoticeKind.CoachDigest)}~{year}-W{week:00}"),
            Recipient = coachEmail,
            Subject = NoticeTexts.SubjectPrefix + string.Create(CultureInfo.InvariantCulture,
                $"Point de la semaine {week} : {Count(missing.Count, "retour manquant", "retours manquants")}, {Count(unanswered.Count, "alerte sans suite", "alertes sans suite")}, {Count(held.Count, "alerte en attente", "alertes en attente")}"),
            Body = Signed(body),
        };
    }

    /// <summary>The reminder, sent once, of an alert that has had no follow-up for <paramref name="days"/> days.</summary>
    public static Notice Reminder(string coachId, string coachEmail, CoachAlertLine alert, IReadOnlyList<string> reasons, int days, Uri? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(reasons);
        var body = new StringBuilder("Bonjour,\n\n");
        body.Append(CultureInfo.InvariantCulture,
            $"L'alerte du {Dashboard.FrenchFormat.Date(alert.SentAt ?? DateTimeOffset.MinValue)} sur {Dashboard.FrenchPhrase.TheWorkshop(alert.WorkshopName)} ({alert.WorkshopId}), risque {AlertEmail.LevelName(alert.Level)} au {alert.Quarter.ToFrench()}, ");
        body.Append(CultureInfo.InvariantCulture, $"n'a aucune suite enregistrée depuis {days} jours. Ce rappel n'est envoyé qu'une fois ; l'alerte figure désormais parmi celles que le ministère suit.\n");
        if (reasons.Count > 0)
        {
            body.Append("\nPrincipales raisons :\n");
            foreach (var reason in reasons)
            {
                body.Append("- ").Append(reason).Append('\n');
            }
        }

        body.Append(CultureInfo.InvariantCulture, $"\nEnregistrez ce que vous avez fait (prise en compte, prise de contact, visite, plan d'action, clôture) sur votre portefeuille : {Link(dashboardBaseUrl, PortfolioPage(coachId))}\n");
        body.Append(CultureInfo.InvariantCulture, $"Fiche de la manufacture : {Link(dashboardBaseUrl, AlertEmail.WorkshopPage(alert.WorkshopId))}\n");
        return new Notice
        {
            Kind = NoticeKind.AlertReminder,
            Partition = coachId,
            Row = $"{Notice.KindKey(NoticeKind.AlertReminder)}~{alert.Id}",
            Recipient = coachEmail,
            Subject = NoticeTexts.SubjectPrefix + $"Rappel : alerte sans suite sur {alert.WorkshopName} ({alert.WorkshopId}), risque {AlertEmail.LevelName(alert.Level)} au {alert.Quarter.ToFrench()}",
            Body = Signed(body),
        };
    }

    private static void Section(StringBuilder body, string title, List<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        body.Append(CultureInfo.InvariantCulture, $"\n{title} ({lines.Count}) :\n");
        foreach (var line in lines.Take(MaxLinesPerSection))
        {
            body.Append("- ").Append(line).Append('\n');
        }

        if (lines.Count > MaxLinesPerSection)
        {
            body.Append(CultureInfo.InvariantCulture, $"- et {lines.Count - MaxLinesPerSection} autres : voir votre portefeuille.\n");
        }
    }

    private static string Count(int count, string one, string many) => count switch
    {
        0 => "aucun" + (one.StartsWith("alerte", StringComparison.Ordinal) ? "e " : " ") + one,
        1 => "1 " + one,
        _ => string.Create(CultureInfo.InvariantCulture, $"{count} {many}"),
    };

    private static string Link(Uri? baseUrl, string relative) => baseUrl is null ? relative : new Uri(baseUrl, relative).ToString();

    private static string Signed(StringBuilder body) =>
        body.Append("\n-- \nSuivi des manufactures de proximité. Message automatique.\n").ToString();
}
