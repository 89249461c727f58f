using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Impact.Testing;

/// <summary>
/// Hostile workbooks under the 1 MiB upload limit, built from a real one (the template): what a careless or malicious
/// upload can hold. Shared by the reader tests and the benchmarks (bench/Impact.Benchmarks).
/// </summary>
public static class XlsxBombs
{
    private const string Sheet = "xl/worksheets/sheet1.xml";

    /// <summary>One inline-string cell of <paramref name="megabytes"/> MiB of one letter (deflate: about 1 KiB per MiB).</summary>
    public static byte[] HugeCell(byte[] workbook, int megabytes) =>
        Rewrite(workbook, Sheet, xml => AppendRow(xml, "200", "A200", new string('A', megabytes * 1024 * 1024)));

    /// <summary>A shared-strings part of <paramref name="megabytes"/> MiB (strings of 64 Ki letters: deflate keeps about 1 KiB per MiB).</summary>
    public static byte[] HugeSharedStrings(byte[] workbook, int megabytes)
    {
        var strings = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        var item = $"<si><t>{new string('A', 64 * 1024)}</t></si>";
        while (strings.Length < megabytes * 1024 * 1024)
        {
            strings.Append(item);
        }

        return Rewrite(workbook, "xl/sharedStrings.xml", _ => strings.Append("</sst>").ToString());
    }

    /// <summary>A sheet whose dimension claims <c>A1:XFD1048576</c>, the whole grid.</summary>
    public static byte[] WholeGridDimension(byte[] workbook) =>
        Rewrite(workbook, Sheet, xml => Regex.Replace(xml, "(<(?:\\w+:)?dimension ref=\")[^\"]*\"", "${1}A1:XFD1048576\""));

    /// <summary>One more cell, at the grid's last cell <c>XFD1048576</c>, and no dimension.</summary>
    public static byte[] LastCellOfTheGrid(byte[] workbook) =>
        Rewrite(workbook, Sheet, xml => AppendRow(Regex.Replace(xml, "<(?:\\w+:)?dimension ref=\"[^\"]*\"\\s*/>", ""), "1048576", "XFD1048576", "x"));

    /// <summary>A row with one inline-string cell at the end of the sheet data, in the sheet's own namespace prefix.</summary>
    private static string AppendRow(string xml, string row, string cell, string text)
    {
        var p = Regex.Match(xml, "<(\\w+:)?sheetData").Groups[1].Value;
        var end = xml.LastIndexOf($"</{p}sheetData>", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException("The workbook's first sheet has no sheetData element.");
        }

        return string.Concat(xml.AsSpan(0, end), $"<{p}row r=\"{row}\"><{p}c r=\"{cell}\" t=\"inlineStr\"><{p}is><{p}t>{text}</{p}t></{p}is></{p}c></{p}row>", xml.AsSpan(end));
    }

    /// <summary>The sheet's uncompressed size rewritten in the archive's headers to <paramref name="declared"/> bytes, its content left as it is.</summary>
    public static byte[] LyingSize(byte[] workbook, uint declared)
    {
        var bytes = (byte[])workbook.Clone();
        var name = Encoding.ASCII.GetBytes(Sheet);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            // Local file header (PK\3\4): size at 22, name at 30. Central directory header (PK\1\2): size at 24, name at 46.
            var (sizeAt, nameAt) = (bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]) switch
            {
                (0x50, 0x4B, 3, 4) => (i + 22, i + 30),
                (0x50, 0x4B, 1, 2) => (i + 24, i + 46),
                _ => (-1, -1),
            };
            if (sizeAt > 0 && nameAt + name.Length <= bytes.Length && bytes.AsSpan(nameAt, name.Length).SequenceEqual(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(sizeAt, 4), declared);
            }
        }

        return bytes;
    }

    /// <summary>The workbook with <paramref name="count"/> extra empty parts.</summary>
    public static byte[] ManyParts(byte[] workbook, int count)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                archive.CreateEntry($"xl/extra/part{i}.xml");
            }
        }

        return stream.ToArray();
    }

    private static byte[] Rewrite(byte[] workbook, string part, Func<string, string> change)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry(part);
            var xml = "";
            if (entry is null && part == Sheet)
            {
                throw new InvalidOperationException($"The workbook has no {Sheet}.");
            }

            if (entry is not null)
            {
                using (var reader = new StreamReader(entry.Open(), Encoding.UTF8))
                {
                    xml = reader.ReadToEnd();
                }

                entry.Delete();
            }

            using var writer = new StreamWriter(archive.CreateEntry(part, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
            writer.Write(change(xml));
        }

        return stream.ToArray();
    }
}
