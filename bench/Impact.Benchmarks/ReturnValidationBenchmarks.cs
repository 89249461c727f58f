using BenchmarkDotNet.Attributes;
using Impact.Analytics;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;
using MiniExcelLibs;

namespace Impact.Benchmarks;

/// <summary>
/// Parse + validate one quarterly return (MP-002, 2024-Q3), with every rule on: path, registry,
/// reporting window, today's date and the previous quarter. The same return in each format.
/// Target: under 1 ms median for a CSV return (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ReturnValidationBenchmarks
{
    private static readonly Quarter Q3 = new(2024, 3);

    private byte[] _csv = [];
    private byte[] _json = [];
    private byte[] _xlsx = [];
    private ValidationContext _context = ValidationContext.None;

    [GlobalSetup]
    public void Setup()
    {
        var registry = WorkshopRegistry.Read(File.ReadAllText(Sample("registry", "workshops.csv")));
        var previous = Accepted(
            File.ReadAllBytes(Sample("returns", "MP-002", "2024-Q2.csv")), ReturnFormat.Csv,
            new ValidationContext { Path = new ReturnPath("MP-002", new Quarter(2024, 2), ReturnFormat.Csv), Registry = registry });

        _context = new ValidationContext
        {
            Path = new ReturnPath("MP-002", Q3, ReturnFormat.Csv),
            Registry = registry,
            Today = new DateOnly(2024, 10, 15),
            Previous = previous,
        };
        _csv = File.ReadAllBytes(Sample("returns", "MP-002", "2024-Q3.csv"));
        var q3 = Accepted(_csv, ReturnFormat.Csv, _context);
        _json = q3.ToCanonicalJson();
        _xlsx = FillTemplate(q3);

        // A broken input must never be benchmarked silently: each format must give the same accepted return.
        foreach (var (content, format) in new[] { (_json, ReturnFormat.Json), (_xlsx, ReturnFormat.Xlsx) })
        {
            var values = Accepted(content, format, _context).Values;
            if (!q3.Values.All(v => Equals(v.Value, values[v.Key])))
            {
                throw new InvalidOperationException($"The {format} input does not give the same return as the CSV.");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public ValidationResult Csv() => ReturnValidator.Validate(_csv, ReturnFormat.Csv, "2024-Q3.csv", _context);

    [Benchmark]
    public ValidationResult Json() => ReturnValidator.Validate(_json, ReturnFormat.Json, "2024-Q3.json", _context);

    [Benchmark]
    public ValidationResult Xlsx() => ReturnValidator.Validate(_xlsx, ReturnFormat.Xlsx, "2024-Q3.xlsx", _context);

    private static string Sample(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "samples", .. parts]);

    private static QuarterlyReturn Accepted(byte[] content, ReturnFormat format, ValidationContext context)
    {
        var result = ReturnValidator.Validate(content, format, $"input.{format.Extension()}", context);
        return result.Report.Status == ValidationStatus.Accepted && result.Return is { } accepted
            ? accepted
            : throw new InvalidOperationException(
                $"The {format} input is not accepted: {string.Join(" | ", result.Report.Findings.Select(f => $"{f.Rule} {f.Field}: {f.Message}"))}");
    }

    /// <summary>The XLSX template as a workshop fills it: numbers typed as numbers, the rest as text.</summary>
    private static byte[] FillTemplate(QuarterlyReturn accepted)
    {
        using var template = new MemoryStream(ReturnTemplate.WriteXlsx());
        var rows = MiniExcel.Query(template, useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .Select(row => new Dictionary<string, object?>(row))
            .ToList();
        foreach (var row in rows)
        {
            var field = ReturnSchema.Find((string)row["Clé"]!)!;
            row["Valeur"] = accepted.Values[field.Key] is int or decimal ? accepted.Values[field.Key] : accepted.FormatValue(field);
        }

        using var filled = new MemoryStream();
        filled.SaveAs(rows, sheetName: "Retour");
        return filled.ToArray();
    }
}
