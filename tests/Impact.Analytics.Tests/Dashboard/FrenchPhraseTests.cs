using Impact.Analytics.Dashboard;
using Impact.Analytics.Registry;

namespace Impact.Analytics.Tests.Dashboard;

/// <summary>Prepositions and articles before real names (workshops and communes of the scheme), as French is written.</summary>
public sealed class FrenchPhraseTests
{
    [Theory]
    [InlineData("Les Ateliers de Vénissieux", "des Ateliers de Vénissieux")]
    [InlineData("Le Creusot", "du Creusot")]
    [InlineData("Le Faubourg des makers du Havre", "du Faubourg des makers du Havre")]
    [InlineData("La Fabrique du Creusot", "de La Fabrique du Creusot")]
    [InlineData("La Rochelle", "de La Rochelle")]
    [InlineData("L'Atelier partagé d'Annonay", "de L'Atelier partagé d'Annonay")]
    [InlineData("Ambert", "d'Ambert")]
    [InlineData("Écomusée du Creusot", "d'Écomusée du Creusot")]
    [InlineData("Hangar 21", "de Hangar 21")]
    [InlineData("Lens", "de Lens")]
    [InlineData("Lesneven", "de Lesneven")]
    [InlineData("Le", "de Le")]
    public void Of_ContractsTheArticle(string name, string expected) => Assert.Equal(expected, FrenchPhrase.Of(name));

    [Theory]
    [InlineData("Le Creusot", "au Creusot")]
    [InlineData("Les Lilas", "aux Lilas")]
    [InlineData("La Rochelle", "à La Rochelle")]
    [InlineData("Autun", "à Autun")]
    public void To_ContractsTheArticle(string name, string expected) => Assert.Equal(expected, FrenchPhrase.To(name));

    [Theory]
    [InlineData("La Manufacture des savoir-faire d'Aubusson", "la Manufacture des savoir-faire d'Aubusson")]
    [InlineData("Manufacture Bohin", "la Manufacture Bohin")]
    [InlineData("Les Ateliers de Vénissieux", "la manufacture Les Ateliers de Vénissieux")]
    [InlineData("La Fabrique du Creusot", "la manufacture La Fabrique du Creusot")]
    public void TheWorkshop_IsNotSaidTwice(string name, string expected) => Assert.Equal(expected, FrenchPhrase.TheWorkshop(name));

    [Fact]
    public void OfTheWorkshop_ContractsNothingInTheName() =>
        Assert.Equal("de la Manufacture du Creusot", FrenchPhrase.OfTheWorkshop("La Manufacture du Creusot"));

    [Theory]
    [InlineData(TerritoryType.Rural, "en territoire rural")]
    [InlineData(TerritoryType.Qpv, "en quartier prioritaire (QPV)")]
    [InlineData(TerritoryType.SmallTown, "en petite ville")]
    [InlineData(TerritoryType.Urban, "en territoire urbain")]
    public void InTerritory_ReadsAsFrench(TerritoryType type, string expected) => Assert.Equal(expected, FrenchPhrase.InTerritory(type));
}
