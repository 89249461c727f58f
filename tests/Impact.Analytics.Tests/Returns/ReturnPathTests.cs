using Impact.Analytics.Returns;

namespace Impact.Analytics.Tests.Returns;

public sealed class ReturnPathTests
{
    [Theory]
    [InlineData("MP-001/2024-Q3.csv", "MP-001", 2024, 3, ReturnFormat.Csv)]
    [InlineData("returns/MP-001/2024-Q3.XLSX", "MP-001", 2024, 3, ReturnFormat.Xlsx)]
    [InlineData("mp_7/2025-q1.json", "mp_7", 2025, 1, ReturnFormat.Json)]
    public void TryParse_ReadsWorkshopQuarterAndFormat(string path, string workshop, int year, int number, ReturnFormat format)
    {
        var parsed = ReturnPath.TryParse(path, out var finding);
        Assert.Null(finding);
        Assert.Equal(new ReturnPath(workshop, new Quarter(year, number), format), parsed);
    }

    [Theory]
    [InlineData("returns/../x.csv")]
    [InlineData("MP-001/../../etc/passwd")]
    [InlineData("./MP-001/2024-Q3.csv")]
    [InlineData("MP-001\\2024-Q3.csv")]
    [InlineData("MP-001//2024-Q3.csv")]
    [InlineData("MP-001/2024-Q3.txt")]
    [InlineData("MP-001/T3-2024.csv")]
    [InlineData("2024-Q3.csv")]
    [InlineData("returns/MP-001/2024/2024-Q3.csv")]
    [InlineData("MP 001/2024-Q3.csv")]
    public void TryParse_RefusesAnythingElse(string path)
    {
        Assert.Null(ReturnPath.TryParse(path, out var finding));
        Assert.Equal("path.invalid", finding!.Rule);
        Assert.Equal("Déposez le fichier sous returns/{identifiant}/{AAAA}-Q{n}.{csv|xlsx|json}, par exemple returns/MP-001/2024-Q3.csv.", finding.Fix);
    }

    [Fact]
    public void BlobName_IsCanonical() =>
        Assert.Equal("MP-001/2024-Q3.csv", new ReturnPath("MP-001", new Quarter(2024, 3), ReturnFormat.Csv).BlobName);
}
