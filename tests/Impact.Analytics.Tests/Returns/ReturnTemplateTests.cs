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
    public void WriteXlsx_IsValidOpenXml_WithDropDownsForChoicesAndBoundsForNumbers()
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(ReturnTemplate.WriteXlsx()), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rules = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!);
        string Cell(string key) => "D" + (AllKeys.ToList().IndexOf(key) + 2).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var status = rules[Cell("status")];
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.DataValidationValues.List, status.Type!.Value);
        Assert.Equal("\"en activité,activité suspendue,fermée\"", status.Formula1!.Text);
        Assert.Equal("\"propriétaire,mis à disposition par une collectivité,location (bail),convention d'occupation temporaire,pas de locaux\"", rules[Cell("premises_status")].Formula1!.Text);
        Assert.Equal("\"oui,non\"", rules[Cell("local_authority_partner")].Formula1!.Text);
        var staff = rules[Cell("staff_headcount")];
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.DataValidationValues.Whole, staff.Type!.Value);
        Assert.Equal(("0", "1000"), (staff.Formula1!.Text, staff.Formula2!.Text));
        Assert.Equal("Indiquez un nombre entier entre 0 et 1 000.", staff.Error!.Value);
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.DataValidationValues.Decimal, rules[Cell("cash_end")].Type!.Value);
        // Free text, identifiers, quarters and dates have none.
        Assert.False(rules.ContainsKey(Cell("narrative")));
        Assert.False(rules.ContainsKey(Cell("quarter")));
        Assert.Equal(ReturnSchema.Fields.Count(f => f.Kind is FieldKind.Choice or FieldKind.YesNo or FieldKind.WholeNumber or FieldKind.DecimalNumber or FieldKind.Money), rules.Count);
    }

    [Fact]
    public void AReturnTypedInFrench_IsAccepted_WithTheSameValuesAsItsMachineForm()
    {
        // What people type: the quarter as pages write it, statuses and premises in their own words, oui.
        var french = SampleReturns.Valid();
        french["quarter"] = "T3 2024";
        french["status"] = "Actif";
        french["premises_status"] = "location";
        french["local_authority_partner"] = "Oui";
        var typed = ReturnValidator.Validate(SampleReturns.Csv(french, ';'), ReturnFormat.Csv, "2024-Q3.csv", ValidationContext.None);
        var machine = ReturnValidator.Validate(SampleReturns.Csv(SampleReturns.Valid(), ';'), ReturnFormat.Csv, "2024-Q3.csv", ValidationContext.None);

        Assert.Equal(ValidationStatus.Accepted, typed.Report.Status);
        Assert.Equal(machine.Return!.ToCanonicalJson(), typed.Return!.ToCanonicalJson());
        Assert.Equal("active", typed.Return.Status);
    }

    [Theory]
    [InlineData("status", "suspendu", "suspended")]
    [InlineData("status", "fermé", "closed")]
    [InlineData("status", "FERMEE", "closed")]
    [InlineData("status", "activité suspendue", "suspended")]
    [InlineData("premises_status", "mise à disposition", "local_authority_provided")]
    [InlineData("premises_status", "convention d’occupation temporaire", "temporary_agreement")]
    [InlineData("premises_status", "propriétaire", "owned")]
    public void FrenchChoices_AreReadAsTheirKey(string key, string typed, string expected)
    {
        var values = SampleReturns.With(key, typed);
        if (key == "status" && expected != "active")
        {
            // A closed or suspended workshop may still report its last figures; nothing else changes.
            values["narrative"] = "Dernier trimestre.";
        }

        var result = ReturnValidator.Validate(SampleReturns.Csv(values), ReturnFormat.Csv, "2024-Q3.csv", ValidationContext.None);

        Assert.NotNull(result.Return);
        Assert.Equal(expected, key == "status" ? result.Return!.Status : result.Return!.PremisesStatus);
    }

    [Fact]
    public void AnUnknownChoice_SaysTheFrenchValuesToChooseFrom()
    {
        var result = ReturnValidator.Validate(SampleReturns.Csv(SampleReturns.With("status", "en sommeil")), ReturnFormat.Csv, "2024-Q3.csv", ValidationContext.None);

        var finding = Assert.Single(result.Report.Findings, f => f.Field == "status");
        Assert.Equal("Choisissez une de ces valeurs : « en activité » (ou active), « activité suspendue » (ou suspended), « fermée » (ou closed).", finding.Fix);
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
        var fields = lines.SkipWhile(l => l != "## Fields").TakeWhile(l => l != "## Values in French").ToList();
        Assert.Equal(ReturnSchema.Fields.Count, fields.Count(l => AllKeys.Any(k => l.StartsWith($"| `{k}` |", StringComparison.Ordinal))));
        var french = lines.SkipWhile(l => l != "## Values in French").TakeWhile(l => l != "## Validation rules").ToList();
        Assert.Equal(ReturnSchema.Fields.Sum(f => f.Choices.Count), french.Count(l => l.StartsWith("| `", StringComparison.Ordinal)));
        Assert.Equal(ValidationRules.All.Count, lines.Count(l => ValidationRules.All.Any(r => l.StartsWith($"| `{r.Code}` |", StringComparison.Ordinal))));
    }
}
