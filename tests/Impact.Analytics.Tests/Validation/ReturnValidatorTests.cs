using System.Text;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Tests.Validation;

public sealed class ReturnValidatorTests
{
    private static readonly ValidationContext Context = new()
    {
        Path = new ReturnPath("MP-002", new Quarter(2024, 3), ReturnFormat.Csv),
        Registry = SampleReturns.Registry(),
        Today = new DateOnly(2024, 10, 15),
    };

    private static ValidationResult Validate(Dictionary<string, string?> values, ValidationContext? context = null, char separator = ',') =>
        ReturnValidator.Validate(SampleReturns.Csv(values, separator), ReturnFormat.Csv, "2024-Q3.csv", context ?? Context);

    private static ValidationFinding Single(ValidationResult result, string rule) =>
        Assert.Single(result.Report.Findings, f => f.Rule == rule);

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    public void Validate_AcceptsAValidReturnWithTypedValues(char separator)
    {
        var result = Validate(SampleReturns.Valid(), separator: separator);
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        Assert.Empty(result.Report.Findings);
        var r = result.Return!;
        Assert.Equal("MP-002", r.WorkshopId);
        Assert.Equal(new Quarter(2024, 3), r.Quarter);
        Assert.Equal(5.8m, r.StaffFte);
        Assert.Equal(7, r.StaffHeadcount);
        Assert.Equal(40100.5m, r.OwnRevenue);
        Assert.Equal(62350.5m, r.CashEnd);
        Assert.Equal(new DateOnly(2028, 6, 30), r.LeaseEnd);
        Assert.True(r.LocalAuthorityPartner);
        Assert.Equal("leased", r.PremisesStatus);
    }

    [Fact]
    public void Validate_CanonicalJsonRereadsToTheSameValues()
    {
        var first = Validate(SampleReturns.Valid()).Return!;
        var again = ReturnValidator.Validate(first.ToCanonicalJson(), ReturnFormat.Json, "x.json", ValidationContext.None).Return!;
        Assert.Equal(first.Values, again.Values);
    }

    [Fact]
    public void Validate_RequiredFieldMissing()
    {
        var values = SampleReturns.Valid();
        values.Remove("operating_expenses");
        var result = Validate(values);
        Assert.Equal(ValidationStatus.Rejected, result.Report.Status);
        var finding = Single(result, "field.required");
        Assert.Equal("operating_expenses", finding.Field);
        Assert.Equal("Charges d'exploitation", finding.Label);
        Assert.Equal("Renseignez « Charges d'exploitation » ; indiquez 0 si la valeur est nulle.", finding.Fix);
        Assert.Null(result.Return);
    }

    [Fact]
    public void Validate_OptionalFieldsMayBeEmpty()
    {
        var values = SampleReturns.With("narrative", null);
        values["lease_end"] = null;
        values["premises_status"] = "owned";
        var result = Validate(values);
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        Assert.Null(result.Return!.Narrative);
        Assert.Null(result.Return.LeaseEnd);
    }

    [Theory]
    [InlineData("staff_headcount", "-1", "field.min")]
    [InlineData("staff_headcount", "douze", "field.type")]
    [InlineData("revenue_rent", "60000000", "field.max")]
    [InlineData("status", "ouverte", "field.choice")]
    [InlineData("lease_end", "31 juin", "field.type")]
    [InlineData("quarter", "2024-Q9", "field.type")]
    [InlineData("workshop_id", "MP 002!", "field.type")]
    public void Validate_TypeAndBoundErrorsReject(string key, string value, string rule)
    {
        var result = Validate(SampleReturns.With(key, value));
        Assert.Equal(ValidationStatus.Rejected, result.Report.Status);
        var finding = result.Report.Findings.First(f => f.Severity == Severity.Error);
        Assert.Equal(rule, finding.Rule);
        Assert.Equal(key, finding.Field);
        Assert.Equal(value, finding.Value);
    }

