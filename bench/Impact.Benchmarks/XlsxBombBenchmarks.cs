using BenchmarkDotNet.Attributes;
using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using Impact.Testing;

namespace Impact.Benchmarks;

/// <summary>
/// How long the XLSX reader takes to refuse hostile workbooks under the 1 MiB upload limit, beside the blank template
/// it accepts. Target: every refusal well under a second (docs/guarantees.md, docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class XlsxBombBenchmarks
{
    private byte[] _template = [];
    private byte[] _hugeCell = [];
    private byte[] _lyingSize = [];
    private byte[] _sharedStrings = [];
    private byte[] _wholeGrid = [];
    private byte[] _lastCell = [];

    [GlobalSetup]
    public void Setup()
    {
        _template = ReturnTemplate.Write(ReturnFormat.Xlsx);
        _hugeCell = XlsxBombs.HugeCell(_template, 1000);
        _lyingSize = XlsxBombs.LyingSize(_hugeCell, 4096);
        _sharedStrings = XlsxBombs.HugeSharedStrings(_template, 420);
        _wholeGrid = XlsxBombs.WholeGridDimension(_template);
        _lastCell = XlsxBombs.LastCellOfTheGrid(_template);
        foreach (var bomb in new[] { _hugeCell, _lyingSize, _sharedStrings, _wholeGrid, _lastCell })
        {
            if (bomb.Length > ReturnReader.MaxBytes || ReturnReader.Read(bomb, ReturnFormat.Xlsx).Findings.Count != 1)
            {
                throw new InvalidOperationException("Each bomb must pass the upload limit and be refused with one finding.");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public ReturnDocument Template() => ReturnReader.Read(_template, ReturnFormat.Xlsx);

    [Benchmark]
    public ReturnDocument CellOf1000MiB() => ReturnReader.Read(_hugeCell, ReturnFormat.Xlsx);

    [Benchmark]
    public ReturnDocument CellOf1000MiBDeclared4KiB() => ReturnReader.Read(_lyingSize, ReturnFormat.Xlsx);

    [Benchmark]
    public ReturnDocument SharedStringsOf420MiB() => ReturnReader.Read(_sharedStrings, ReturnFormat.Xlsx);

    [Benchmark]
    public ReturnDocument DimensionA1ToXFD1048576() => ReturnReader.Read(_wholeGrid, ReturnFormat.Xlsx);

    [Benchmark]
    public ReturnDocument CellAtXFD1048576() => ReturnReader.Read(_lastCell, ReturnFormat.Xlsx);
}
