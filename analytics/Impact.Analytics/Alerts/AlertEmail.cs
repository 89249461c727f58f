using System.Globalization;
using System.Text;
using Impact.Analytics.Risk;

namespace Impact.Analytics.Alerts;

/// <summary>An alert e-mail's content: subject, plain text and HTML (escaped), in French.</summary>
public sealed record AlertEmailContent(string Subject, string TextBody, string HtmlBody, string? DashboardUrl);

/// <summary>Writes the e-mail a coach receives for a <see cref="RiskAlert"/>: the level, the reasons in plain words, a link.</summary>
public static class AlertEmail
{
    /// <summary>The French name of a level.</summary>
    public static string LevelName(RiskLevel level) => level switch
    {
        RiskLevel.Green => "faible",
        RiskLevel.Amber => "à surveiller",
        RiskLevel.Red => "élevé",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown risk level."),
    };

    /// <summary>The signed-in page of a workshop, relative to the app's root: <c>app/workshops/MP-001</c> (behind the sign-in).</summary>
    public static string WorkshopPage(string workshopId) => "app/" + Dashboard.SiteData.WorkshopPath(workshopId);

    /// <summary>Composes the e-mail; the link is absolute when <paramref name="dashboardBaseUrl"/> is given.</summary>
    public static AlertEmailContent Compose(RiskAlert alert, Uri? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var url = dashboardBaseUrl is null ? null : new Uri(dashboardBaseUrl, WorkshopPage(alert.WorkshopId)).ToString();
        var subject = $"[Manufactures de proximité] {alert.WorkshopName} ({alert.WorkshopId}) : risque {LevelName(alert.Level)} au {alert.Quarter.ToFrench()}";
        var previous = alert.PreviousLevel is { } p ? $" (niveau précédent : « {LevelName(p)} »)" : "";
        var source = alert.Source == Risk.RiskSources.Model
            ? "modèle appris, qui bat la grille de points et la règle de trésorerie sur des manufactures qu'il n'a pas vues"
            : Risk.RiskSources.French(alert.Source);

        var held = alert.HeldSince is { } since
            ? $"Cette alerte attendait depuis le {since.ToFrench()} : vous aviez alors reçu le nombre maximal d'alertes du trimestre."
            : null;

        var text = new StringBuilder();
        text.Append("Bonjour,\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Le niveau de risque {Dashboard.FrenchPhrase.OfTheWorkshop(alert.WorkshopName)} ({alert.WorkshopId}), que vous accompagnez, est « {LevelName(alert.Level)} » au {alert.Quarter.ToFrench()}{previous}.\n\n");
        if (alert.Reasons.Count > 0)
        {
            text.Append("Principales raisons :\n");
            foreach (var reason in alert.Reasons)
            {
                text.Append("- ").Append(reason).Append('\n');
            }

            text.Append('\n');
        }

        if (held is not null)
        {
            text.Append(held).Append("\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Probabilité estimée de difficulté dans les quatre prochains trimestres : {Dashboard.FrenchFormat.Percent(alert.Score)} (source : {source}).\n");
        if (url is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Fiche de la manufacture : {url}\n");
        }

        var portfolio = dashboardBaseUrl is null ? null : new Uri(dashboardBaseUrl, FollowUp.CoachTexts.PortfolioPage(alert.CoachId)).ToString();
        if (portfolio is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Enregistrez la suite donnée (prise de contact, visite, plan d'action) sur votre portefeuille : {portfolio}\n");
        }

        text.Append("\nCe message n'est envoyé qu'une fois par manufacture, trimestre et niveau. Sans suite enregistrée, il vous sera rappelé une fois ; les retours manquants figurent dans votre point hebdomadaire.\n");

        var html = Dashboard.Pages.PageRenderer.Render<AlertEmailBody>(new Dictionary<string, object?>
        {
            [nameof(AlertEmailBody.Alert)] = alert,
            [nameof(AlertEmailBody.Previous)] = previous,
            [nameof(AlertEmailBody.Source)] = source,
            [nameof(AlertEmailBody.Url)] = url,
            [nameof(AlertEmailBody.Held)] = held,
            [nameof(AlertEmailBody.Portfolio)] = portfolio,
        });
        return new AlertEmailContent(subject, text.ToString(), html, url);
    }
}
