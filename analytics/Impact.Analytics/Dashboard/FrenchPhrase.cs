using Impact.Analytics.Registry;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The one place that puts prepositions and articles before names, as French is written: de + Le = du,
/// de + Les = des, à + Le = au, à + Les = aux, de before a vowel = d', and "la manufacture" is not written
/// before a name that already says it. Every page, chart and e-mail that composes such a phrase goes through it.
/// </summary>
public static class FrenchPhrase
{
    /// <summary>"de" before a name: "Les Ateliers de Vénissieux" → "des Ateliers de Vénissieux", "Le Creusot" → "du Creusot", "Atelier Moulin" → "d'Atelier Moulin", "La Rochelle" → "de La Rochelle".</summary>
    public static string Of(string name) => name switch
    {
        _ when StartsWithWord(name, "Les") => "des " + name[4..],
        _ when StartsWithWord(name, "Le") => "du " + name[3..],
        // La and L' never contract, and a name keeps its capital: "de La Rochelle", "de L'Atelier partagé".
        _ when StartsWithWord(name, "La") || name.StartsWith("L'", StringComparison.OrdinalIgnoreCase) || name.StartsWith("L’", StringComparison.OrdinalIgnoreCase) => "de " + name,
        _ when StartsWithVowel(name) => "d'" + name,
        _ => "de " + name,
    };

    /// <summary>"à" before a name: "Le Creusot" → "au Creusot", "Les Lilas" → "aux Lilas".</summary>
    public static string To(string name) => name switch
    {
        _ when StartsWithWord(name, "Les") => "aux " + name[4..],
        _ when StartsWithWord(name, "Le") => "au " + name[3..],
        _ => "à " + name,
    };

    /// <summary>
    /// "la manufacture X", unless the name already names a manufacture ("La Manufacture des savoir-faire" stays
    /// "la Manufacture des savoir-faire", never "la manufacture La Manufacture des savoir-faire").
    /// </summary>
    public static string TheWorkshop(string name) =>
        StartsWithWord(name, "La") && StartsWithWord(name[3..], "Manufacture") ? "la " + name[3..]
        : StartsWithWord(name, "Manufacture") ? "la " + name
        : "la manufacture " + name;

    /// <summary>"de la manufacture X", on the same rule as <see cref="TheWorkshop"/>.</summary>
    public static string OfTheWorkshop(string name) => "de " + TheWorkshop(name);

    /// <summary>Where a workshop is: "en territoire rural", "en quartier prioritaire (QPV)", "en petite ville", "en territoire urbain".</summary>
    public static string InTerritory(TerritoryType type) => type switch
    {
        TerritoryType.Rural => "en territoire rural",
        TerritoryType.Qpv => "en quartier prioritaire (QPV)",
        TerritoryType.SmallTown => "en petite ville",
        TerritoryType.Urban => "en territoire urbain",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown territory type."),
    };

    private static bool StartsWithWord(string text, string word) =>
        text.Length > word.Length + 1 && text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && text[word.Length] == ' ';

    private static bool StartsWithVowel(string text) =>
        text.Length > 0 && "AEIOUYÀÂÉÈÊËÎÏÔÛÙÜŒÆaeiouyàâéèêëîïôûùüœæ".Contains(text[0], StringComparison.Ordinal);
}
