using Impact.Analytics.Dashboard;

namespace Impact.Analytics.Tests.Dashboard;

/// <summary>
/// The map keeps every workshop countable (issue 16): co-located workshops are moved apart or counted in a badge, the
/// overseas departments have their insets, a region's map is zoomed on it, and a workshop that cannot be placed is
/// named rather than dropped.
/// </summary>
public sealed class MapLayoutTests
{
    private const double Width = 940;
    private const double Height = 750;

    // Real town halls: Lorient, Rostrenen, Redon (Bretagne); Saint-Denis (La Réunion); Cayenne (Guyane).
    private static MapPoint Lorient(string id, string? level = null) => new(id, level, 47.7483, -3.3700);

    [Fact]
    public void FiveWorkshopsInOneCommune_AreFiveMarkersOneSpacingApart()
    {
        var layout = MapLayout.Place([.. Enumerable.Range(1, 5).Select(i => Lorient($"MP-00{i}"))], zoom: false, Width, Height);

        Assert.Equal(["MP-001", "MP-002", "MP-003", "MP-004", "MP-005"], layout.Markers.Select(m => m.Id));
        Assert.Empty(layout.Badges);
        var spacing = MapLayout.SpacingPixels * layout.UnitsPerPixel;
        Assert.Equal(spacing, MinimumDistance(layout.Markers), 6);
        // Around the commune: every marker within one spacing of Lorient's projected place.
        Assert.All(layout.Markers, m => Assert.InRange(Distance(m.X, m.Y, FranceOutline.ProjectX(-3.3700), 47.7483), 0.5 * spacing, spacing));
    }

    [Fact]
    public void TwelveWorkshopsInOneCommune_AreOneBadgeOfTwelve()
    {
        var layout = MapLayout.Place([.. Enumerable.Range(10, 12).Select(i => Lorient($"MP-0{i}"))], zoom: false, Width, Height);

        Assert.Empty(layout.Markers);
        var badge = Assert.Single(layout.Badges);
        Assert.Equal(12, badge.Ids.Count);
        Assert.Equal("MP-010", badge.Ids[0]);
        Assert.Equal(FranceOutline.ProjectX(-3.3700), badge.X, 9);
    }

    [Fact]
    public void RiskLevels_StayWithTheirWorkshop_WhenMovedApart()
    {
        var layout = MapLayout.Place([Lorient("MP-001", "red"), Lorient("MP-002", "green")], zoom: false, Width, Height);

        Assert.Equal(["red", "green"], layout.Markers.Select(m => m.Level));
        Assert.Equal(MapLayout.SpacingPixels * layout.UnitsPerPixel, MinimumDistance(layout.Markers), 9);
    }

