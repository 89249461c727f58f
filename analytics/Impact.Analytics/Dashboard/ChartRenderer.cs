using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The one look of every chart: the embedded font, a white background, large French labels, a light grid, the
/// legend under the plot, quarters on the horizontal axis as "T3 2024", numbers in French format. Renders a plot to
/// PNG and SVG bytes (no file is written).
/// </summary>
internal static partial class ChartRenderer
{
    /// <summary>Width of a chart, in pixels (the DSFR's 12-column content width is 792 px on a desktop).</summary>
    public const int Width = 960;

    /// <summary>Height of a chart, in pixels.</summary>
    public const int Height = 500;

    /// <summary>
    /// A new plot with the house style and axis labels. It has no title: the page's heading names the chart; only
    /// the SVG offered for download gets the title drawn in (<see cref="Render"/>), since it travels alone.
    /// </summary>
    public static Plot NewPlot(string? xLabel, string? yLabel)
    {
        ChartFont.Register();
        var plot = new Plot();
        plot.Font.Set(ChartFont.Family);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Axes.Color(ChartPalette.Text);
        plot.Grid.MajorLineColor = ChartPalette.Text.WithAlpha(0.12);
        if (xLabel is not null)
        {
            plot.XLabel(xLabel, 15);
        }

        if (yLabel is not null)
        {
            plot.YLabel(yLabel, 15);
        }

        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = 14;
            axis.Label.Bold = false;
            axis.Label.ForeColor = ChartPalette.Text;
        }

