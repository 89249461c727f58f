using System.Globalization;
using System.Text;
using Impact.Analytics.Registry;
using Impact.Analytics.Validation;

namespace Impact.Analytics.FollowUp;

/// <summary>The French texts of the notices to workshops: what happened to their return, and reminders of the deadline.</summary>
public static class NoticeTexts
{
    /// <summary>Subjects start with this, as the alerts' do.</summary>
    public const string SubjectPrefix = "[Manufactures de proximité] ";

    /// <summary>Longest body kept in a queue message (an Azure queue message holds 48 Kio of text once encoded).</summary>
    public const int MaxBodyChars = 30_000;

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>
    /// The notice of a validated upload: the errors for a rejection, the warnings for an acceptance with warnings, a
    /// receipt for a clean acceptance only when <paramref name="sendReceipts"/>; null when there is nothing to tell or
    /// the workshop has no contact address.
    /// </summary>
    /// <param name="workshop">The workshop, from the registry.</param>
    /// <param name="report">The upload's report (its quarter and content hash identify the notice).</param>
    /// <param name="dashboardBaseUrl">The dashboard's root, for the links; relative links without it.</param>
    /// <param name="sendReceipts">Whether a clean acceptance gets a receipt.</param>
    public static Notice? ForReport(Workshop workshop, ValidationReport report, Uri? dashboardBaseUrl, bool sendReceipts)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        ArgumentNullException.ThrowIfNull(report);
        if (workshop.ContactEmail is null || report.Quarter is null || !Quarter.TryParse(report.Quarter, out var quarter))
        {
            return null;
        }

        var kind = report.Status == ValidationStatus.Rejected ? NoticeKind.ReturnRejected
            : report.WarningCount > 0 ? NoticeKind.ReturnWarnings
            : NoticeKind.ReturnReceipt;
        if (kind == NoticeKind.ReturnReceipt && !sendReceipts)
        {
            return null;
        }

        var who = $"{workshop.Name} ({workshop.WorkshopId})";
        var (subject, intro) = kind switch
        {
            NoticeKind.ReturnRejected => (
                $"Retour du {quarter.ToFrench()} refusé : {Plural(report.ErrorCount, "erreur")} à corriger",
                $"Le retour trimestriel de {who} pour le {quarter.ToFrench()} n'a pas pu être pris en compte : il contient {Plural(report.ErrorCount, "erreur")}. "
                + "Le rapport ci-dessous indique, pour chacune, le champ concerné et la correction à apporter."),
            NoticeKind.ReturnWarnings => (
                $"Retour du {quarter.ToFrench()} accepté, {Plural(report.WarningCount, "avertissement")} à vérifier",
                $"Le retour trimestriel de {who} pour le {quarter.ToFrench()} est accepté. Il contient {Plural(report.WarningCount, "avertissement")} : "
                + "vérifiez ces valeurs ; si l'une est fausse, déposez un retour corrigé, qui remplacera celui-ci."),
            _ => (
                $"Retour du {quarter.ToFrench()} reçu et accepté",
                $"Le retour trimestriel de {who} pour le {quarter.ToFrench()} est accepté, sans erreur ni avertissement. Merci."),
        };

        var body = new StringBuilder();
        body.Append("Bonjour,\n\n").Append(intro).Append("\n\n");
        body.Append(report.ToFrenchText().ReplaceLineEndings("\n"));
        if (kind != NoticeKind.ReturnReceipt)
        {
            body.Append('\n').Append(UploadInstructions(workshop, quarter, dashboardBaseUrl, corrected: true));
        }

        var text = Signed(body, workshop);
        if (text.Length > MaxBodyChars)
        {
            text = text[..MaxBodyChars] + "\n…\n(Rapport tronqué : le rapport complet est sur la page de la manufacture.)\n";
        }