    [Fact]
    public void Validate_CashMayBeNegative()
    {
        var result = Validate(SampleReturns.With("cash_end", "-12000"));
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        Assert.Equal(-12000m, result.Return!.CashEnd);
    }

    [Fact]
    public void Validate_ImplausibleValueWarnsButAccepts()
    {
        var result = Validate(SampleReturns.With("revenue_rent", "900000"));
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        var finding = Single(result, "field.plausible");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("Valeur inhabituellement élevée (au-delà de 500 000 €).", finding.Message.Replace('\u202F', ' ').Replace('\u00A0', ' '));
    }

    [Theory]
    [InlineData("staff_fte", "7.5", "cross.fte_le_headcount", "staff_fte")]
    [InlineData("workspace_m2_occupied", "1200", "cross.occupied_le_total", "workspace_m2_occupied")]
    [InlineData("machine_hours_booked", "1500", "cross.booked_le_available", "machine_hours_booked")]
    public void Validate_CrossFieldRulesReject(string key, string value, string rule, string field)
    {
        var result = Validate(SampleReturns.With(key, value));
        Assert.Equal(ValidationStatus.Rejected, result.Report.Status);
        Assert.Equal(field, Single(result, rule).Field);
    }

    [Fact]
    public void Validate_HostedJobsWithoutEnterprisesRejects()
    {
        var values = SampleReturns.With("hosted_enterprises", "0");
        Assert.Equal(Severity.Error, Single(Validate(values), "cross.hosted_jobs_without_enterprises").Severity);
    }

    [Fact]
    public void Validate_LeaseWithoutEndDateWarns()
    {
        var result = Validate(SampleReturns.With("lease_end", null));
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        Assert.Equal(Severity.Warning, Single(result, "cross.lease_end_missing").Severity);
    }

    [Fact]
    public void Validate_DuplicatedKeyRejects()
    {
        var csv = "workshop_id,quarter,quarter\nMP-002,2024-Q3,2024-Q4\n";
        var result = ReturnValidator.Validate(Encoding.UTF8.GetBytes(csv), ReturnFormat.Csv, "2024-Q3.csv", Context);
        var finding = Single(result, "key.duplicate");
        Assert.Equal("quarter", finding.Field);
        Assert.Equal("2024-Q4", finding.Value);
    }

