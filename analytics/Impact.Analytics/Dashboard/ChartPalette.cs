using Impact.Analytics.Risk;
using ScottPlot;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// Chart colours from the DSFR's data-visualisation palette (DSFR Chart, light theme, colours "dsfr-chart-colors-NN").
/// Colour is never the only cue: each series also has its own line pattern and marker shape (<see cref="Series"/>),
/// and risk levels their own marker shape, so the charts read the same with any colour-vision deficiency and in grey.
/// Every series colour has a contrast of at least 3:1 with the white background (WCAG 1.4.11, non-text contrast).
/// </summary>
internal static class ChartPalette
{
    /// <summary>dsfr-chart-colors-03, dark blue: the first series (7.2:1 on white).</summary>
    public static Color Blue { get; } = Color.FromHex("#29598F");

    /// <summary>dsfr-chart-colors-15, red (4.6:1).</summary>
    public static Color Red { get; } = Color.FromHex("#E91719");

    /// <summary>dsfr-chart-colors-01, blue-violet (4.6:1).</summary>
    public static Color Violet { get; } = Color.FromHex("#5C68E5");

    /// <summary>dsfr-chart-colors-11, green (4.6:1).</summary>
    public static Color Green { get; } = Color.FromHex("#298641");

    /// <summary>dsfr-chart-colors-10, navy (18:1).</summary>
    public static Color Navy { get; } = Color.FromHex("#00005F");

    /// <summary>dsfr-chart-colors-13, yellow: used for areas and bars with a dark outline only (it is pale on white, 1.8:1).</summary>
    public static Color Yellow { get; } = Color.FromHex("#EFB900");

    /// <summary>dsfr-chart-colors-neutral, grey: a workshop without a risk score, the map's land (2.1:1, never the only cue).</summary>
    public static Color Neutral { get; } = Color.FromHex("#B1B1B1");

    /// <summary>The DSFR's grey-1000-50 text colour (#161616), for text and the map outline.</summary>
    public static Color Text { get; } = Color.FromHex("#161616");

    /// <summary>Series styles in order: colour, line pattern, marker shape.</summary>
    public static IReadOnlyList<(Color Color, LinePattern Pattern, MarkerShape Marker)> Series { get; } =
    [
        (Blue, LinePattern.Solid, MarkerShape.FilledCircle),
        (Red, LinePattern.Dashed, MarkerShape.FilledSquare),
        (Green, LinePattern.Dotted, MarkerShape.FilledTriangleUp),
        (Violet, LinePattern.DenselyDashed, MarkerShape.FilledDiamond),
        (Navy, LinePattern.Solid, MarkerShape.OpenCircle),
    ];

    /// <summary>Risk levels: colour (DSFR Chart green, yellow, red) and marker shape.</summary>
    public static (Color Color, MarkerShape Marker) Risk(string level) => level switch
    {
        RiskLevels.Green => (Green, MarkerShape.FilledCircle),
        RiskLevels.Amber => (Yellow, MarkerShape.FilledTriangleUp),
        RiskLevels.Red => (Red, MarkerShape.FilledSquare),
        _ => (Neutral, MarkerShape.OpenCircle),
    };
}
