using System.Text.Json;
using S = Impact.Analytics.Returns.ReturnSchema;

namespace Impact.Analytics.Returns;

/// <summary>
/// An accepted quarterly return (schema v1): one workshop, one quarter, typed values.
/// Built only by validation (<see cref="Validation.ReturnValidator"/>); its canonical JSON
/// (<see cref="ToCanonicalJson"/>) is itself a valid JSON return and is what storage keeps.
/// </summary>
public sealed class QuarterlyReturn
{
    private readonly IReadOnlyDictionary<string, object?> _values;

    internal QuarterlyReturn(IReadOnlyDictionary<string, object?> values)
    {
        _values = values;
    }

    /// <summary>Typed values by field key: string, Quarter, int, decimal, DateOnly, bool, or null for an empty optional field.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

#pragma warning disable CS1591 // Each property is the field of ReturnSchema with the same name, documented there.
    public string WorkshopId => Get<string>(S.WorkshopId);
    public Quarter Quarter => Get<Quarter>(S.QuarterField);
    public string Status => Get<string>(S.Status);
    public int StaffHeadcount => Get<int>(S.StaffHeadcount);
    public decimal StaffFte => Get<decimal>(S.StaffFte);
    public int JobsCreated => Get<int>(S.JobsCreated);
    public int JobsLost => Get<int>(S.JobsLost);
    public int HostedEnterprises => Get<int>(S.HostedEnterprises);
    public int HostedEnterpriseJobs => Get<int>(S.HostedEnterpriseJobs);
    public int EnterprisesCreated => Get<int>(S.EnterprisesCreated);
    public int Trainees => Get<int>(S.Trainees);
    public decimal TrainingHours => Get<decimal>(S.TrainingHours);
    public int Apprentices => Get<int>(S.Apprentices);
    public int HeritageSkillSessions => Get<int>(S.HeritageSkillSessions);
    public int SchoolVisits => Get<int>(S.SchoolVisits);
    public int Events => Get<int>(S.Events);
    public int Visitors => Get<int>(S.Visitors);
    public decimal MachineHoursBooked => Get<decimal>(S.MachineHoursBooked);
    public decimal MachineHoursAvailable => Get<decimal>(S.MachineHoursAvailable);
    public decimal WorkspaceM2Total => Get<decimal>(S.WorkspaceM2Total);
    public decimal WorkspaceM2Occupied => Get<decimal>(S.WorkspaceM2Occupied);
    public int PrototypesShortRuns => Get<int>(S.PrototypesShortRuns);
    public int B2bContracts => Get<int>(S.B2bContracts);
    public int PublicServiceContracts => Get<int>(S.PublicServiceContracts);
    public decimal RevenueRent => Get<decimal>(S.RevenueRent);
    public decimal RevenueMachineTime => Get<decimal>(S.RevenueMachineTime);
    public decimal RevenueTraining => Get<decimal>(S.RevenueTraining);
    public decimal RevenueServices => Get<decimal>(S.RevenueServices);
    public decimal RevenuePublicServices => Get<decimal>(S.RevenuePublicServices);
    public decimal RevenueEventsCatering => Get<decimal>(S.RevenueEventsCatering);
    public decimal RevenueOther => Get<decimal>(S.RevenueOther);
    public decimal OperatingSubsidies => Get<decimal>(S.OperatingSubsidies);
    public decimal InvestmentGrantReceived => Get<decimal>(S.InvestmentGrantReceived);
    public decimal OperatingExpenses => Get<decimal>(S.OperatingExpenses);
    public decimal CashEnd => Get<decimal>(S.CashEnd);
    public string PremisesStatus => Get<string>(S.PremisesStatus);
    public DateOnly? LeaseEnd => _values.GetValueOrDefault(S.LeaseEnd.Key) as DateOnly?;
    public bool LocalAuthorityPartner => Get<bool>(S.LocalAuthorityPartner);
    public int PartnersCount => Get<int>(S.PartnersCount);
    public string? Narrative => _values.GetValueOrDefault(S.Narrative.Key) as string;
#pragma warning restore CS1591

    /// <summary>Own revenue (DOMAIN.md): the sum of the seven revenue_* fields, in euros.</summary>
    public decimal OwnRevenue => S.OwnRevenueFields.Sum(f => Get<decimal>(f));

    /// <summary>
    /// The canonical form: a UTF-8 JSON object, keys in schema order, numbers as JSON numbers,
    /// other values as invariant strings, absent optional fields as null. Re-reading it gives the same return.
    /// </summary>
    public byte[] ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var field in S.Fields)
            {
                var value = _values.GetValueOrDefault(field.Key);
                switch (value)
                {
                    case null:
                        writer.WriteNull(field.Key);
                        break;
                    case int i:
                        writer.WriteNumber(field.Key, i);
                        break;
                    case decimal d:
                        writer.WriteNumber(field.Key, d);
                        break;
                    default:
                        writer.WriteString(field.Key, FieldValueParser.Format(value));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads back the canonical JSON of a return that was validated when it was received (what storage keeps), without
    /// validating it again: the JSON reader's own reading (<see cref="Reading.JsonReturnReader"/>), then each value parsed
    /// as the validator parses it (<see cref="FieldValueParser.Parse"/>, '.' decimals), none of the rules applied a
    /// second time. Null when the text is not that canonical form (a field missing, unknown, twice, empty while required,
    /// or that does not parse): the caller then goes through the validator.
    /// </summary>
    public static QuarterlyReturn? FromCanonicalJson(ReadOnlySpan<byte> json)
    {
        var document = Reading.JsonReturnReader.Read(System.Text.Encoding.UTF8.GetString(json));
        if (document.Findings.Count > 0 || document.Entries.Count != S.Fields.Count)
        {
            return null;
        }

        var values = new Dictionary<string, object?>(S.Fields.Count, StringComparer.Ordinal);
        foreach (var entry in document.Entries)
        {
            if (S.Find(entry.Key) is not { } field || values.ContainsKey(entry.Key) || (entry.Value is null && field.Required))
            {
                return null;
            }

            object? value = null;
            if (entry.Value is not null)
            {
                value = FieldValueParser.Parse(field, entry.Value, Reading.DecimalMark.Point, out var problem);
                if (problem is not null || value is null)
                {
                    return null;
                }
            }

            values[entry.Key] = value;
        }

        return new QuarterlyReturn(values);
    }

    /// <summary>The canonical text of one field's value (invariant culture), or null when empty.</summary>
    public string? FormatValue(ReturnField field) => FieldValueParser.Format(_values.GetValueOrDefault(field.Key));

    private T Get<T>(ReturnField field) => _values.TryGetValue(field.Key, out var value) && value is T typed
        ? typed
        : throw new InvalidOperationException($"Field '{field.Key}' has no value of type {typeof(T).Name}.");
}
