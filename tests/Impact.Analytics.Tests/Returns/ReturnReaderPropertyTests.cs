using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;
using Impact.Testing;

namespace Impact.Analytics.Tests.Returns;

/// <summary>
/// Every reader, any bytes: validation gives a report (never an exception), names its own findings, and does a
/// bounded amount of work, measured by what it allocates (time is the benchmarks' business: docs/guarantees.md).
/// Inputs are random bytes, real files of each format with random edits and cuts, and real files with hostile parts.
/// Replayed from a fixed seed, so that CI and a laptop try the same inputs.
/// </summary>
public sealed class ReturnReaderPropertyTests
{
    /// <summary>At most this much allocated for one file of at most 1 MiB, whatever it holds (a filled XLSX takes about 2 MiB).</summary>
    private const long MaxAllocatedBytes = 96L * 1024 * 1024;

    /// <summary>One input: a format and bytes, with how they were made (shown when a case fails).</summary>
    public sealed record ReaderInput(ReturnFormat Format, byte[] Bytes, string Made)
    {
        /// <inheritdoc />
        public override string ToString() => $"{Format} {Bytes.Length} octets ({Made})";
    }

    private static readonly byte[] Syntax = "\\\"{};,<>/=:\n\r\0PK"u8.ToArray();

    private static readonly Dictionary<ReturnFormat, byte[]> Originals = new()
    {
        [ReturnFormat.Csv] = SampleReturns.Csv(SampleReturns.Valid(), ';'),
        [ReturnFormat.Json] = SampleReturns.Json(SampleReturns.With("narrative", "Été : é 😀")),
        [ReturnFormat.Xlsx] = ReturnTemplate.Write(ReturnFormat.Xlsx),
    };

    /// <summary>The inputs FsCheck draws from.</summary>
    public static class Inputs
    {
        private static readonly Gen<ReturnFormat> Formats = Gen.Elements(ReturnFormat.Csv, ReturnFormat.Json, ReturnFormat.Xlsx);
        private static readonly Gen<byte> Bytes = Gen.Frequency((3, Gen.Choose(0, 255).Select(b => (byte)b)), (1, Gen.Elements(Syntax)));

        /// <summary>Random bytes; edited real files; real workbooks with a hostile part.</summary>
        public static Arbitrary<ReaderInput> Input() => Arb.From(Gen.Frequency(
            (1, from format in Formats
                from bytes in Gen.ArrayOf(Bytes)
                select new ReaderInput(format, bytes, "octets aléatoires")),
            (4, from format in Formats
                from edits in Gen.ListOf(Gen.Zip(Gen.Choose(0, int.MaxValue), Bytes))
                from cut in Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(0, int.MaxValue)))
                select Edited(format, edits, cut)),
            (1, from bomb in Gen.Elements(0, 1, 2, 3, 4, 5)
                select Hostile(bomb))));

        private static ReaderInput Edited(ReturnFormat format, List<(int At, byte Value)> edits, int cut)
        {
            var bytes = (byte[])Originals[format].Clone();
            foreach (var (at, value) in edits)
            {
                bytes[at % bytes.Length] = value;
            }

            var length = cut < 0 ? bytes.Length : cut % (bytes.Length + 1);
            return new ReaderInput(format, bytes[..length], $"{edits.Count} octet(s) modifié(s), coupé à {length}");
        }

        private static ReaderInput Hostile(int bomb)
        {
            var template = Originals[ReturnFormat.Xlsx];
            return bomb switch
            {
                0 => new ReaderInput(ReturnFormat.Xlsx, XlsxBombs.HugeCell(template, 8), "cellule de 8 Mio"),
                1 => new ReaderInput(ReturnFormat.Xlsx, XlsxBombs.HugeSharedStrings(template, 8), "8 Mio de chaînes partagées"),
                2 => new ReaderInput(ReturnFormat.Xlsx, XlsxBombs.WholeGridDimension(template), "dimension A1:XFD1048576"),
                3 => new ReaderInput(ReturnFormat.Xlsx, XlsxBombs.LastCellOfTheGrid(template), "cellule XFD1048576"),
                4 => new ReaderInput(ReturnFormat.Xlsx, XlsxBombs.LyingSize(XlsxBombs.HugeCell(template, 8), 4096), "taille déclarée mensongère"),
                _ => new ReaderInput(ReturnFormat.Xlsx, XlsxBombs.ManyParts(template, 5000), "5 000 parties"),
            };
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Inputs)], Replay = "(20261202,13)")]
    public void Validate_AnyBytesGiveAReportInBoundedMemoryNeverAnException(ReaderInput input)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ReturnValidator.Validate(input.Bytes, input.Format, "MP-002/2024-Q3." + input.Format.Extension(), ValidationContext.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(result.Return is null, result.Report.Status == ValidationStatus.Rejected);
        Assert.DoesNotContain(result.Report.Findings, f => f.Rule == "file.unreadable");
        Assert.All(result.Report.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
        Assert.True(allocated < MaxAllocatedBytes, $"{input}: {allocated / (1024 * 1024)} Mio alloués");
    }
}
