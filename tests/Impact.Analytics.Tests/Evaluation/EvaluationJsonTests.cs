using System.Text;
using System.Text.Json;
using Impact.Analytics.Evaluation;

namespace Impact.Analytics.Tests.Evaluation;

public sealed class EvaluationJsonTests
{
    [Fact]
    public void WriteSummary_KeysInOrderAndValues()
    {
        var result = ImpactEstimator.Estimate(TinyPanel.Read(TinyPanel.Balanced), "salaried_headcount", new EvaluationOptions { Bootstrap = 199, Seed = 4 });
        var bytes = EvaluationJson.WriteSummary(result);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal(
            ["outcome", "overall_att", "se", "ci_low", "ci_high", "pretrend_p_value", "treated_units", "control_units",
             "excluded_units", "pretrend_leads", "confidence_level", "band_critical_value", "bootstrap", "seed", "method",
             "bootstrap_method", "first_quarter", "last_quarter", "groups", "reading_fr", "pretrend_reading_fr"],
            root.EnumerateObject().Select(p => p.Name));
        var s = result.Summary;
        Assert.Equal("salaried_headcount", root.GetProperty("outcome").GetString());
        Assert.Equal(2.625, root.GetProperty("overall_att").GetDouble());
        Assert.Equal(EvaluationCsv.Format(s.Se), root.GetProperty("se").GetRawText());
        Assert.Equal(EvaluationCsv.Format(s.CiLow), root.GetProperty("ci_low").GetRawText());
        Assert.Equal(EvaluationCsv.Format(s.PretrendPValue!.Value), root.GetProperty("pretrend_p_value").GetRawText());
        Assert.Equal((3, 2, 0, 1), (root.GetProperty("treated_units").GetInt32(), root.GetProperty("control_units").GetInt32(),
            root.GetProperty("excluded_units").GetInt32(), root.GetProperty("pretrend_leads").GetInt32()));
        Assert.Equal((199, 4), (root.GetProperty("bootstrap").GetInt32(), root.GetProperty("seed").GetInt32()));
        Assert.Equal("[{\"g\":\"2022-Q2\",\"units\":2},{\"g\":\"2022-Q3\",\"units\":1}]",
            JsonSerializer.Serialize(root.GetProperty("groups")));
        Assert.Equal(result.ToFrenchReading(), root.GetProperty("reading_fr").GetString());
        Assert.Contains("\"reading_fr\": \"+2,6 emplois salariés par manufacture en moyenne depuis la labellisation", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteSummary_NoLeads_PretrendPValueIsNull()
    {
        var result = ImpactEstimator.Estimate(TinyPanel.Read(TinyPanel.Unbalanced), "salaried_headcount", new EvaluationOptions { Bootstrap = 199 });
        using var json = JsonDocument.Parse(EvaluationJson.WriteSummary(result));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("pretrend_p_value").ValueKind);
    }
}