        plot.Legend.FontSize = 14;
        plot.Legend.OutlineColor = ChartPalette.Text.WithAlpha(0.3);
        return plot;
    }

    /// <summary>
    /// The chart's title, bold, broken into lines of at most <see cref="TitleLineLength"/> characters so that it fits
    /// the width (ScottPlot does not wrap). Also restores a title that <c>Axes.Frameless()</c> hid.
    /// </summary>
    public static void SetTitle(Plot plot, string title)
    {
        plot.Title(Wrap(title, TitleLineLength), 20);
        var label = plot.Axes.Title.Label;
        label.ForeColor = ChartPalette.Text;
        label.Font = ChartFont.Bold;
    }

    /// <summary>Characters per line of a title in bold at 20 px in a 960 px wide chart.</summary>
    public const int TitleLineLength = 66;

    /// <summary>
    /// Breaks <paramref name="text"/> at spaces into lines of at most <paramref name="width"/> characters, never before
    /// « : » or « » » nor after « « » (<see cref="FrenchTypography.Text"/>).
    /// </summary>
    public static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in FrenchTypography.Text(text).Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        lines.Add(line.ToString());
        return string.Join('\n', lines);
    }

    /// <summary>Quarters on the horizontal axis: position = <see cref="Quarter.Index"/>, labels "T3 2024" (every other one past 14 quarters).</summary>
    public static void QuarterAxis(Plot plot, IReadOnlyList<Quarter> quarters)
    {
        if (quarters.Count == 0)
        {
            return;
        }

        var step = quarters.Count > 14 ? 2 : 1;
        var shown = quarters.Where((_, i) => i % step == 0).ToList();
        plot.Axes.Bottom.SetTicks([.. shown.Select(q => (double)q.Index)], [.. shown.Select(FrenchFormat.Quarter)]);
        plot.Axes.SetLimitsX(quarters[0].Index - 0.5, quarters[^1].Index + 0.5);
    }

    /// <summary>Whole numbers on the horizontal axis (quarters since labelling, event time).</summary>
    public static void IntegerAxis(Plot plot, int first, int last)
    {
        var step = Math.Max(1, (int)Math.Ceiling((last - first + 1) / 16.0));
        var ticks = Enumerable.Range(0, ((last - first) / step) + 1).Select(i => first + (i * step)).ToList();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => (double)t)], [.. ticks.Select(FrenchFormat.Count)]);
        plot.Axes.SetLimitsX(first - 0.5, last + 0.5);
    }

    /// <summary>French tick labels on the vertical axis.</summary>
    public static void LeftAxisFormat(Plot plot, Func<double, string> format) =>
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = format };

    /// <summary>Percentages on the vertical axis, from 0 to at least 100 %.</summary>
    public static void PercentAxis(Plot plot, double top = 1)
    {
        LeftAxisFormat(plot, v => FrenchFormat.Percent(v));
        plot.Axes.SetLimitsY(0, Math.Max(1, top) * 1.02);
    }

    /// <summary>
    /// A line with markers, in the given series style, labelled for the legend. The xs are whole steps (quarters, ages,
    /// event times): where a step is missing (no return, no median), the line stops and starts again after the gap,
    /// rather than running straight across it as if there were data; a point alone between gaps keeps its marker.
    /// Returns the segments drawn, the first of which carries the legend.
    /// </summary>
    public static IReadOnlyList<ScottPlot.Plottables.Scatter> Line(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys, int style, string label, float width = 2.5f)
    {
        var (color, pattern, marker) = ChartPalette.Series[style % ChartPalette.Series.Count];
        var segments = new List<ScottPlot.Plottables.Scatter>();
        foreach (var (start, count) in Runs(xs))
        {
            var line = plot.Add.Scatter(xs.Skip(start).Take(count).ToArray(), ys.Skip(start).Take(count).ToArray(), color);
            line.LineWidth = width;
            line.LinePattern = pattern;
            line.MarkerShape = marker;
            line.MarkerSize = 8;
            line.LegendText = segments.Count == 0 ? label : "";
            segments.Add(line);
        }

        return segments;
    }

    /// <summary>The runs of consecutive whole steps in <paramref name="xs"/> (sorted): (first index, length) of each.</summary>
    internal static IEnumerable<(int Start, int Count)> Runs(IReadOnlyList<double> xs)
    {
        var start = 0;
        for (var i = 1; i <= xs.Count; i++)
        {
            if (i == xs.Count || xs[i] - xs[i - 1] > 1.5)
            {
                yield return (start, i - start);
                start = i;
            }
        }
    }

    /// <summary>The legend under the plot, in a row.</summary>
    public static void LegendBelow(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>
    /// Renders <paramref name="plot"/> to PNG (the page's image, under its heading: no title drawn in) and SVG (the
    /// download, with <paramref name="title"/> drawn at the top). Both are drawn here on Skia canvases rather than through
    /// ScottPlot's GetImageBytes and GetSvgXml, which are an order of magnitude slower (zlib at its default level,
    /// SVG post-processing): PNG with the Paeth filter at zlib level 3 (about 13 ms for a chart, 2 % larger than at level 6, which takes three times as long), SVG straight from
    /// Skia's SVG canvas (about 5 ms).
    /// </summary>
    public static Chart Render(Plot plot, string name, string title, string altText, ChartTable table, int height = Height, bool narrow = true)
    {
        var png = Png(plot, Width, height, name);

        // The phone variant: the same plot at NarrowWidth pixels, everything drawn NarrowScale times larger.
        var phone = narrow ? Phone(plot, name, NarrowHeight, keepLabels: false) : null;

        // Skia's SVG canvas draws no dashes (it writes "Unsupported path effect" to the console for each one):
        // lines are drawn solid in the SVG, where series stay apart by colour and marker shape.
        SolidLines(plot);
        SetTitle(plot, title);
        if (narrow)
        {
            Measure(plot, Width, height);
        }

        using var svg = new MemoryStream();
        using (var stream = new SKManagedWStream(svg))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, height), stream))
        {
            plot.Render(canvas, Width, height);
        }

        return new Chart(name, title, altText, table, png, Encoding.UTF8.GetBytes(NumberClipPaths(Encoding.UTF8.GetString(svg.ToArray()))), Width, height)
        {
            Narrow = phone,
        };
    }

    /// <summary>
    /// The phone variant of <paramref name="plot"/>: <see cref="NarrowWidth"/> by <paramref name="height"/> pixels,
    /// everything drawn <see cref="NarrowScale"/> times larger, the quarter labels thinned out so that they do not run
    /// into each other, legend lines broken to fit. Labels written on the data (counts in bars, returns received at a
    /// point) would run into each other and are left to the table, unless <paramref name="keepLabels"/> (a map's
    /// numbered badges). The plot is left as it was.
    /// </summary>
    public static NarrowImage Phone(Plot plot, string name, int height, bool keepLabels)
    {
        var bottom = plot.Axes.Bottom.TickGenerator;
        if (bottom is NumericManual manual)
        {
            plot.Axes.Bottom.TickGenerator = Thinned(manual, NarrowMaxTicks);
        }

        // Labels written on the data (counts in bars, returns received at a point) would run into each other:
        // the phone variant leaves them to the table. Legend lines are broken to fit the width.
        var texts = plot.GetPlottables().OfType<ScottPlot.Plottables.Text>().Where(t => t.IsVisible).ToList();
        var onData = !keepLabels && plot.GetPlottables().Count() > texts.Count;
        foreach (var text in onData ? texts : [])
        {
            text.IsVisible = false;
        }

        var legends = plot.GetPlottables().Where(p => p is IHasLegendText { LegendText.Length: > 0 }).Cast<IHasLegendText>().ToList();
        var labels = legends.Select(l => l.LegendText).ToList();
        foreach (var legend in legends)
        {
            legend.LegendText = Wrap(legend.LegendText, NarrowLegendLineLength);
        }

        var manualLabels = plot.Legend.ManualItems.Select(i => i.LabelText).ToList();
        foreach (var item in plot.Legend.ManualItems)
        {
            item.LabelText = Wrap(item.LabelText, NarrowLegendLineLength);
        }

        plot.ScaleFactor = NarrowScale;
        Measure(plot, NarrowWidth, height);
        var phone = new NarrowImage(Png(plot, NarrowWidth, height, name), NarrowWidth, height);
        plot.ScaleFactor = 1;
        plot.Axes.Bottom.TickGenerator = bottom;
        foreach (var text in onData ? texts : [])
        {
            text.IsVisible = true;
        }

        for (var i = 0; i < legends.Count; i++)
        {
            legends[i].LegendText = labels[i];
        }

        for (var i = 0; i < manualLabels.Count; i++)
        {
            plot.Legend.ManualItems[i].LabelText = manualLabels[i];
        }

        return phone;
    }

    /// <summary>Width of a chart's phone variant, in pixels.</summary>
    public const int NarrowWidth = 640;

    /// <summary>Height of a chart's phone variant, in pixels.</summary>
    public const int NarrowHeight = 600;

    /// <summary>
    /// How much larger everything is drawn in the phone variant: shown about 360 px wide, its 14 px labels read at
    /// 14 × 1.4 × 360 / 640, about 11 px (the wide chart's would be about 5 px).
    /// </summary>
    public const double NarrowScale = 1.4;

    /// <summary>Characters per line of a legend item in the phone variant.</summary>
    private const int NarrowLegendLineLength = 38;

    /// <summary>The most labels on the phone variant's horizontal axis.</summary>
    private const int NarrowMaxTicks = 6;

    /// <summary>The file name of a chart's phone variant, without extension: <c>emplois-mobile</c>.</summary>
    public static string NarrowName(string name) => name + "-mobile";

    private static NumericManual Thinned(NumericManual ticks, int most)
    {
        var major = ticks.Ticks.Where(t => t.IsMajor).ToList();
        var step = (int)Math.Ceiling(major.Count / (double)most);
        var thinned = new NumericManual();
        for (var i = 0; i < major.Count; i += Math.Max(1, step))
        {
            thinned.AddMajor(major[i].Position, major[i].Label);
        }

        return thinned;
    }

    /// <summary>
    /// Lays the plot out at this size, without keeping the pixels, until its legend's size settles. ScottPlot gives the
    /// legend's panel the size the legend had when last drawn, and lays the legend out within that panel: after a render
    /// at another scale or with other line breaks, the panel is too small (the phone variant's legend was cut, its last
    /// items lost) and grows by a row or two per render (78, 118 then 140 px for four items, two of them on two lines).
    /// </summary>
    private static void Measure(Plot plot, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        for (var pass = 0; pass < MaxLayoutPasses; pass++)
        {
            var before = plot.Legend.LastRenderSize;
            plot.Render(surface.Canvas, width, height);
            if (plot.Legend.LastRenderSize == before)
            {
                return;
            }
        }
    }

    /// <summary>The most layout passes for a legend to settle (one per row it grows by).</summary>
    private const int MaxLayoutPasses = 8;

    private static byte[] Png(Plot plot, int width, int height, string name)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        plot.Render(surface.Canvas, width, height);
        using var snapshot = surface.Snapshot();
        using var pixels = snapshot.PeekPixels();
        using var encoded = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Paeth, 3))
            ?? throw new InvalidOperationException($"Skia could not encode the chart {name} as PNG.");
        return encoded.ToArray();
    }

    /// <summary>
    /// Skia names the SVG's clip paths from a process-wide counter (cl_7a, cl_101…), so the same chart would differ
    /// from one build to the next: the names are renumbered in order of appearance (cl_1, cl_2…).
    /// </summary>
    private static string NumberClipPaths(string svg)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipPathName().Replace(svg, m =>
        {
            if (!names.TryGetValue(m.Value, out var name))
            {
                name = "cl_" + (names.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                names[m.Value] = name;
            }

            return name;
        });
    }

    [GeneratedRegex("\\bcl_[0-9a-f]+\\b")]
    private static partial Regex ClipPathName();

    private static void SolidLines(Plot plot)
    {
        foreach (var plottable in plot.GetPlottables())
        {
            switch (plottable)
            {
                case ScottPlot.Plottables.Scatter scatter:
                    scatter.LinePattern = LinePattern.Solid;
                    break;
                case ScottPlot.Plottables.AxisLine line:
                    line.LinePattern = LinePattern.Solid;
                    break;
            }
        }

        foreach (var item in plot.Legend.ManualItems)
        {
            item.LinePattern = LinePattern.Solid;
        }
    }

    /// <summary>A message in place of a chart that has no data.</summary>
    public static void NoData(Plot plot, string message)
    {
        var text = plot.Add.Text(message, 0, 0);
        text.LabelFontSize = 16;
        text.LabelAlignment = Alignment.MiddleCenter;
        text.LabelFontColor = ChartPalette.Text;
        plot.Axes.SetLimits(-1, 1, -1, 1);
        plot.HideGrid();
        plot.Axes.Bottom.TickGenerator = new NumericManual();
        plot.Axes.Left.TickGenerator = new NumericManual();
    }
}
