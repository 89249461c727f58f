using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Returns.Reading;

/// <summary>
/// The checks an XLSX package passes before a spreadsheet library reads it, so that a small file cannot expand into
/// gigabytes or hours (a "zip bomb", a sheet claiming <c>A1:XFD1048576</c>). Every part's declared uncompressed size
/// is checked first; then each part is decompressed through a counting limit (a declared size can lie) into a copy of
/// the package, which is what the library reads; the worksheets' dimension and cell references are scanned for their
/// width. Any excess is a French finding, reached after at most <see cref="MaxTotalBytes"/> of decompression.
/// </summary>
internal static class XlsxPackage
{
    /// <summary>Parts in a package at most (the template has 10).</summary>
    public const int MaxParts = 200;

    /// <summary>Uncompressed bytes of one part at most (the template's sheet is about 6 KiB).</summary>
    public const int MaxPartBytes = 4 * 1024 * 1024;

    /// <summary>Uncompressed bytes of the whole package at most.</summary>
    public const int MaxTotalBytes = 16 * 1024 * 1024;

    /// <summary>Columns a sheet may use (IV, as in Excel 2003): the template uses three, the CSV layout about fifty.</summary>
    public const int MaxColumns = 256;

    /// <summary>Cells a sheet may hold: the template has about a hundred and fifty.</summary>
    public const int MaxCells = 100_000;

    /// <summary>The package rebuilt from its checked parts (uncompressed), or the finding that refuses it.</summary>
    public static (byte[]? Package, ValidationFinding? Refusal) Check(ReadOnlySpan<byte> content)
    {
        try
        {
            using var source = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            if (source.Entries.Count > MaxParts)
            {
                return (null, TooLarge());
            }

            long declared = 0;
            foreach (var entry in source.Entries)
            {
                declared += entry.Length;
                if (entry.Length > MaxPartBytes || declared > MaxTotalBytes)
                {
                    return (null, TooLarge());
                }
            }

            using var copy = new MemoryStream();
            long total = 0;
            using (var target = new ZipArchive(copy, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in source.Entries)
                {
                    // One byte more than declared: filling it means the declared size lied.
                    var part = new byte[entry.Length + 1];
                    var length = ReadAtMost(entry, part);
                    total += length;
                    if (length > entry.Length || total > MaxTotalBytes)
                    {
                        return (null, TooLarge());
                    }

                    if (IsWorksheet(entry.FullName) && WidthProblem(part.AsSpan(0, length)) is { } wide)
                    {
                        return (null, wide);
                    }

                    using var stream = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                    stream.Write(part, 0, length);
                }
            }

            return (copy.ToArray(), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or NotSupportedException or IOException)
        {
            return (null, Unreadable());
        }
    }

    /// <summary>The finding for a package that cannot be opened.</summary>
    public static ValidationFinding Unreadable() => Findings.FileError("xlsx.unreadable",
        "Le fichier XLSX est illisible : il est endommagé, tronqué ou n'est pas un classeur Excel.",
        "Ouvrez-le dans votre tableur, enregistrez-le au format « Classeur Excel (.xlsx) » et envoyez-le à nouveau.");

    private static ValidationFinding TooLarge() => Findings.FileError("xlsx.too_large",
        string.Create(CultureInfo.InvariantCulture,
            $"Le classeur, une fois décompressé, dépasse {MaxTotalBytes / (1024 * 1024)} Mio (ou l'une de ses parties {MaxPartBytes / (1024 * 1024)} Mio, ou il compte plus de {MaxParts} parties) : un retour trimestriel en fait quelques dizaines de Kio."),
        "Repartez du modèle XLSX (impact template --format xlsx), sans image, sans onglet supplémentaire ni données collées en masse.");

    private static ValidationFinding TooWide(string extent) => Findings.FileError("xlsx.too_wide",
        $"Une feuille du classeur s'étend jusqu'à {extent} : un retour tient dans les colonnes A à C d'une centaine de lignes (au plus {MaxColumns} colonnes et {French(MaxCells)} cellules sont lues).",
        "Supprimez les colonnes et les lignes inutilisées au-delà du tableau (ou repartez du modèle XLSX), enregistrez et envoyez à nouveau.");

    private static bool IsWorksheet(string name) =>
        name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decompresses an entry into <paramref name="buffer"/>, stopping when it is full.</summary>
    private static int ReadAtMost(ZipArchiveEntry entry, byte[] buffer)
    {
        using var stream = entry.Open();
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return length;
    }

    /// <summary>The extent that makes a worksheet too wide or too full ("la colonne XFD", "150 000 cellules"), or null.</summary>
    private static ValidationFinding? WidthProblem(ReadOnlySpan<byte> sheet)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(new MemoryStream(sheet.ToArray(), writable: false), settings);
        var cells = 0;
        var inRow = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "dimension" when reader.GetAttribute("ref") is { } range:
                    // What the sheet claims to use, which some readers trust to size every row.
                    var corner = range[(range.IndexOf(':', StringComparison.Ordinal) + 1)..];
                    if (ColumnOf(corner) > MaxColumns)
                    {
                        return TooWide($"la cellule {corner}");
                    }

                    break;
                case "row":
                    inRow = 0;
                    break;
                case "c":
                    cells++;
                    inRow++;
                    var reference = reader.GetAttribute("r");
                    var at = reference is null ? inRow : ColumnOf(reference);
                    if (at > MaxColumns)
                    {
                        return TooWide($"la cellule {reference}");
                    }

                    if (cells > MaxCells)
                    {
                        return TooWide($"plus de {French(MaxCells)} cellules");
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>A count as French writes it: "100 000", with a narrow no-break space.</summary>
    private static string French(int count) =>
        count.ToString("N0", CultureInfo.GetCultureInfo("fr-FR")).Replace('\u00A0', '\u202F');

    /// <summary>The 1-based column of a cell reference ("XFD1048576" → 16384); 0 without letters, capped past the limit.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (column > MaxColumns)
            {
                return MaxColumns + 1;
            }
        }

        return column;
    }
}
