using System.Buffers.Binary;
using System.Xml.Linq;
using Impact.Analytics.Dashboard;

namespace Impact.Analytics.Tests.Dashboard;

public sealed class DashboardChartTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly SiteData Data = new(SiteSamples.Tiny() with { RiskScores = SiteSamples.Risk(), Evaluation = SiteSamples.Evaluation() });

    public static TheoryData<string> ChartNames => ["jobs", "share", "vitality", "completeness", "risk", "map", "event", "workshop-revenue", "workshop-runway"];

    private static Chart Render(string name) => name switch
    {
        "jobs" => NationalCharts.Jobs(Data, "national", "all", "emplois", "de proximité"),
        "share" => NationalCharts.OwnRevenueShareByWave(Data),
        "vitality" => NationalCharts.VitalityByTerritory(Data),
        "completeness" => NationalCharts.Completeness(Data, "national", "all", "completude", "de l'ensemble des manufactures"),
        "risk" => NationalCharts.RiskLevelsPerQuarter(Data)!,
        "map" => NationalCharts.Map(Data, Data.Workshops, "carte", "de proximité"),
        "event" => NationalCharts.EventStudy(Data)!,
        "workshop-revenue" => WorkshopCharts.Revenue(Data, Data.Workshops[1], "MP-002"),
        "workshop-runway" => WorkshopCharts.All(Data, Data.Workshops[1], "MP-002")[2],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Render_GivesAPngOfTheChartSize(string name)
    {
        var chart = Render(name);
        Assert.Equal(PngSignature, chart.Png[..8]);
        // IHDR, the first chunk: width and height, big-endian, at bytes 16 to 23.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(chart.Png, 12, 4));
        Assert.Equal(ChartRenderer.Width, BinaryPrimitives.ReadInt32BigEndian(chart.Png.AsSpan(16, 4)));
        Assert.Equal(name == "map" ? 860 : ChartRenderer.Height, BinaryPrimitives.ReadInt32BigEndian(chart.Png.AsSpan(20, 4)));
        Assert.InRange(chart.Png.Length, 10_000, 400_000);

        // The phone variant, 640 by 600 pixels (the map, laid out again for it, 640 by 760).
        var narrowHeight = name == "map" ? 760 : 600;
        Assert.Equal(PngSignature, chart.Narrow!.Png[..8]);
        Assert.Equal((640, narrowHeight), (BinaryPrimitives.ReadInt32BigEndian(chart.Narrow.Png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(chart.Narrow.Png.AsSpan(20, 4))));
        Assert.Equal((640, narrowHeight), (chart.Narrow.Width, chart.Narrow.Height));
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Render_LeavesRoomForTheWholeLegend_InBothVariants(string name)
    {
        var chart = Render(name);

        // A legend cut by the image's edge draws its box's sides down to the last rows of pixels.
        Assert.Equal(0, InkInBottomRows(chart.Png));
        if (chart.Narrow is { } narrow)
        {
            Assert.Equal(0, InkInBottomRows(narrow.Png));
        }
    }

    /// <summary>The number of pixels that are not white in the image's last four rows.</summary>
    private static int InkInBottomRows(byte[] png)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        var ink = 0;
        for (var y = bitmap.Height - 4; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                ink += p.Red < 250 || p.Green < 250 || p.Blue < 250 ? 1 : 0;
            }
        }

        return ink;
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Render_GivesAnSvgWithTheFrenchTitle(string name)
    {
        var chart = Render(name);
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(chart.Svg));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(ChartRenderer.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)svg.Root.Attribute("width"));
        // Skia writes each line of text as one <text> element; the title is wrapped into lines.
        var texts = svg.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
        var firstTitleLine = ChartRenderer.Wrap(chart.Title, ChartRenderer.TitleLineLength).Split('\n')[0];
        Assert.Contains(firstTitleLine, texts);
        Assert.Contains("DejaVu Sans", svg.Descendants(ns + "text").Select(t => (string?)t.Attribute("font-family")));
    }

    /// <summary>The page's heading names the chart: the plot drawn for the page's PNG has no title of its own.</summary>
    [Fact]
    public void NewPlot_DrawsNoTitle() => Assert.Equal("", ChartRenderer.NewPlot("x", "y").Axes.Title.Label.Text);

    [Fact]
    public void Jobs_TitleAltTextAndTableAreFrench()
    {
        var chart = Render("jobs");
        Assert.Equal("Emplois dans les manufactures de proximité, par trimestre", chart.Title);
        // 2023-Q3: 6 staff + 14 hosted jobs each; 2024-Q3: MP-001 3 staff, MP-002 6 staff + 14 hosted jobs.
        Assert.Equal(
            "Emplois dans les manufactures de proximité, par trimestre. Au T3 2024, 23 emplois, dont 14 dans les entreprises hébergées, d'après les 2 retours attendus. Les valeurs de chaque trimestre sont dans le tableau qui suit.",
            chart.AltText);
        Assert.Equal(["Trimestre", "Retours reçus", "Retours attendus", "Emplois totaux", "dont entreprises hébergées"], chart.Table.Columns.Select(c => c.Label));
        Assert.Equal("quarter,returns,expected_returns,total_jobs,hosted_enterprise_jobs\nT3 2023,2,2,40,28\nT3 2024,2,2,23,14\n", chart.Table.ToCsv());
    }

    [Fact]
    public void Jobs_WithAReturnMissing_SaysTheTotalCountsOnlyTheReturnsReceived()
    {
        // MP-002's 2024-Q3 return is missing: the national total falls from 40 to 3 jobs, from 1 return of the 2 expected.
        var chart = NationalCharts.Jobs(new SiteData(SiteSamples.TinyWithAMissingReturn()), "national", "all", "emplois", "de proximité");

        Assert.Equal(
            "Emplois dans les manufactures de proximité, par trimestre. Au T3 2024, 3 emplois, dont 0 dans les entreprises hébergées, d'après 1 retour sur 2 attendus. "
            + "Trimestres où des retours manquent, marqués d'un cercle (le total n'y compte que les retours reçus) : T3 2024 (1 sur 2). "
            + "Les valeurs de chaque trimestre sont dans le tableau qui suit.",
            chart.AltText);
        Assert.Equal("quarter,returns,expected_returns,total_jobs,hosted_enterprise_jobs\nT3 2023,2,2,40,28\nT3 2024,1,2,3,0\n", chart.Table.ToCsv());
        // The mark is drawn: the SVG carries the « 1/2 » label.
        Assert.Matches(@">\s*1/2\s*<", System.Text.Encoding.UTF8.GetString(chart.Svg));
        Assert.DoesNotMatch(@">\s*2/2\s*<", System.Text.Encoding.UTF8.GetString(chart.Svg));
    }

    [Fact]
    public void Line_StopsAtAMissingQuarter()
    {
        var plot = ChartRenderer.NewPlot(null, null);

        var segments = ChartRenderer.Line(plot, [10, 11, 13, 15, 16, 17], [1, 2, 3, 4, 5, 6], 0, "Manufacture");

        Assert.Equal([2, 1, 3], segments.Select(s => s.Data.GetScatterPoints().Count));
        Assert.Equal(["Manufacture", "", ""], segments.Select(s => s.LegendText));
        Assert.Equal([(0, 2), (2, 1), (3, 3)], ChartRenderer.Runs([10, 11, 13, 15, 16, 17]));
        Assert.Empty(ChartRenderer.Runs([]));
    }

    [Fact]
    public void Wrap_BreaksAtSpacesWithinTheWidth()
    {
        Assert.Equal("Part des recettes\npropres", ChartRenderer.Wrap("Part des recettes propres", 20));
        Assert.Equal("court", ChartRenderer.Wrap("court", 20));
        
        // A colon never starts a line.
        Assert.Equal("Retours\nmanquants\u00A0: total\ndes seuls retours\nreçus", ChartRenderer.Wrap("Retours manquants : total des seuls retours reçus", 17));
    }

    [Fact]
    public void RiskAndEvaluation_AreNullWithoutTheirInput()
    {
        var data = new SiteData(SiteSamples.Tiny());
        Assert.Null(NationalCharts.RiskLevelsPerQuarter(data));
        Assert.Null(NationalCharts.EventStudy(data));
    }
}