        var sha = report.ContentSha256 is { Length: >= 16 } hash ? hash[..16] : "sans-empreinte";
        return new Notice
        {
            Kind = kind,
            Partition = workshop.WorkshopId,
            Row = $"{Notice.KindKey(kind)}~{quarter}~{sha}",
            Recipient = workshop.ContactEmail,
            Subject = SubjectPrefix + subject,
            Body = text,
        };
    }

    /// <summary>
    /// The reminder of a quarter's return that has not arrived: before the deadline (<paramref name="after"/> false) or
    /// after it; null without a contact address.
    /// </summary>
    /// <param name="workshop">The workshop.</param>
    /// <param name="quarter">The quarter whose return is missing.</param>
    /// <param name="deadline">Its deadline (the last day on time).</param>
    /// <param name="after">After the deadline rather than before it.</param>
    /// <param name="dashboardBaseUrl">The dashboard's root, for the links.</param>
    /// <param name="rejectedOnFile">Whether the last file uploaded for the quarter was rejected (the return is still missing).</param>
    public static Notice? Reminder(Workshop workshop, Quarter quarter, DateOnly deadline, bool after, Uri? dashboardBaseUrl, bool rejectedOnFile = false)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        if (workshop.ContactEmail is null)
        {
            return null;
        }

        var kind = after ? NoticeKind.ReminderAfterDeadline : NoticeKind.ReminderBeforeDeadline;
        var who = $"{workshop.Name} ({workshop.WorkshopId})";
        var day = LongDate(deadline);
        var body = new StringBuilder("Bonjour,\n\n");
        if (after)
        {
            body.Append(rejectedOnFile
                ? $"Nous n'avons pas reçu de retour trimestriel valable de {who} pour le {quarter.ToFrench()}, attendu au plus tard le {day} : le dernier fichier déposé a été refusé (son rapport indique quoi corriger). "
                : $"Nous n'avons pas reçu le retour trimestriel de {who} pour le {quarter.ToFrench()}, attendu au plus tard le {day}. ");
            body.Append(rejectedOnFile ? "Déposez un retour corrigé dès que possible" : "Déposez-le dès que possible");
            body.Append(" : un retour en retard est toujours pris en compte. Les retours manquants sont signalés chaque semaine à votre accompagnateur.\n\n");
        }
        else
        {
            body.Append(CultureInfo.InvariantCulture, $"Nous n'avons pas encore reçu le retour trimestriel de {who} pour le {quarter.ToFrench()}. Il est attendu au plus tard le {day}.\n\n");
        }

        body.Append(UploadInstructions(workshop, quarter, dashboardBaseUrl, corrected: rejectedOnFile));
        body.Append("\nSi vous venez de l'envoyer, ne tenez pas compte de ce message : vous recevrez le rapport de validation s'il demande une correction.\n");
        return new Notice
        {
            Kind = kind,
            Partition = workshop.WorkshopId,
            Row = $"{Notice.KindKey(kind)}~{quarter}",
            Recipient = workshop.ContactEmail,
            Subject = SubjectPrefix + (after
                ? $"Retour du {quarter.ToFrench()} en retard : date limite du {FrenchDate(deadline)} dépassée"
                : $"Rappel : retour du {quarter.ToFrench()} attendu au plus tard le {FrenchDate(deadline)}"),
            Body = Signed(body, workshop),
        };
    }

    /// <summary>How to upload a return for <paramref name="quarter"/>: the workshop's page, the API, the template.</summary>
    public static string UploadInstructions(Workshop workshop, Quarter quarter, Uri? dashboardBaseUrl, bool corrected)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        var text = new StringBuilder();
        text.Append(corrected ? "Pour déposer un retour corrigé :\n" : "Pour déposer votre retour :\n");
        text.Append(CultureInfo.InvariantCulture, $"- sur la page de la manufacture, rubrique « Déposer un retour » : {Link(dashboardBaseUrl, Alerts.AlertEmail.WorkshopPage(workshop.WorkshopId))}\n");
        text.Append(CultureInfo.InvariantCulture, $"- ou par l'API : PUT {Link(dashboardBaseUrl, $"api/workshops/{workshop.WorkshopId}/returns/{quarter}")}?format=csv (ou xlsx, json)\n");
        text.Append(CultureInfo.InvariantCulture, $"Le modèle à remplir (CSV, XLSX ou JSON) : {Link(dashboardBaseUrl, "api/template?format=xlsx")}\n");
        return text.ToString();
    }

    /// <summary>A date as French readers write it in a sentence: « mercredi 30 octobre 2024 ».</summary>
    public static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", French);

    private static string FrenchDate(DateOnly date) => date.ToString("d MMMM yyyy", French);

    private static string Link(Uri? baseUrl, string relative) => baseUrl is null ? relative : new Uri(baseUrl, relative).ToString();

    private static string Signed(StringBuilder body, Workshop workshop) =>
        body.Append("\n-- \nSuivi des manufactures de proximité. Message automatique : pour toute question, écrivez à votre accompagnateur (")
            .Append(workshop.CoachEmail).Append(").\n").ToString();

    private static string Plural(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count > 1 ? "s" : "")}");
}
