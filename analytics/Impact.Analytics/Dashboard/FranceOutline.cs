using System.Text.Json;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The outline of metropolitan France behind the map of workshops: Assets/Map/france-metropolitaine.geojson, derived
/// from Natural Earth 1:50m (public domain) as Assets/Map/SOURCE.md explains, embedded in this assembly. The map
/// uses an equirectangular projection centred on France: x = longitude × cos(46.5°), y = latitude, so that one
/// unit is about the same distance in both directions at the middle latitude of the country.
/// </summary>
internal static class FranceOutline
{
    /// <summary>The latitude (degrees) at which the projection keeps distances true.</summary>
    public const double CentreLatitude = 46.5;

    private static readonly double XScale = Math.Cos(CentreLatitude * Math.PI / 180);

    private static readonly Lazy<IReadOnlyList<IReadOnlyList<(double Longitude, double Latitude)>>> Outline = new(Load);

    /// <summary>The outer rings of the polygons (mainland, Corsica, the largest islands), as longitude and latitude in degrees.</summary>
    public static IReadOnlyList<IReadOnlyList<(double Longitude, double Latitude)>> Rings => Outline.Value;

    /// <summary>The projected bounds of the outline: (min x, max x, min y, max y).</summary>
    public static (double MinX, double MaxX, double MinY, double MaxY) Bounds
    {
        get
        {
            var points = Rings.SelectMany(r => r).ToList();
            return (ProjectX(points.Min(p => p.Longitude)), ProjectX(points.Max(p => p.Longitude)), points.Min(p => p.Latitude), points.Max(p => p.Latitude));
        }
    }

    /// <summary>The projected x of a longitude.</summary>
    public static double ProjectX(double longitude) => longitude * XScale;

    private static List<IReadOnlyList<(double, double)>> Load()
    {
        using var stream = SiteAssets.OpenEmbedded(SiteAssets.AssetsPrefix + "france-metropolitaine.geojson");
        using var document = JsonDocument.Parse(stream);
        var rings = new List<IReadOnlyList<(double, double)>>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            foreach (var polygon in feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            {
                var outer = polygon[0];
                rings.Add([.. outer.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))]);
            }
        }

        return rings;
    }
}
