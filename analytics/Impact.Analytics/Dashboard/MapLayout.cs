namespace Impact.Analytics.Dashboard;

/// <summary>A workshop to place on the map: identifier, latest risk level (null: none shown), coordinates in degrees.</summary>
internal sealed record MapPoint(string Id, string? Level, double Latitude, double Longitude);

/// <summary>A marker drawn for one workshop, at plot coordinates (moved aside from its neighbours when they are close).</summary>
internal sealed record PlacedMarker(string Id, string? Level, double X, double Y);

/// <summary>A numbered badge drawn for several workshops too close together to be told apart, at plot coordinates.</summary>
internal sealed record MapBadge(IReadOnlyList<string> Ids, double X, double Y);

/// <summary>A territory drawn on the map: its rings at plot coordinates, and for an inset its frame (x0, y0, x1, y1) and name.</summary>
internal sealed record MapPanel(string Name, IReadOnlyList<IReadOnlyList<(double X, double Y)>> Rings, (double X0, double Y0, double X1, double Y1)? Frame);

/// <summary>
/// Where each workshop goes on the map, so that every workshop stays countable (issue 16): the frame (all of France
/// with its five overseas departments in insets, or zoomed on one territory when all the workshops are in it), then
/// the markers, moved apart in a ring when up to <see cref="MaxRing"/> workshops sit within a few markers of each other
/// (same commune, neighbouring towns), or replaced by one numbered badge for more. A workshop whose coordinates lie in
/// no territory drawn is listed in <see cref="OffMap"/>, never silently dropped.
/// </summary>
internal sealed class MapLayout
{
    /// <summary>The most workshops drawn side by side in a ring; a group of more gets a numbered badge.</summary>
    public const int MaxRing = 7;

    /// <summary>Distance between the centres of two markers moved apart, in pixels (markers are 13 px wide).</summary>
    public const double SpacingPixels = 15;

    private MapLayout(IReadOnlyList<MapPanel> panels, IReadOnlyList<PlacedMarker> markers, IReadOnlyList<MapBadge> badges, IReadOnlyList<string> offMap, (double MinX, double MaxX, double MinY, double MaxY) view, bool zoomed, double unitsPerPixel)
    {
        Panels = panels;
        Markers = markers;
        Badges = badges;
        OffMap = offMap;
        View = view;
        Zoomed = zoomed;
        UnitsPerPixel = unitsPerPixel;
    }

    /// <summary>The territories drawn: metropolitan France first, then the insets (national frame only).</summary>
    public IReadOnlyList<MapPanel> Panels { get; }

    /// <summary>One marker per workshop not in a badge, ordered by identifier.</summary>
    public IReadOnlyList<PlacedMarker> Markers { get; }

    /// <summary>The numbered badges, each with the workshops it stands for.</summary>
    public IReadOnlyList<MapBadge> Badges { get; }

    /// <summary>The workshops whose coordinates are in no territory drawn, ordered by identifier.</summary>
    public IReadOnlyList<string> OffMap { get; }

    /// <summary>The plot coordinates to show.</summary>
    public (double MinX, double MaxX, double MinY, double MaxY) View { get; }

    /// <summary>Whether the map is zoomed on one territory (a region's map) rather than showing all of France.</summary>
    public bool Zoomed { get; }

    /// <summary>Plot units per pixel, for the given drawing area, with square units.</summary>
    public double UnitsPerPixel { get; }

