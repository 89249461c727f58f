using Impact.Analytics.Registry;

namespace Impact.Simulation;

/// <summary>A real commune where a simulated workshop may sit: region, department, INSEE code, coordinates.</summary>
internal sealed record SimulatedPlace(string Region, string Department, string CommuneInsee, string Commune, double Latitude, double Longitude, TerritoryType Territory);

/// <summary>
/// Real French communes (official geographic code, approximate town-hall coordinates), chosen so that each
/// territory type of DOMAIN.md has plausible places: market towns and valleys for rural, sub-prefectures for
/// small towns, cities with priority urban districts (QPV) for qpv.
/// </summary>
internal static class SimulatedPlaces
{
    public static IReadOnlyList<SimulatedPlace> All { get; } =
    [
        // Rural
        new("Auvergne-Rhône-Alpes", "63", "63003", "Ambert", 45.5497, 3.7417, TerritoryType.Rural),
        new("Auvergne-Rhône-Alpes", "26", "26113", "Die", 44.7536, 5.3703, TerritoryType.Rural),
        new("Bourgogne-Franche-Comté", "58", "58079", "Clamecy", 47.4600, 3.5197, TerritoryType.Rural),
        new("Bretagne", "22", "22266", "Rostrenen", 48.2353, -3.3169, TerritoryType.Rural),
        new("Centre-Val de Loire", "36", "36046", "La Châtre", 46.5822, 1.9878, TerritoryType.Rural),
        new("Grand Est", "52", "52269", "Langres", 47.8625, 5.3331, TerritoryType.Rural),
        new("Normandie", "61", "61293", "Mortagne-au-Perche", 48.5206, 0.5469, TerritoryType.Rural),
        new("Nouvelle-Aquitaine", "23", "23079", "Felletin", 45.8831, 2.1742, TerritoryType.Rural),
        new("Nouvelle-Aquitaine", "24", "24311", "Nontron", 45.5292, 0.6617, TerritoryType.Rural),
        new("Occitanie", "09", "09261", "Saint-Girons", 42.9847, 1.1461, TerritoryType.Rural),
        new("Provence-Alpes-Côte d'Azur", "04", "04088", "Forcalquier", 43.9597, 5.7803, TerritoryType.Rural),
        new("Corse", "2B", "2B096", "Corte", 42.3061, 9.1503, TerritoryType.Rural),

        // Small towns
        new("Auvergne-Rhône-Alpes", "07", "07010", "Annonay", 45.2403, 4.6708, TerritoryType.SmallTown),
        new("Bourgogne-Franche-Comté", "71", "71014", "Autun", 46.9511, 4.2986, TerritoryType.SmallTown),
        new("Bourgogne-Franche-Comté", "71", "71153", "Le Creusot", 46.8008, 4.4167, TerritoryType.SmallTown),
        new("Bretagne", "35", "35236", "Redon", 47.6514, -2.0842, TerritoryType.SmallTown),
        new("Centre-Val de Loire", "18", "18279", "Vierzon", 47.2219, 2.0689, TerritoryType.SmallTown),
        new("Grand Est", "52", "52448", "Saint-Dizier", 48.6383, 4.9497, TerritoryType.SmallTown),
        new("Hauts-de-France", "59", "59249", "Fourmies", 50.0158, 4.0536, TerritoryType.SmallTown),
        new("Hauts-de-France", "02", "02381", "Hirson", 49.9217, 4.0836, TerritoryType.SmallTown),
        new("Normandie", "14", "14762", "Vire Normandie", 48.8383, -0.8892, TerritoryType.SmallTown),
        new("Nouvelle-Aquitaine", "23", "23008", "Aubusson", 45.9564, 2.1681, TerritoryType.SmallTown),
        new("Occitanie", "46", "46102", "Figeac", 44.6086, 2.0317, TerritoryType.SmallTown),
        new("Occitanie", "34", "34142", "Lodève", 43.7317, 3.3194, TerritoryType.SmallTown),
        new("Pays de la Loire", "53", "53062", "Château-Gontier-sur-Mayenne", 47.8286, -0.7028, TerritoryType.SmallTown),
        new("Provence-Alpes-Côte d'Azur", "04", "04070", "Digne-les-Bains", 44.0925, 6.2356, TerritoryType.SmallTown),

        // In or next to a priority urban district (QPV)
        new("Auvergne-Rhône-Alpes", "69", "69259", "Vénissieux", 45.6975, 4.8867, TerritoryType.Qpv),
        new("Bretagne", "56", "56121", "Lorient", 47.7483, -3.3700, TerritoryType.Qpv),
        new("Grand Est", "68", "68224", "Mulhouse", 47.7508, 7.3359, TerritoryType.Qpv),
        new("Hauts-de-France", "59", "59512", "Roubaix", 50.6942, 3.1746, TerritoryType.Qpv),
        new("Île-de-France", "93", "93014", "Clichy-sous-Bois", 48.9103, 2.5469, TerritoryType.Qpv),
        new("Île-de-France", "91", "91286", "Grigny", 48.6544, 2.3931, TerritoryType.Qpv),
        new("Normandie", "76", "76351", "Le Havre", 49.4944, 0.1079, TerritoryType.Qpv),
        new("Occitanie", "30", "30189", "Nîmes", 43.8367, 4.3601, TerritoryType.Qpv),
        new("Pays de la Loire", "44", "44184", "Saint-Nazaire", 47.2736, -2.2137, TerritoryType.Qpv),
        new("Provence-Alpes-Côte d'Azur", "13", "13055", "Marseille", 43.2965, 5.3698, TerritoryType.Qpv),
    ];

    private static readonly Dictionary<TerritoryType, SimulatedPlace[]> ByTerritory =
        All.GroupBy(p => p.Territory).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The places of a territory type (urban falls back to the QPV cities).</summary>
    public static IReadOnlyList<SimulatedPlace> Of(TerritoryType territory) =>
        ByTerritory.TryGetValue(territory, out var places) ? places : ByTerritory[TerritoryType.Qpv];
}
