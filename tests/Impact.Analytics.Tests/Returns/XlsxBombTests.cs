using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using Impact.Testing;

namespace Impact.Analytics.Tests.Returns;

/// <summary>
/// Workbooks under the 1 MiB limit that expand into gigabytes or claim the whole grid are refused with a French
/// finding, by checks made before the spreadsheet library reads anything, within a bounded allocation (the time
/// is measured by bench/Impact.Benchmarks, XlsxBombBenchmarks).
/// </summary>
public sealed class XlsxBombTests
{
    private static readonly byte[] Template = ReturnTemplate.Write(ReturnFormat.Xlsx);

    private static (string Rule, string Message, long AllocatedMiB) Read(byte[] workbook)
    {
        Assert.True(workbook.Length <= ReturnReader.MaxBytes, $"the bomb must pass the upload limit ({workbook.Length} bytes)");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var finding = Assert.Single(ReturnReader.Read(workbook, ReturnFormat.Xlsx).Findings);
        return (finding.Rule, finding.Message, (GC.GetAllocatedBytesForCurrentThread() - before) / (1024 * 1024));
    }

    [Fact]
    public void Read_ACellThatExpandsTo32MiBIsRefusedOnItsDeclaredSize()
    {
        var (rule, message, allocated) = Read(XlsxBombs.HugeCell(Template, 32));

        Assert.Equal("xlsx.too_large", rule);
        Assert.Equal("Le classeur, une fois décompressé, dépasse 16 Mio (ou l'une de ses parties 4 Mio, ou il compte plus de 200 parties) : un retour trimestriel en fait quelques dizaines de Kio.", message);
        Assert.InRange(allocated, 0, 4);
    }

    [Fact]
    public void Read_ASizeThatLiesIsCaughtWhileDecompressing()
    {
        var (rule, _, allocated) = Read(XlsxBombs.LyingSize(XlsxBombs.HugeCell(Template, 32), 4096));

        // .NET's zip reader stops at the declared size and finds the data longer: a damaged package.
        Assert.Equal("xlsx.unreadable", rule);
        Assert.InRange(allocated, 0, 12);
    }

    [Fact]
    public void Read_HugeSharedStringsAreRefused()
    {
        Assert.Equal("xlsx.too_large", Read(XlsxBombs.HugeSharedStrings(Template, 32)).Rule);
    }

    [Fact]
    public void Read_ASheetClaimingTheWholeGridIsRefusedAndSaysWhere()
    {
        var (rule, message, allocated) = Read(XlsxBombs.WholeGridDimension(Template));

        Assert.Equal("xlsx.too_wide", rule);
        Assert.Equal("Une feuille du classeur s'étend jusqu'à la cellule XFD1048576 : un retour tient dans les colonnes A à C d'une centaine de lignes (au plus 256 colonnes et 100\u202F000 cellules sont lues).", message);
        Assert.InRange(allocated, 0, 4);
    }

    [Fact]
    public void Read_OneCellAtTheGridsLastCellIsRefused()
    {
        Assert.Equal(("xlsx.too_wide", "Une feuille du classeur s'étend jusqu'à la cellule XFD1048576"),
            (Read(XlsxBombs.LastCellOfTheGrid(Template)).Rule, Read(XlsxBombs.LastCellOfTheGrid(Template)).Message[..61]));
    }

    [Fact]
    public void Read_ThousandsOfPartsAreRefused()
    {
        Assert.Equal("xlsx.too_large", Read(XlsxBombs.ManyParts(Template, 5000)).Rule);
    }

    [Fact]
    public void Read_TheTemplateStillReadsThroughTheChecks()
    {
        var document = ReturnReader.Read(Template, ReturnFormat.Xlsx);

        Assert.Empty(document.Findings);
        Assert.Equal(ReturnSchema.Fields.Count, document.Entries.Count);
    }
}