    /// <summary>
    /// Lays out <paramref name="points"/> for a drawing area of <paramref name="widthPixels"/> by
    /// <paramref name="heightPixels"/>. With <paramref name="zoom"/>, the map is zoomed on the workshops when they all lie
    /// in one territory; otherwise (or when they do not) it shows metropolitan France and the overseas insets.
    /// </summary>
    public static MapLayout Place(IReadOnlyList<MapPoint> points, bool zoom, double widthPixels, double heightPixels)
    {
        var territories = new[] { FranceOutline.Metropolitan }.Concat(FranceOutline.Overseas).ToList();
        var homes = points.ToDictionary(p => p.Id, p => territories.FirstOrDefault(t => t.Covers(p.Latitude, p.Longitude)), StringComparer.Ordinal);
        var onMap = points.Where(p => homes[p.Id] is not null).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var offMap = points.Where(p => homes[p.Id] is null).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        var only = onMap.Select(p => homes[p.Id]!).Distinct().ToList();
        return zoom && onMap.Count > 0 && only.Count == 1 && offMap.Count == 0
            ? ZoomedOn(onMap, only[0], widthPixels, heightPixels)
            : National(onMap, homes, offMap, widthPixels, heightPixels);
    }

    private static MapLayout ZoomedOn(List<MapPoint> points, Territory territory, double widthPixels, double heightPixels)
    {
        var centre = territory == FranceOutline.Metropolitan ? FranceOutline.CentreLatitude : territory.CentreLatitude;
        (double X, double Y) Project(double latitude, double longitude) => (FranceOutline.ProjectX(longitude, centre), latitude);
        var projected = points.Select(p => Project(p.Latitude, p.Longitude)).ToList();
        var (minX, maxX) = (projected.Min(p => p.X), projected.Max(p => p.X));
        var (minY, maxY) = (projected.Min(p => p.Y), projected.Max(p => p.Y));

        // The workshops' extent, widened so that they do not sit on the edge and a lone workshop still shows its
        // surroundings (at least 3 degrees, about 330 km, across: the size of a region).
        var span = Math.Max(Math.Max(maxX - minX, maxY - minY), 3);
        var pad = span * 0.15;
        var (cx, cy) = ((minX + maxX) / 2, (minY + maxY) / 2);
        var view = (cx - (Math.Max(maxX - minX, span) / 2) - pad, cx + (Math.Max(maxX - minX, span) / 2) + pad,
            cy - (Math.Max(maxY - minY, span) / 2) - pad, cy + (Math.Max(maxY - minY, span) / 2) + pad);
        var territories = new[] { FranceOutline.Metropolitan }.Concat(FranceOutline.Overseas);
        var panels = territories
            .Select(t => new MapPanel(t.Name, [.. t.Rings.Select(r => (IReadOnlyList<(double, double)>)[.. r.Select(p => Project(p.Latitude, p.Longitude))])], null))
            .ToList();
        var upp = UnitsPer(view, widthPixels, heightPixels);
        var (markers, badges) = Spread([.. points.Select((p, i) => (p, projected[i].X, projected[i].Y))], upp);
        return new MapLayout(panels, markers, badges, [], view, zoomed: true, upp);
    }

