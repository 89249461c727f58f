using ScottPlot;
using SkiaSharp;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The charts' font: DejaVu Sans, embedded in this assembly (Assets/Fonts, Bitstream Vera licence) and given to
/// ScottPlot from a stream, never from a file path, because the Linux hosts of Azure Functions have no fonts.
/// ScottPlot's font registry is process-wide: <see cref="Register"/> adds this resolver once, in front of the
/// system fonts, and every chart asks for <see cref="Family"/> by name.
/// </summary>
internal sealed class ChartFont : IFontResolver
{
    /// <summary>The family name the charts ask for.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<ChartFont> Instance = new(() =>
    {
        var font = new ChartFont(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
        Fonts.FontResolvers.Insert(0, font);
        Fonts.Default = Family;
        return font;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;

    private ChartFont(SKTypeface regular, SKTypeface bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>Registers the embedded font with ScottPlot (once per process; thread-safe).</summary>
    public static void Register() => _ = Instance.Value;

    /// <summary>
    /// The bold face. A ScottPlot 5.1 label keeps the typeface that <c>plot.Font.Set</c> gave it, whatever its Bold
    /// flag says afterwards, so a bold label is given this typeface directly.
    /// </summary>
    public static SKTypeface Bold => Instance.Value._bold;

    /// <inheritdoc />
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase)
            ? weight >= FontWeight.SemiBold ? _bold : _regular
            : null;

    /// <inheritdoc />
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);

    private static SKTypeface Load(string fileName)
    {
        using var stream = SiteAssets.OpenEmbedded(SiteAssets.AssetsPrefix + fileName);
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"The embedded font {fileName} cannot be read.");
    }
}
