using Impact.Analytics.Risk;
using System.Globalization;
using Impact.Analytics.Registry;

namespace Impact.Analytics.Dashboard;

/// <summary>The French words of the dashboard for the registry's and the risk step's keys.</summary>
internal static class FrenchLabels
{
    /// <summary>A territory type as a French reader names it.</summary>
    public static string Territory(TerritoryType type) => type switch
    {
        TerritoryType.Rural => "Rural",
        TerritoryType.Qpv => "Quartier prioritaire (QPV)",
        TerritoryType.SmallTown => "Petite ville",
        TerritoryType.Urban => "Urbain",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown territory type."),
    };

    /// <summary>A risk level in French (<see cref="RiskLevels"/>); "non évalué" for anything else.</summary>
    public static string Risk(string? level) => level switch
    {
        RiskLevels.Green => "Vert (risque faible)",
        RiskLevels.Amber => "Orange (à surveiller)",
        RiskLevels.Red => "Rouge (risque élevé)",
        _ => "Non évalué",
    };

    /// <summary>The DSFR badge class of a risk level (success, warning, error; grey without a score).</summary>
    public static string RiskBadge(string? level) => level switch
    {
        RiskLevels.Green => "fr-badge--success",
        RiskLevels.Amber => "fr-badge--warning",
        RiskLevels.Red => "fr-badge--error",
        _ => "",
    };

    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <summary>A labelling wave with the month of its first labelling (from the registry): "Vague 1 (décembre 2021)".</summary>
    public static string Wave(int wave, DateOnly? labelledOn) =>
        "Vague " + FrenchFormat.Count(wave) + (labelledOn is { } date ? $" ({MonthYear(date)})" : "");

    /// <summary>"décembre 2021".</summary>
    public static string MonthYear(DateOnly date) => Months[date.Month - 1] + " " + date.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>The status a workshop declares in its return.</summary>
    public static string Status(string status) => status switch
    {
        "active" => "en activité",
        "suspended" => "activité suspendue",
        "closed" => "fermée",
        _ => status,
    };

    /// <summary>The four groups of own-revenue sources drawn on a workshop's revenue chart, as indexes into the seven revenue_* fields.</summary>
    public static IReadOnlyList<(string Label, int[] Fields)> RevenueGroups { get; } =
    [
        ("Location d'espaces et de machines", [0, 1]),
        ("Formation", [2]),
        ("Prestations (entreprises, acteurs publics)", [3, 4]),
        ("Événements, restauration, autres", [5, 6]),
    ];
}
