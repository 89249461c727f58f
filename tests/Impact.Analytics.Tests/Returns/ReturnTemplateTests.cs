using System.Text;
using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using Impact.Analytics.Validation;
using MiniExcelLibs;

namespace Impact.Analytics.Tests.Returns;

public sealed class ReturnTemplateTests
{
    private static readonly string[] AllKeys = [.. ReturnSchema.Fields.Select(f => f.Key)];

    [Theory]
    [InlineData(ReturnFormat.Csv)]
    [InlineData(ReturnFormat.Xlsx)]
    [InlineData(ReturnFormat.Json)]
    public void Write_BlankTemplateReadsBackWithEveryKeyAndNoValue(ReturnFormat format)
    {
        var document = ReturnReader.Read(ReturnTemplate.Write(format), format);
        if (format == ReturnFormat.Csv)
        {
            // The blank CSV has no row of values yet: that is the only finding.
            Assert.Equal("csv.no_data_row", Assert.Single(document.Findings).Rule);
            return;
        }

        Assert.Empty(document.Findings);
        Assert.Equal(AllKeys, document.Entries.Select(e => e.Key));
        Assert.All(document.Entries, e => Assert.Null(e.Value));
    }

    [Fact]
    public void WriteCsv_FilledTemplateIsAccepted()
    {
        var template = Encoding.UTF8.GetString(ReturnTemplate.WriteCsv());
        Assert.StartsWith("\uFEFF# ", template, StringComparison.Ordinal);
        var values = SampleReturns.Valid();
        var row = string.Join(';', AllKeys.Select(k => values[k]!.Replace('.', ',')));
        var filled = template.TrimEnd('\n')[..template.TrimEnd('\n').LastIndexOf('\n')] + "\n" + row + "\n";
        var result = ReturnValidator.Validate(Encoding.UTF8.GetBytes(filled), ReturnFormat.Csv, "2024-Q3.csv", ValidationContext.None);
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        Assert.Equal(62350.5m, result.Return!.CashEnd);
    }

    [Fact]
    public void WriteXlsx_FilledTemplateIsAccepted()
    {
        var rows = MiniExcel.Query(new MemoryStream(ReturnTemplate.WriteXlsx()), useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .ToList();
        Assert.Equal(["Clé", "Libellé", "Unité", "Valeur", "Aide"], rows[0].Keys);
        var values = SampleReturns.Valid();
        var filled = rows.Select(r => new Dictionary<string, object?>
        {
            ["Clé"] = r["Clé"],
            ["Valeur"] = decimal.TryParse(values[(string)r["Clé"]!], System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? number
                : values[(string)r["Clé"]!],
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(filled);
        var result = ReturnValidator.Validate(stream.ToArray(), ReturnFormat.Xlsx, "2024-Q3.xlsx", ValidationContext.None);
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        Assert.Equal(5.8m, result.Return!.StaffFte);
        Assert.Equal(21, result.Return.HostedEnterpriseJobs);

        // The same return typed in a French CSV (12650,50) has the same canonical bytes.
        var csv = ReturnValidator.Validate(SampleReturns.Csv(SampleReturns.With("revenue_services", "12650.50"), ';'), ReturnFormat.Csv, "2024-Q3.csv", ValidationContext.None);
        Assert.Equal(result.Return.ToCanonicalJson(), csv.Return!.ToCanonicalJson());
    }

    [Fact]
    public void WriteXlsx_HorizontalLayoutIsAcceptedToo()
    {
        var values = SampleReturns.Valid();
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { values.ToDictionary(kv => kv.Key, kv => (object?)kv.Value) });
        var result = ReturnValidator.Validate(stream.ToArray(), ReturnFormat.Xlsx, "2024-Q3.xlsx", ValidationContext.None);
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
    }

    [Fact]
    public void WriteJson_FilledTemplateIsAccepted()
    {
        var template = Encoding.UTF8.GetString(ReturnTemplate.WriteJson());
        var values = SampleReturns.Valid();
        foreach (var key in AllKeys)
        {
            template = template.Replace($"\"{key}\": null", $"\"{key}\": \"{values[key]}\"", StringComparison.Ordinal);
        }

        var result = ReturnValidator.Validate(Encoding.UTF8.GetBytes(template), ReturnFormat.Json, "2024-Q3.json", ValidationContext.None);
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
    }

    [Fact]
    public void SchemaMarkdown_MatchesTheCommittedDocumentation()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "return-schema.md"));
        Assert.True(committed.ReplaceLineEndings("\n") == ReturnTemplate.SchemaMarkdown(),
            "docs/return-schema.md is out of date: run `dotnet run --project cli/Impact.Cli -- template --format md --out docs/return-schema.md`.");
    }

    [Fact]
    public void SchemaMarkdown_HasOneRowPerFieldAndRule()
    {
        var lines = ReturnTemplate.SchemaMarkdown().Split('\n');
        Assert.Equal(ReturnSchema.Fields.Count, lines.Count(l => AllKeys.Any(k => l.StartsWith($"| `{k}` |", StringComparison.Ordinal))));
        Assert.Equal(ValidationRules.All.Count, lines.Count(l => ValidationRules.All.Any(r => l.StartsWith($"| `{r.Code}` |", StringComparison.Ordinal))));
    }
}