    [Fact]
    public void OverseasWorkshops_AreDrawnInTheirInset_AndBadCoordinatesAreNamed()
    {
        var layout = MapLayout.Place(
            [new MapPoint("MP-974", null, -20.8789, 55.4481), new MapPoint("MP-973", null, 4.9372, -52.3260), new MapPoint("MP-000", null, 0, 0), Lorient("MP-056")],
            zoom: false, Width, Height);

        Assert.False(layout.Zoomed);
        Assert.Equal(["France métropolitaine", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"], layout.Panels.Select(p => p.Name));
        Assert.Null(layout.Panels[0].Frame);
        var reunion = layout.Panels.Single(p => p.Name == "La Réunion").Frame!.Value;
        var guyane = layout.Panels.Single(p => p.Name == "Guyane").Frame!.Value;
        var inReunion = layout.Markers.Single(m => m.Id == "MP-974");
        var inGuyane = layout.Markers.Single(m => m.Id == "MP-973");
        Assert.InRange(inReunion.X, reunion.X0, reunion.X1);
        Assert.InRange(inReunion.Y, reunion.Y0, reunion.Y1);
        Assert.InRange(inGuyane.X, guyane.X0, guyane.X1);
        Assert.InRange(inGuyane.Y, guyane.Y0, guyane.Y1);
        Assert.Equal(["MP-000"], layout.OffMap);
        Assert.Equal(["MP-056", "MP-973", "MP-974"], layout.Markers.Select(m => m.Id));
        // The insets lie west of the mainland, within the view.
        Assert.True(reunion.X1 < FranceOutline.Bounds.MinX);
        Assert.InRange(reunion.X0, layout.View.MinX, layout.View.MaxX);
    }

    [Fact]
    public void ARegionsMap_IsZoomedOnItsWorkshops()
    {
        var layout = MapLayout.Place(
            [Lorient("MP-001"), new MapPoint("MP-002", null, 48.2353, -3.3169), new MapPoint("MP-003", null, 47.6514, -2.0842)],
            zoom: true, Width, Height);

        Assert.True(layout.Zoomed);
        Assert.Empty(layout.OffMap);
        var (minX, maxX, minY, maxY) = layout.View;
        // At least 3 degrees across, padded by 15 % of that on each side: the region and its surroundings, not all of France.
        Assert.Equal(3.9, maxY - minY, 9);
        Assert.Equal(3.9, maxX - minX, 9);
        Assert.All(layout.Markers, m => Assert.True(m.X > minX && m.X < maxX && m.Y > minY && m.Y < maxY));
        Assert.True(layout.UnitsPerPixel < 0.006, $"{layout.UnitsPerPixel} units per pixel");
    }

    [Fact]
    public void ARegionsMap_OverseasIsZoomedOnThatTerritory_InItsOwnProjection()
    {
        var layout = MapLayout.Place([new MapPoint("MP-974", null, -20.8789, 55.4481), new MapPoint("MP-975", null, -21.3393, 55.4781)], zoom: true, Width, Height);

        Assert.True(layout.Zoomed);
        var reunion = FranceOutline.Overseas.Single(t => t.Name == "La Réunion");
        Assert.Equal(FranceOutline.ProjectX(55.4481, reunion.CentreLatitude), layout.Markers[0].X, 9);
        Assert.Equal(-20.8789, layout.Markers[0].Y, 9);
    }

    [Fact]
    public void ARegionWithAWorkshopOffTheMap_ShowsAllOfFranceAndNamesIt()
    {
        var layout = MapLayout.Place([Lorient("MP-001"), new MapPoint("MP-002", null, 0, 0)], zoom: true, Width, Height);

        Assert.False(layout.Zoomed);
        Assert.Equal(["MP-002"], layout.OffMap);
        Assert.Equal("MP-001", Assert.Single(layout.Markers).Id);
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(400, 2)]
    [InlineData(3500, 3)]
    public void AnyCohort_EveryWorkshopOnceAndNoMarkersOverlap(int count, int seed)
    {
        // Random places over the mainland, half of them in 20 towns (many workshops per town, as in cities).
        var random = new Random(seed);
        var towns = Enumerable.Range(0, 20).Select(_ => (Lat: 43.5 + (random.NextDouble() * 5.5), Lon: -1 + (random.NextDouble() * 7))).ToList();
        var points = Enumerable.Range(0, count).Select(i =>
        {
            var (lat, lon) = i % 2 == 0 ? towns[random.Next(towns.Count)] : (43.5 + (random.NextDouble() * 5.5), -1 + (random.NextDouble() * 7));
            return new MapPoint($"MP-{i:D4}", (i % 3) switch { 0 => "green", 1 => "amber", _ => null }, lat, lon);
        }).ToList();

        var layout = MapLayout.Place(points, zoom: false, Width, Height);

        var drawn = layout.Markers.Select(m => m.Id).Concat(layout.Badges.SelectMany(b => b.Ids)).Order(StringComparer.Ordinal);
        Assert.Equal(points.Select(p => p.Id).Order(StringComparer.Ordinal), drawn);
        Assert.Empty(layout.OffMap);
        var spacing = MapLayout.SpacingPixels * layout.UnitsPerPixel;
        Assert.True(MinimumDistance(layout.Markers) >= spacing - 1e-9, $"two markers {MinimumDistance(layout.Markers) / layout.UnitsPerPixel:F1} px apart");
        foreach (var badge in layout.Badges)
        {
            Assert.True(badge.Ids.Count > MapLayout.MaxRing);
            Assert.All(layout.Markers, m => Assert.True(Distance(m.X, m.Y, badge.X, badge.Y) >= 1.5 * spacing - 1e-9));
        }

        // Levels travel with their workshop.
        var levels = points.ToDictionary(p => p.Id, p => p.Level);
        Assert.All(layout.Markers, m => Assert.Equal(levels[m.Id], m.Level));
    }

    [Fact]
    public void MapDescription_CountsWhatIsDrawn()
    {
        var layout = MapLayout.Place(
            [.. Enumerable.Range(10, 9).Select(i => Lorient($"MP-0{i}")), new MapPoint("MP-067", null, 48.5734, 7.7521), new MapPoint("MP-000", null, 0, 0)],
            zoom: false, Width, Height);

        Assert.Equal(
            "Carte de la France métropolitaine, avec en encarts la Guadeloupe, la Martinique, la Guyane, La Réunion et Mayotte (échelles différentes) : "
            + "11 manufactures de proximité, 1 représentée par un point, 9 regroupées, faute de place, dans 1 pastille chiffrée. "
            + "Les points de manufactures voisines sont écartés les uns des autres pour rester visibles : leur place est approchée. "
            + "Hors de la carte, faute de coordonnées en France métropolitaine ou dans un département d'outre-mer : MP-000.",
            NationalCharts.MapDescription(layout, 11, "de proximité"));
    }

    private static double MinimumDistance(IReadOnlyList<PlacedMarker> markers) =>
        markers.SelectMany((a, i) => markers.Skip(i + 1).Select(b => Distance(a.X, a.Y, b.X, b.Y))).DefaultIfEmpty(double.PositiveInfinity).Min();

    private static double Distance(double x1, double y1, double x2, double y2) => Math.Sqrt(((x1 - x2) * (x1 - x2)) + ((y1 - y2) * (y1 - y2)));
}
