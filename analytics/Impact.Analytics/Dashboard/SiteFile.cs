namespace Impact.Analytics.Dashboard;

/// <summary>
/// One file of the dashboard site: where it goes, its bytes and the HTTP content type to serve it with (the
/// Azure adapter sets it on the blob of the <c>$web</c> container; the folder adapter writes the bytes only).
/// </summary>
/// <param name="Path">The path relative to the site root, '/' separated, e.g. <c>ateliers/MP-001.html</c>; pages link to each other relatively.</param>
/// <param name="Content">The bytes (UTF-8 without BOM for text).</param>
/// <param name="ContentType">The content type, e.g. <c>text/html; charset=utf-8</c>.</param>
#pragma warning disable CA1819 // An immutable snapshot of bytes handed to storage; the builder never keeps or changes it.
public sealed record SiteFile(string Path, byte[] Content, string ContentType)
#pragma warning restore CA1819
{
    /// <summary>The content type of a site path, from its extension.</summary>
    /// <exception cref="ArgumentException">The extension is not one the site uses.</exception>
    public static string ContentTypeOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = System.IO.Path.GetExtension(path).ToUpperInvariant();
        return extension switch
        {
            ".HTML" => "text/html; charset=utf-8",
            ".CSS" => "text/css; charset=utf-8",
            ".CSV" => "text/csv; charset=utf-8",
            ".PNG" => "image/png",
            ".SVG" => "image/svg+xml",
            ".WOFF2" => "font/woff2",
            ".WOFF" => "font/woff",
            ".XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".JSON" => "application/json",
            _ => throw new ArgumentException($"No content type for the site file {path}.", nameof(path)),
        };
    }
}
