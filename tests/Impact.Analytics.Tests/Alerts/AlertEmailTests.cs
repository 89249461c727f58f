using Impact.Analytics.Alerts;
using Impact.Analytics.Risk;

namespace Impact.Analytics.Tests.Alerts;

public sealed class AlertEmailTests
{
    private static readonly RiskAlert Alert = new()
    {
        WorkshopId = "MP-002",
        WorkshopName = "Atelier des Quais",
        Quarter = new Quarter(2024, 3),
        Level = RiskLevel.Red,
        PreviousLevel = RiskLevel.Amber,
        Score = 0.82,
        Source = "scorecard",
        CoachId = "C-02",
        CoachEmail = "coach.c02@example.org",
        Reasons = ["Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)", "Recettes propres : -35 % sur un an <b>"],
    };

    [Fact]
    public void Compose_SaysLevelReasonsAndLinkInFrench()
    {
        var mail = AlertEmail.Compose(Alert, new Uri("https://tableau.example.org/"));

        Assert.Equal("[Manufactures de proximité] Atelier des Quais (MP-002) : risque élevé au T3 2024", mail.Subject);
        Assert.Equal(
            "Bonjour,\n\n"
            + "Le niveau de risque de la manufacture Atelier des Quais (MP-002), que vous accompagnez, est « élevé » au T3 2024 (niveau précédent : « à surveiller »).\n\n"
            + "Principales raisons :\n"
            + "- Trésorerie : 0,8 mois de charges (médiane des pairs : 4,1)\n"
            + "- Recettes propres : -35 % sur un an <b>\n\n"
            + "Probabilité estimée de difficulté dans les quatre prochains trimestres : 82\u00A0% (source : grille de points).\n"
            + "Fiche de la manufacture : https://tableau.example.org/app/workshops/MP-002\n"
            + "Enregistrez la suite donnée (prise de contact, visite, plan d'action) sur votre portefeuille : https://tableau.example.org/app/coaches/C-02\n"
            + "\nCe message n'est envoyé qu'une fois par manufacture, trimestre et niveau. Sans suite enregistrée, il vous sera rappelé une fois ; les retours manquants figurent dans votre point hebdomadaire.\n",
            mail.TextBody);
        Assert.Equal("https://tableau.example.org/app/workshops/MP-002", mail.DashboardUrl);
        Assert.Contains("<p><a href=\"https://tableau.example.org/app/coaches/C-02\">Enregistrer la suite donnée (prise de contact, visite, plan d'action)</a></p>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SaysSinceWhenAHeldBackAlertWaited()
    {
        var mail = AlertEmail.Compose(Alert with { HeldSince = new Quarter(2024, 2) }, null);

        const string Held = "Cette alerte attendait depuis le T2 2024 : vous aviez alors reçu le nombre maximal d'alertes du trimestre.";
        Assert.Contains("- Recettes propres : -35 % sur un an <b>\n\n" + Held + "\n\nProbabilité estimée", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>" + Held.Replace("'", "&#x27;", StringComparison.Ordinal).Replace(" :", "&#xA0;:", StringComparison.Ordinal) + "</p>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("attendait", AlertEmail.Compose(Alert, null).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_HtmlEscapesEverythingItQuotes()
    {
        var html = AlertEmail.Compose(Alert, null).HtmlBody;
        Assert.Contains("sur un an &lt;b&gt;</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RiskLevel.Green, "faible")]
    [InlineData(RiskLevel.Amber, "à surveiller")]
    [InlineData(RiskLevel.Red, "élevé")]
    public void LevelName_IsFrench(RiskLevel level, string expected) => Assert.Equal(expected, AlertEmail.LevelName(level));
}