    [Fact]
    public void Validate_UnknownKeyWithValueRejectsAndSuggests()
    {
        var values = SampleReturns.Valid();
        values["staf_headcount"] = "3";
        var finding = Single(Validate(values), "key.unknown");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.EndsWith("Vouliez-vous dire « staff_headcount » ?", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownEmptyKeyOnlyWarns()
    {
        var values = SampleReturns.Valid();
        values["commentaire_interne"] = null;
        var result = Validate(values);
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        Assert.Equal(Severity.Warning, Single(result, "key.unknown").Severity);
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("+HYPERLINK(\"http://x\")")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("Bonne saison <script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void Validate_ActiveContentInNarrativeIsAcceptedAsTextWithAWarning(string narrative)
    {
        var result = Validate(SampleReturns.With("narrative", narrative));
        var finding = Single(result, "field.active_content");
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("narrative", finding.Field);
        Assert.Equal(narrative.Length > 120 ? narrative[..120] + "…" : narrative, finding.Value);
        Assert.Equal(narrative, result.Return!.Narrative);
    }

    [Theory]
    [InlineData("- baisse du chiffre d'affaires en été")]
    [InlineData("+5 % de visiteurs, soit 3 < 4 ateliers")]
    [InlineData("Chiffre en hausse ; =) très bonne saison")]
    public void Validate_OrdinaryProseIsAccepted(string narrative) =>
        Assert.Equal(ValidationStatus.Accepted, Validate(SampleReturns.With("narrative", narrative)).Report.Status);

    [Fact]
    public void Validate_NarrativeLongerThanTheLimitRejects()
    {
        var finding = Single(Validate(SampleReturns.With("narrative", new string('a', 4001))), "field.length");
        Assert.Equal("Le texte compte 4001 caractères ; le maximum est 4000.", finding.Message);
        Assert.Equal(121, finding.Value!.Length);
    }

    [Fact]
    public void Validate_PathMismatchesReject()
    {
        var result = Validate(SampleReturns.With("workshop_id", "MP-001"));
        var finding = Single(result, "path.workshop_mismatch");
        Assert.Equal("Le fichier porte l'identifiant MP-001 mais a été déposé dans le dossier de la manufacture MP-002.", finding.Message);

        var quarter = Single(Validate(SampleReturns.With("quarter", "2024-Q2")), "path.quarter_mismatch");
        Assert.Equal("Renommez le fichier 2024-Q2.csv ou corrigez le trimestre dans le fichier.", quarter.Fix);
    }

    [Fact]
    public void Validate_UnknownWorkshopRejects()
    {
        var context = Context with { Path = new ReturnPath("MP-999", new Quarter(2024, 3), ReturnFormat.Csv) };
        var finding = Single(Validate(SampleReturns.With("workshop_id", "MP-999"), context), "registry.unknown_workshop");
        Assert.Equal("L'identifiant MP-999 ne figure pas au registre des manufactures de proximité.", finding.Message);
    }

    [Theory]
    [InlineData(2022, 2, true)]
    [InlineData(2022, 3, false)]
    [InlineData(2026, 1, false)]
    [InlineData(2026, 2, true)]
    public void Validate_ReportingWindowRunsFromLabellingToSupportEndPlusFollowUp(int year, int number, bool outside)
    {
        var quarter = new Quarter(year, number);
        var context = Context with { Path = new ReturnPath("MP-002", quarter, ReturnFormat.Csv), Today = new DateOnly(2030, 1, 1) };
        var result = Validate(SampleReturns.With("quarter", quarter.ToString()), context);
        Assert.Equal(outside, result.Report.Findings.Any(f => f.Rule == "registry.outside_window"));
    }

    [Fact]
    public void Validate_FutureQuarterRejects()
    {
        var context = Context with { Today = new DateOnly(2024, 6, 30) };
        var finding = Single(Validate(SampleReturns.Valid(), context), "quarter.future");
        Assert.Equal("Le trimestre T3 2024 n'a pas encore commencé.", finding.Message);
    }

    [Fact]
    public void Validate_TenfoldJumpFromPreviousQuarterWarns()
    {
        var previous = Validate(SampleReturns.With("quarter", "2024-Q2"), ValidationContext.None).Return!;
        var values = SampleReturns.With("operating_expenses", "732000");
        var result = Validate(values, Context with { Previous = previous });
        Assert.Equal(ValidationStatus.Accepted, result.Report.Status);
        var finding = Single(result, "previous.jump");
        Assert.Equal("operating_expenses", finding.Field);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Fact]
    public void Validate_OrdinaryChangeFromPreviousQuarterIsQuiet()
    {
        var previous = Validate(SampleReturns.With("quarter", "2024-Q2"), ValidationContext.None).Return!;
        var result = Validate(SampleReturns.With("revenue_rent", "15000"), Context with { Previous = previous });
        Assert.DoesNotContain(result.Report.Findings, f => f.Rule == "previous.jump");
    }

    [Fact]
    public void Validate_ErrorsComeFirstThenSchemaOrder()
    {
        var values = SampleReturns.With("lease_end", null);
        values["partners_count"] = "x";
        values["staff_headcount"] = "-2";
        var rules = Validate(values).Report.Findings.Select(f => (f.Severity, f.Field)).ToList();
        Assert.Equal([(Severity.Error, "staff_headcount"), (Severity.Error, "partners_count"), (Severity.Warning, "lease_end")], rules);
    }

    [Fact]
    public void ValidateFile_UnknownExtensionRejects()
    {
        var result = ReturnValidator.ValidateFile("a"u8, "retour.pdf", ValidationContext.None);
        var finding = Assert.Single(result.Report.Findings);
        Assert.Equal("file.format", finding.Rule);
        Assert.Null(result.Report.Format);
    }
}