    private static MapLayout National(List<MapPoint> points, Dictionary<string, Territory?> homes, List<string> offMap, double widthPixels, double heightPixels)
    {
        // Metropolitan France at its true place; the overseas departments in a column of equal frames to its west,
        // over the Atlantic, each at its own scale (as on INSEE's maps).
        var metropolitan = FranceOutline.Metropolitan;
        var (minX, maxX, minY, maxY) = FranceOutline.Bounds;
        const double gap = 0.2;
        const double frameWidth = 2.0;
        var overseas = FranceOutline.Overseas;
        var frameHeight = (maxY - minY - (gap * (overseas.Count - 1))) / overseas.Count;
        var frameRight = minX - 0.5;
        var transforms = new Dictionary<Territory, Func<double, double, (double X, double Y)>>
        {
            [metropolitan] = (lat, lon) => (FranceOutline.ProjectX(lon), lat),
        };
        var panels = new List<MapPanel>
        {
            new(metropolitan.Name, [.. metropolitan.Rings.Select(r => (IReadOnlyList<(double, double)>)[.. r.Select(p => transforms[metropolitan](p.Latitude, p.Longitude))])], null),
        };
        for (var i = 0; i < overseas.Count; i++)
        {
            var territory = overseas[i];
            var frame = (X0: frameRight - frameWidth, Y0: maxY - ((i + 1) * frameHeight) - (i * gap), X1: frameRight, Y1: maxY - (i * frameHeight) - (i * gap));

            // The territory fills the frame below a line kept for its name, with the margin around it.
            var centre = territory.CentreLatitude;
            var (west, east, south, north) = territory.Extent;
            const double around = 0.08;
            var (tx0, tx1) = (FranceOutline.ProjectX(west - around, centre), FranceOutline.ProjectX(east + around, centre));
            var (ty0, ty1) = (south - around, north + around);
            var labelRoom = frameHeight * 0.22;
            var scale = Math.Min((frameWidth * 0.9) / (tx1 - tx0), (frameHeight - labelRoom) * 0.9 / (ty1 - ty0));
            var (fcx, fcy) = ((frame.X0 + frame.X1) / 2, frame.Y0 + ((frameHeight - labelRoom) / 2));
            var (tcx, tcy) = ((tx0 + tx1) / 2, (ty0 + ty1) / 2);
            // A workshop offshore (within the territory's margin, beyond the frame) is kept inside the frame.
            transforms[territory] = (lat, lon) => (
                Math.Clamp(fcx + ((FranceOutline.ProjectX(lon, centre) - tcx) * scale), frame.X0 + 0.1, frame.X1 - 0.1),
                Math.Clamp(fcy + ((lat - tcy) * scale), frame.Y0 + 0.1, frame.Y1 - labelRoom));
            panels.Add(new MapPanel(territory.Name, [.. territory.Rings.Select(r => (IReadOnlyList<(double, double)>)[.. r.Select(p => transforms[territory](p.Latitude, p.Longitude))])], frame));
        }

        var view = (frameRight - frameWidth - 0.15, maxX + 0.3, minY - 0.3, maxY + 0.3);
        var upp = UnitsPer(view, widthPixels, heightPixels);
        var placed = points.Select(p => (p, transforms[homes[p.Id]!](p.Latitude, p.Longitude))).ToList();

        // Each panel has its own scale: workshops are grouped within their panel only.
        var markers = new List<PlacedMarker>();
        var badges = new List<MapBadge>();
        foreach (var group in placed.GroupBy(x => homes[x.p.Id]!.Name, StringComparer.Ordinal))
        {
            var (m, b) = Spread([.. group.Select(x => (x.p, x.Item2.X, x.Item2.Y))], upp);
            markers.AddRange(m);
            badges.AddRange(b);
        }

        return new MapLayout(panels, [.. markers.OrderBy(m => m.Id, StringComparer.Ordinal)], badges, offMap, view, zoomed: false, upp);
    }

    private static double UnitsPer((double MinX, double MaxX, double MinY, double MaxY) view, double widthPixels, double heightPixels) =>
        Math.Max((view.MaxX - view.MinX) / widthPixels, (view.MaxY - view.MinY) / heightPixels);

