using System.Text.Encodings.Web;
using System.Text.Json;

namespace Impact.Analytics.Evaluation;

/// <summary>evaluation/summary.json: the headline figures of an evaluation, for machines and the dashboard.</summary>
public static class EvaluationJson
{
    /// <summary>
    /// The summary as indented UTF-8 JSON (LF, final newline). Keys: <c>outcome</c>, <c>overall_att</c>, <c>se</c>,
    /// <c>ci_low</c>, <c>ci_high</c>, <c>pretrend_p_value</c> (null without leads), <c>treated_units</c>,
    /// <c>control_units</c>, then <c>excluded_units</c>, <c>pretrend_leads</c>, <c>confidence_level</c>,
    /// <c>band_critical_value</c>, <c>bootstrap</c>, <c>seed</c>, <c>method</c>, <c>bootstrap_method</c>,
    /// <c>first_quarter</c>, <c>last_quarter</c>, <c>groups</c> (<c>g</c>, <c>units</c>), <c>reading_fr</c> and
    /// <c>pretrend_reading_fr</c>. Numbers are rounded to 6 decimals.
    /// </summary>
    public static byte[] WriteSummary(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Summary;
        using var buffer = new MemoryStream();

        // A data file, never embedded in HTML as is: French text stays readable (accents, « », ' unescaped).
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("outcome", s.Outcome);
            Number(json, "overall_att", s.OverallAtt);
            Number(json, "se", s.Se);
            Number(json, "ci_low", s.CiLow);
            Number(json, "ci_high", s.CiHigh);
            if (s.PretrendPValue is { } p)
            {
                Number(json, "pretrend_p_value", p);
            }
            else
            {
                json.WriteNull("pretrend_p_value");
            }

            json.WriteNumber("treated_units", s.TreatedUnits);
            json.WriteNumber("control_units", s.ControlUnits);
            json.WriteNumber("excluded_units", s.ExcludedUnits);
            json.WriteNumber("pretrend_leads", s.PretrendLeads);
            json.WriteNumber("confidence_level", 0.95m);
            Number(json, "band_critical_value", s.BandCriticalValue);
            json.WriteNumber("bootstrap", s.Bootstrap);
            json.WriteNumber("seed", s.Seed);
            json.WriteString("method", "callaway_santanna_never_treated_universal_base");
            json.WriteString("bootstrap_method", "multiplier_mammen");
            json.WriteString("first_quarter", s.FirstQuarter.ToString());
            json.WriteString("last_quarter", s.LastQuarter.ToString());
            json.WriteStartArray("groups");
            foreach (var group in s.Groups)
            {
                json.WriteStartObject();
                json.WriteString("g", group.Group.ToString());
                json.WriteNumber("units", group.Units);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("reading_fr", result.ToFrenchReading());
            json.WriteString("pretrend_reading_fr", result.ToFrenchPretrendReading());
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        json.WriteRawValue(EvaluationCsv.Format(value));
    }
}
