using Impact.Analytics.Dashboard;

namespace Impact.Analytics.Tests.Dashboard;

/// <summary>
/// The accessibility statement carries every part the RGAA asks for (status, known non-conformities, how it was
/// established and when, contact, recourse to the Défenseur des droits); the personal data page states the retention
/// the lifecycle rule enforces; neither invents a contact address when none was set.
/// </summary>
public sealed class LegalPagesTests
{
    private static readonly SitePublisher Publisher = new("accessibilite@manufactures.example.gouv.fr", new DateOnly(2024, 11, 5), 1095);

    [Fact]
    public void Accessibility_HasEveryPartOfTheRgaaStatement()
    {
        var html = LegalPages.Accessibility(Publisher);

        string[] headings = ["Déclaration d&#x27;accessibilité", "État de conformité", "Résultats des tests", "Contenus non accessibles", "Non-conformités connues",
            "Dérogations pour charge disproportionnée", "Contenus non soumis à l&#x27;obligation d&#x27;accessibilité", "Établissement de cette déclaration",
            "Retour d&#x27;information et contact", "Voies de recours"];
        var at = headings.Select(h => html.IndexOf(">" + h + "</h", StringComparison.Ordinal)).ToList();
        Assert.All(at, i => Assert.True(i > 0));
        Assert.Equal(at.Order(), at);
        Assert.Contains("Ce site est non conforme au référentiel général d&#x27;amélioration de l&#x27;accessibilité (RGAA), version 4.1.2", html, StringComparison.Ordinal);
        Assert.Contains("mise à jour le 05/11/2024, date du traitement trimestriel qui a produit ce site.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:accessibilite@manufactures.example.gouv.fr\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://formulaire.defenseurdesdroits.fr/\"", html, StringComparison.Ordinal);
        Assert.Contains("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.", html, StringComparison.Ordinal);
        Assert.Contains("<title>Accessibilité", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonalData_StatesTheRetentionAndTheRightsWithoutInventingAnAddress()
    {
        var html = LegalPages.PersonalData(Publisher);
        var unset = LegalPages.PersonalData(SitePublisher.Unset);

        Assert.Contains("<li>Combien de temps&#xA0;: 1&#xA0;095 jours après leur dernière modification, puis supprimés automatiquement.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Combien de temps&#xA0;: 730 jours après leur dernière modification, puis supprimés automatiquement.</li>", unset, StringComparison.Ordinal);
        Assert.Contains("Il ne dépose aucun cookie et ne mesure pas l&#x27;audience.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:accessibilite@manufactures.example.gouv.fr\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mailto:", unset, StringComparison.Ordinal);
        Assert.Contains("en écrivant à l&#x27;équipe du dispositif au ministère (l&#x27;adresse de contact de ce site n&#x27;a pas encore été fixée).", unset, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.cnil.fr/fr/plaintes\"", html, StringComparison.Ordinal);
    }
}
