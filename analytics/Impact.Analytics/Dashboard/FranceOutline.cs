using System.Text.Json;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The outlines of France behind the map of workshops, embedded in this assembly (Assets/Map/, derived from Natural
/// Earth 1:50m as Assets/Map/SOURCE.md explains): metropolitan France (france-metropolitaine.geojson) and the five
/// overseas departments and regions (france-outre-mer.geojson: Guadeloupe, Martinique, Guyane, La Réunion, Mayotte).
/// The map uses an equirectangular projection: x = longitude × cos(centre latitude), y = latitude, so that one unit
/// is about the same distance in both directions around the centre latitude.
/// </summary>
internal static class FranceOutline
{
    /// <summary>The latitude (degrees) at which the projection of metropolitan France keeps distances true.</summary>
    public const double CentreLatitude = 46.5;

    private static readonly Lazy<Territory> MetropolitanOutline = new(() => Load("france-metropolitaine.geojson").Single());

    private static readonly Lazy<IReadOnlyList<Territory>> OverseasOutlines = new(() => Load("france-outre-mer.geojson"));

    /// <summary>Metropolitan France: mainland, Corsica, the largest Atlantic islands.</summary>
    public static Territory Metropolitan => MetropolitanOutline.Value;

    /// <summary>The five overseas departments and regions, in the order of their INSEE codes (971 to 976).</summary>
    public static IReadOnlyList<Territory> Overseas => OverseasOutlines.Value;

    /// <summary>The outer rings of metropolitan France, as longitude and latitude in degrees.</summary>
    public static IReadOnlyList<IReadOnlyList<(double Longitude, double Latitude)>> Rings => Metropolitan.Rings;

    /// <summary>The projected bounds of metropolitan France: (min x, max x, min y, max y).</summary>
    public static (double MinX, double MaxX, double MinY, double MaxY) Bounds
    {
        get
        {
            var (west, east, south, north) = Metropolitan.Extent;
            return (ProjectX(west), ProjectX(east), south, north);
        }
    }

    /// <summary>The projected x of a longitude, for metropolitan France.</summary>
    public static double ProjectX(double longitude) => ProjectX(longitude, CentreLatitude);

    /// <summary>The projected x of a longitude, true to distances at <paramref name="centreLatitude"/>.</summary>
    public static double ProjectX(double longitude, double centreLatitude) => longitude * Math.Cos(centreLatitude * Math.PI / 180);

    private static List<Territory> Load(string file)
    {
        using var stream = SiteAssets.OpenEmbedded(SiteAssets.AssetsPrefix + file);
        using var document = JsonDocument.Parse(stream);
        var territories = new List<Territory>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var rings = new List<IReadOnlyList<(double, double)>>();
            foreach (var polygon in feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            {
                var outer = polygon[0];
                rings.Add([.. outer.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))]);
            }

            territories.Add(new Territory(feature.GetProperty("properties").GetProperty("name").GetString()!, rings));
        }

        return territories;
    }
}

/// <summary>A territory's name and outline (outer rings, longitude and latitude in degrees).</summary>
internal sealed record Territory(string Name, IReadOnlyList<IReadOnlyList<(double Longitude, double Latitude)>> Rings)
{
    /// <summary>How far from its outline (degrees) a workshop still counts as in the territory: coasts are simplified, islets left out.</summary>
    public const double Margin = 0.3;

    /// <summary>The territory's extent in degrees: (west, east, south, north).</summary>
    public (double West, double East, double South, double North) Extent { get; } = (
        Rings.SelectMany(r => r).Min(p => p.Longitude), Rings.SelectMany(r => r).Max(p => p.Longitude),
        Rings.SelectMany(r => r).Min(p => p.Latitude), Rings.SelectMany(r => r).Max(p => p.Latitude));

    /// <summary>The latitude at the middle of the territory, the centre of its projection.</summary>
    public double CentreLatitude => (Extent.South + Extent.North) / 2;

    /// <summary>Whether a point lies within the territory's extent, widened by <see cref="Margin"/>.</summary>
    public bool Covers(double latitude, double longitude) =>
        latitude >= Extent.South - Margin && latitude <= Extent.North + Margin
        && longitude >= Extent.West - Margin && longitude <= Extent.East + Margin;
}
