using System.Reflection;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The files embedded in this assembly for the dashboard: the chart font and the map outline (Assets/, logical
/// names "Impact.Analytics.Assets/…"), and the DSFR's CSS, fonts and icons copied from the pinned npm package
/// @gouvfr/dsfr at build time (Dashboard/DsfrAssets.targets, logical names "Impact.Analytics.Dsfr/…", the path
/// under the package's dist/ folder). The site serves the DSFR files under <see cref="DsfrFolder"/>, keeping their
/// relative layout so that the CSS finds its fonts and icons.
/// </summary>
internal static class SiteAssets
{
    /// <summary>The prefix of the logical names of Assets/ resources.</summary>
    public const string AssetsPrefix = "Impact.Analytics.Assets/";

    /// <summary>The prefix of the logical names of DSFR resources.</summary>
    public const string DsfrPrefix = "Impact.Analytics.Dsfr/";

    /// <summary>The site folder of the DSFR files.</summary>
    public const string DsfrFolder = "dsfr/";

    private static readonly Assembly Assembly = typeof(SiteAssets).Assembly;

    /// <summary>Opens an embedded resource by logical name.</summary>
    /// <exception cref="InvalidOperationException">The resource is not embedded (a broken build).</exception>
    public static Stream OpenEmbedded(string logicalName) =>
        Assembly.GetManifestResourceStream(logicalName)
        ?? throw new InvalidOperationException($"The resource {logicalName} is not embedded in {Assembly.GetName().Name}: rebuild it (DSFR files come from node_modules/@gouvfr/dsfr).");

    /// <summary>Reads an embedded resource.</summary>
    public static byte[] ReadEmbedded(string logicalName)
    {
        using var stream = OpenEmbedded(logicalName);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Every embedded DSFR file as a site file under <see cref="DsfrFolder"/>, in ordinal path order.</summary>
    public static IReadOnlyList<SiteFile> DsfrFiles() =>
    [
        .. Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(DsfrPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                var path = DsfrFolder + n[DsfrPrefix.Length..];
                return new SiteFile(path, ReadEmbedded(n), SiteFile.ContentTypeOf(path));
            }),
    ];
}
