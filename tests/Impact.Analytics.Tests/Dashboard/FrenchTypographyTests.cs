using Impact.Analytics.Dashboard;

namespace Impact.Analytics.Tests.Dashboard;

/// <summary>French spacing on texts the pages really show: no line may start with « : » or « » » nor end with « « ».</summary>
public sealed class FrenchTypographyTests
{
    private const string Nbsp = "&#xA0;";

    [Theory]
    [InlineData("Seuil de difficulté : 1 mois", "Seuil de difficulté\u00A0: 1 mois")]
    [InlineData("emplois déclarés (colonne « Retours reçus »).", "emplois déclarés (colonne «\u00A0Retours reçus\u00A0»).")]
    [InlineData("Voir « impact run --help »", "Voir «\u00A0impact run --help\u00A0»")]
    [InlineData("Pourquoi ce niveau ? Voici : les raisons ; la suite !", "Pourquoi ce niveau\u00A0? Voici\u00A0: les raisons\u00A0; la suite\u00A0!")]
    [InlineData("page «\n    Sources et méthodes\n    »", "page «\u00A0Sources et méthodes\u00A0»")]
    [InlineData("Ateliers :", "Ateliers\u00A0:")]
    public void Text_MakesTheSpacesAroundFrenchPunctuationUnbreakable(string text, string expected) =>
        Assert.Equal(expected, FrenchTypography.Text(text));

    [Theory]
    [InlineData("Déposé le 3 décembre 2026 à 14:05")]
    [InlineData("https://www.data.gouv.fr/fr/datasets/?q=manufactures")]
    [InlineData("Trimestre 2024-Q3, identifiant MP-2023-014")]
    [InlineData("Taux : 12\u00A0%")]
    public void Text_LeavesColonsWithoutASpaceAlone(string text) =>
        Assert.Equal(text.Replace("Taux :", "Taux\u00A0:", StringComparison.Ordinal), FrenchTypography.Text(text));

    [Fact]
    public void Html_ChangesTheTextButNotTheMarkupNorCodeNorWhatAUserEdits()
    {
        const string html = """
            <p class="a" title="Niveau : rouge">Niveau <strong>rouge</strong> : 3 raisons ; voir « <a href="x.html?a=1">la fiche</a> »</p>
            <style>@media (max-width: 575px) { a :hover { color: red } }</style>
            <script>var x = a ? b : c;</script>
            <pre>impact run --as-of "T3 2024" : exemple</pre>
            <textarea name="note">Appel : fait ; relance ?</textarea>
            <!-- commentaire : « tel quel » -->
            """;

        var result = FrenchTypography.Html(html);

        Assert.Equal(html
            .Replace("</strong> : 3 raisons ; voir « <a", $"</strong>{Nbsp}: 3 raisons{Nbsp}; voir «{Nbsp}<a", StringComparison.Ordinal)
            .Replace("</a> »</p>", $"</a>{Nbsp}»</p>", StringComparison.Ordinal), result);
    }

    [Fact]
    public void Html_KeepsAGreaterThanSignInsideAQuotedAttribute()
    {
        const string html = "<img alt=\"a > b : c\" src=\"x.png\"> Légende : carte";

        Assert.Equal($"<img alt=\"a > b : c\" src=\"x.png\"> Légende{Nbsp}: carte", FrenchTypography.Html(html));
    }
}
