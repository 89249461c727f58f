using System.Text;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;
using Impact.Simulation;

namespace Impact.Analytics.Tests.Returns;

/// <summary>
/// A stored version is read back from its canonical JSON without being validated again: the same values, of the same
/// types and written the same way, as the validator would give; anything not in that form is left to the validator.
/// </summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void FromCanonicalJson_EveryAcceptedReturnOfACohort_ReadsBackAsTheValidatorReadsIt()
    {
        // Every layout of the simulator: ';' and ',' CSV, the template's comment lines, Windows-1252, narratives with quotes.
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 30, Quarters = 8, Seed = 11 });
        var compared = 0;
        foreach (var file in cohort.Files.Where(f => f.Path.StartsWith("returns/", StringComparison.Ordinal)))
        {
            var format = ReturnFormats.FromExtension(Path.GetExtension(file.Path))!.Value;
            if (ReturnValidator.Validate(file.Content.Span, format, file.Path, ValidationContext.None).Return is not { } accepted)
            {
                continue;
            }

            var canonical = accepted.ToCanonicalJson();
            var validated = ReturnValidator.Validate(canonical, ReturnFormat.Json, "x.json", ValidationContext.None).Return!;
            var read = QuarterlyReturn.FromCanonicalJson(canonical);

            Assert.NotNull(read);
            Assert.Equal(validated.Values.Keys.Order(StringComparer.Ordinal), read.Values.Keys.Order(StringComparer.Ordinal));
            foreach (var field in ReturnSchema.Fields)
            {
                Assert.Equal(validated.Values[field.Key]?.GetType(), read.Values[field.Key]?.GetType());
                Assert.Equal(validated.Values[field.Key], read.Values[field.Key]);
                Assert.Equal(validated.FormatValue(field), read.FormatValue(field)); // decimals keep their scale
            }

            Assert.Equal(canonical, read.ToCanonicalJson());
            compared++;
        }

        Assert.Equal(cohort.Files.Count(f => f.Path.StartsWith("returns/", StringComparison.Ordinal)) - Rejected(cohort), compared);
        Assert.True(compared > 150, $"{compared} returns compared");
    }

    private static int Rejected(SimulatedCohort cohort) => cohort.Files.Count(f => f.Path.StartsWith("returns/", StringComparison.Ordinal)
        && ReturnValidator.Validate(f.Content.Span, ReturnFormats.FromExtension(Path.GetExtension(f.Path))!.Value, f.Path, ValidationContext.None).Return is null);

    public static TheoryData<string> NotCanonical()
    {
        var json = Encoding.UTF8.GetString(Sample().ToCanonicalJson());
        return new TheoryData<string>
        {
            json.Replace("\"cash_end\"", "\"cash_end_typo\"", StringComparison.Ordinal), // a field unknown (and one missing)
            json.Replace("  \"narrative\"", "  \"cash_end\": 1,\n  \"narrative\"", StringComparison.Ordinal), // a field twice
            json.Replace("\"operating_expenses\": ", "\"operating_expenses\": null, \"x\": ", StringComparison.Ordinal), // required, empty
            json.Replace("\"quarter\": \"2024-Q3\"", "\"quarter\": 2024", StringComparison.Ordinal), // does not parse
            json.Replace("\"staff_headcount\": ", "\"staff_headcount\": [1], \"y\": ", StringComparison.Ordinal), // not a value
            "[1, 2]",
            "{\"workshop_id\": \"MP-002\"",
            "",
        };
    }

    [Theory]
    [MemberData(nameof(NotCanonical))]
    public void FromCanonicalJson_AnythingElse_IsLeftToTheValidator(string json) =>
        Assert.Null(QuarterlyReturn.FromCanonicalJson(Encoding.UTF8.GetBytes(json)));

    private static QuarterlyReturn Sample() =>
        ReturnValidator.Validate(SampleReturns.Csv(SampleReturns.Valid(), ','), ReturnFormat.Csv, "2024-Q3.csv", ValidationContext.None).Return!;
}
