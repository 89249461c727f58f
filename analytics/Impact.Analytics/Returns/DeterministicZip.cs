using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Impact.Analytics.Returns;

/// <summary>
/// Rewrites a ZIP package (XLSX) so that the same content gives the same bytes: spreadsheet writers stamp
/// entries with the current time and name relationships with random GUIDs ("R" + 32 hex digits).
/// Times become fixed and each GUID id becomes "Rd" + its order of first appearance, everywhere it is used.
/// </summary>
internal static partial class DeterministicZip
{
    /// <summary>The earliest time a ZIP entry can hold.</summary>
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalize(byte[] package)
    {
        using var source = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var buffer = new MemoryStream();
                using (var from = entry.Open())
                {
                    from.CopyTo(buffer);
                }

                var content = buffer.ToArray();
                if (entry.FullName.EndsWith(".xml", StringComparison.Ordinal) || entry.FullName.EndsWith(".rels", StringComparison.Ordinal))
                {
                    var text = RandomId().Replace(Encoding.UTF8.GetString(content), m =>
                    {
                        if (!ids.TryGetValue(m.Value, out var id))
                        {
                            id = "Rd" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                            ids[m.Value] = id;
                        }

                        return id;
                    });
                    content = Encoding.UTF8.GetBytes(text);
                }

                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTime;
                using var to = copy.Open();
                to.Write(content);
            }
        }

        return output.ToArray();
    }

    [GeneratedRegex("\\bR[0-9a-f]{32}\\b", RegexOptions.CultureInvariant)]
    private static partial Regex RandomId();
}