    /// <summary>
    /// Groups the points that lie within 3.5 marker spacings of a group's first point (taken in identifier order), then
    /// draws each group: one point where it is, up to <see cref="MaxRing"/> on a ring around their centre (in the
    /// order of their bearings from it, so neighbours keep their relative places), more as one numbered badge. Groups
    /// whose drawings still overlap are merged and drawn again, until nothing overlaps.
    /// </summary>
    private static (List<PlacedMarker> Markers, List<MapBadge> Badges) Spread(IReadOnlyList<(MapPoint Point, double X, double Y)> points, double unitsPerPixel)
    {
        var d = SpacingPixels * unitsPerPixel;
        var groups = new List<List<(MapPoint Point, double X, double Y)>>();
        foreach (var p in points.OrderBy(p => p.Point.Id, StringComparer.Ordinal))
        {
            var home = groups.FirstOrDefault(g => Distance(g[0].X, g[0].Y, p.X, p.Y) < 3.5 * d);
            if (home is null)
            {
                groups.Add([p]);
            }
            else
            {
                home.Add(p);
            }
        }

        while (true)
        {
            var drawn = groups.Select(Draw).ToList();
            var merged = MergeOverlapping(groups, drawn, d);
            if (merged.Count == groups.Count)
            {
                return ([.. drawn.SelectMany(x => x.Markers)], [.. drawn.SelectMany(x => x.Badge is null ? [] : new[] { x.Badge })]);
            }

            groups = merged;
        }

        (List<PlacedMarker> Markers, MapBadge? Badge) Draw(List<(MapPoint Point, double X, double Y)> group)
        {
            var (cx, cy) = (group.Average(p => p.X), group.Average(p => p.Y));
            if (group.Count == 1)
            {
                return ([new PlacedMarker(group[0].Point.Id, group[0].Point.Level, group[0].X, group[0].Y)], null);
            }

            if (group.Count > MaxRing)
            {
                return ([], new MapBadge([.. group.Select(p => p.Point.Id).Order(StringComparer.Ordinal)], cx, cy));
            }

            // A ring on which neighbouring markers are exactly d apart.
            var radius = d / (2 * Math.Sin(Math.PI / group.Count));
            bool AtCentre((MapPoint Point, double X, double Y) p) => Distance(p.X, p.Y, cx, cy) < 1e-9;
            var ordered = group
                .OrderBy(p => AtCentre(p) ? 0 : Math.Atan2(p.Y - cy, p.X - cx))
                .ThenBy(p => p.Point.Id, StringComparer.Ordinal)
                .ToList();
            var start = AtCentre(ordered[0]) ? Math.PI / 2 : Math.Atan2(ordered[0].Y - cy, ordered[0].X - cx);
            return ([.. ordered.Select((p, i) => new PlacedMarker(
                p.Point.Id, p.Point.Level,
                cx + (radius * Math.Cos(start + (2 * Math.PI * i / ordered.Count))),
                cy + (radius * Math.Sin(start + (2 * Math.PI * i / ordered.Count)))))], null);
        }
    }

    /// <summary>
    /// The groups after merging every two whose drawings overlap: markers closer than the spacing, a badge (twice a
    /// marker's size) closer than its radius and the other's. Found through a grid of cells the size of the widest gap.
    /// </summary>
    private static List<List<(MapPoint Point, double X, double Y)>> MergeOverlapping(
        List<List<(MapPoint Point, double X, double Y)>> groups, List<(List<PlacedMarker> Markers, MapBadge? Badge)> drawn, double d)
    {
        var items = drawn
            .SelectMany((x, g) => x.Markers.Select(m => (Group: g, m.X, m.Y, Reach: d / 2))
                .Concat(x.Badge is { } b ? [(Group: g, b.X, b.Y, Reach: d)] : []))
            .ToList();
        var cell = 2 * d;
        var grid = items
            .Select((item, i) => (Key: ((long)Math.Floor(item.X / cell), (long)Math.Floor(item.Y / cell)), Index: i))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Index).ToList());
        var parent = Enumerable.Range(0, groups.Count).ToArray();
        int Root(int g) => parent[g] == g ? g : parent[g] = Root(parent[g]);
        foreach (var ((cx, cy), members) in grid)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    if (!grid.TryGetValue((cx + dx, cy + dy), out var others))
                    {
                        continue;
                    }

                    foreach (var i in members)
                    {
                        foreach (var j in others)
                        {
                            var (a, b) = (items[i], items[j]);
                            if (a.Group != b.Group && Distance(a.X, a.Y, b.X, b.Y) < a.Reach + b.Reach - 1e-9)
                            {
                                parent[Root(a.Group)] = Root(b.Group);
                            }
                        }
                    }
                }
            }
        }

        return [.. groups
            .Select((g, i) => (Root: Root(i), Group: g))
            .GroupBy(x => x.Root)
            .OrderBy(x => x.Key)
            .Select(x => x.SelectMany(y => y.Group).OrderBy(p => p.Point.Id, StringComparer.Ordinal).ToList())];
    }

    private static double Distance(double x1, double y1, double x2, double y2) => Math.Sqrt(((x1 - x2) * (x1 - x2)) + ((y1 - y2) * (y1 - y2)));
}
