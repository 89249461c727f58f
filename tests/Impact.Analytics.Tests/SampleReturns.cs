using System.Text;
using System.Text.Json;
using Impact.Analytics.Registry;

namespace Impact.Analytics.Tests;

/// <summary>Hand-made returns and registries for tests: valid by default, changed one field at a time.</summary>
internal static class SampleReturns
{
    /// <summary>A valid return of MP-002 for 2024-Q3, values as they would be typed in a ',' CSV.</summary>
    public static Dictionary<string, string?> Valid() => new(StringComparer.Ordinal)
    {
        ["workshop_id"] = "MP-002",
        ["quarter"] = "2024-Q3",
        ["status"] = "active",
        ["staff_headcount"] = "7",
        ["staff_fte"] = "5.8",
        ["jobs_created"] = "1",
        ["jobs_lost"] = "0",
        ["hosted_enterprises"] = "13",
        ["hosted_enterprise_jobs"] = "21",
        ["enterprises_created"] = "1",
        ["trainees"] = "29",
        ["training_hours"] = "380",
        ["apprentices"] = "2",
        ["heritage_skill_sessions"] = "5",
        ["school_visits"] = "1",
        ["events"] = "5",
        ["visitors"] = "980",
        ["machine_hours_booked"] = "760",
        ["machine_hours_available"] = "1400",
        ["workspace_m2_total"] = "1150",
        ["workspace_m2_occupied"] = "1010",
        ["prototypes_short_runs"] = "7",
        ["b2b_contracts"] = "5",
        ["public_service_contracts"] = "1",
        ["revenue_rent"] = "10100",
        ["revenue_machine_time"] = "5900",
        ["revenue_training"] = "4800",
        ["revenue_services"] = "12650.5",
        ["revenue_public_services"] = "2400",
        ["revenue_events_catering"] = "3600",
        ["revenue_other"] = "650",
        ["operating_subsidies"] = "34000",
        ["investment_grant_received"] = "15000",
        ["operating_expenses"] = "73200",
        ["cash_end"] = "62350.5",
        ["premises_status"] = "leased",
        ["lease_end"] = "2028-06-30",
        ["local_authority_partner"] = "yes",
        ["partners_count"] = "18",
        ["narrative"] = "Deux artisans d'art installés en septembre.",
    };

    public static Dictionary<string, string?> With(string key, string? value)
    {
        var values = Valid();
        values[key] = value;
        return values;
    }

    /// <summary>A CSV return: header of keys, one row of values; with ';' the decimals get a comma.</summary>
    public static byte[] Csv(IReadOnlyDictionary<string, string?> values, char separator = ',')
    {
        static string Quote(string? v, char sep) =>
            v is null ? "" : v.Contains(sep, StringComparison.Ordinal) || v.Contains('"', StringComparison.Ordinal) || v.Contains('\n', StringComparison.Ordinal)
                ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : v;
        var header = string.Join(separator, values.Keys);
        var row = string.Join(separator, values.Values.Select(v => Quote(separator == ';' ? DecimalComma(v) : v, separator)));
        return Encoding.UTF8.GetBytes(header + "\n" + row + "\n");
    }

    public static byte[] Json(IReadOnlyDictionary<string, string?> values) => JsonSerializer.SerializeToUtf8Bytes(values);

    private static string? DecimalComma(string? v) =>
        v is not null && decimal.TryParse(v, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? v.Replace('.', ',')
            : v;

    /// <summary>A registry with MP-002 (labelled 2022-07-12, support to 2025-01-31) and MP-001.</summary>
    public static WorkshopRegistry Registry() => new(
    [
        Workshop("MP-001", new DateOnly(2021, 12, 14), new DateOnly(2024, 6, 30)),
        Workshop("MP-002", new DateOnly(2022, 7, 12), new DateOnly(2025, 1, 31)),
    ]);

    public static Workshop Workshop(string id, DateOnly labelledOn, DateOnly supportEnd) => new()
    {
        WorkshopId = id,
        Name = "Atelier " + id,
        Region = "Hauts-de-France",
        Department = "59",
        CommuneInsee = "59350",
        TerritoryType = TerritoryType.Qpv,
        Latitude = 50.63,
        Longitude = 3.06,
        Wave = 3,
        LabelledOn = labelledOn,
        SupportStart = labelledOn,
        SupportEnd = supportEnd,
        GrantEur = 280000m,
        CoachId = "C-02",
        CoachEmail = "coach@example.org",
        TargetJobs = 10,
        TargetOwnRevenueShare = 0.5m,
        LegalForm = "scic",
    };
}
