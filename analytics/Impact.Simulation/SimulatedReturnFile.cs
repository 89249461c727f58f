using Impact.Analytics.Statistics;
using System.Globalization;
using System.Text;
using Impact.Analytics.Returns;
using S = Impact.Analytics.Returns.ReturnSchema;

namespace Impact.Simulation;

/// <summary>How a workshop writes its CSV returns (see <see cref="SimulatedSubmission.Layout"/>).</summary>
internal enum ReturnFileLayout
{
    SemicolonUtf8Bom,
    SemicolonUtf8BomTemplate,
    CommaUtf8,
    SemicolonWindows1252,
}

/// <summary>
/// Writes a simulated return as the workshop would: a CSV header of keys and one row of values, in the workshop's
/// layout, with an optional planted reporting error that validation must reject.
/// </summary>
internal static class SimulatedReturnFile
{
    /// <summary>The planted errors: the rule each one triggers.</summary>
    public static IReadOnlyList<string> ErrorRules { get; } =
    [
        "cross.fte_le_headcount",
        "field.required",
        "cross.occupied_le_total",
        "cross.booked_le_available",
        "field.type",
        "field.min",
        "path.quarter_mismatch",
    ];

    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    private static readonly Lazy<string> TemplateComments = new(() =>
    {
        // The template's first three lines: title, labels and help, each starting with '#'.
        var template = Encoding.UTF8.GetString(ReturnTemplate.WriteCsv()).TrimStart('\uFEFF');
        var lines = template.Split('\n');
        return string.Join('\n', lines.TakeWhile(l => l.StartsWith('#'))) + "\n";
    });

    public static string LayoutKey(ReturnFileLayout layout) => layout switch
    {
        ReturnFileLayout.SemicolonUtf8Bom => "semicolon_utf8_bom",
        ReturnFileLayout.SemicolonUtf8BomTemplate => "semicolon_utf8_bom_template",
        ReturnFileLayout.CommaUtf8 => "comma_utf8",
        ReturnFileLayout.SemicolonWindows1252 => "semicolon_windows1252",
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown layout."),
    };

    public static byte[] Write(string workshopId, WorkshopQuarter q, ReturnFileLayout layout, string? errorRule, SeededRandom random)
    {
        var values = Values(workshopId, q, layout);
        if (errorRule is not null)
        {
            PlantError(values, q, layout, errorRule, random);
        }

        var delimiter = layout == ReturnFileLayout.CommaUtf8 ? ',' : ';';
        var newLine = layout == ReturnFileLayout.SemicolonWindows1252 ? "\r\n" : "\n";
        var text = new StringBuilder(1024);
        if (layout == ReturnFileLayout.SemicolonUtf8BomTemplate)
        {
            text.Append(TemplateComments.Value);
        }

        SimulationCsv.AppendRow(text, delimiter, newLine, S.Fields.Select(f => f.Key));
        SimulationCsv.AppendRow(text, delimiter, newLine, S.Fields.Select(f => values[f.Key]));
        return layout switch
        {
            ReturnFileLayout.SemicolonWindows1252 => Windows1252.GetBytes(text.ToString()),
            ReturnFileLayout.CommaUtf8 => Encoding.UTF8.GetBytes(text.ToString()),
            _ => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())],
        };
    }

    private static Dictionary<string, string> Values(string workshopId, WorkshopQuarter q, ReturnFileLayout layout)
    {
        string Number(decimal value) => FormatNumber(value, layout, group: false);
        string Money(decimal value) => FormatNumber(value, layout, group: layout == ReturnFileLayout.SemicolonWindows1252);
        string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [S.WorkshopId.Key] = workshopId,
            [S.QuarterField.Key] = q.Quarter.ToString(),
            [S.Status.Key] = q.Status,
            [S.StaffHeadcount.Key] = Whole(q.StaffHeadcount),
            [S.StaffFte.Key] = Number(q.StaffFte),
            [S.JobsCreated.Key] = Whole(q.JobsCreated),
            [S.JobsLost.Key] = Whole(q.JobsLost),
            [S.HostedEnterprises.Key] = Whole(q.HostedEnterprises),
            [S.HostedEnterpriseJobs.Key] = Whole(q.HostedEnterpriseJobs),
            [S.EnterprisesCreated.Key] = Whole(q.EnterprisesCreated),
            [S.Trainees.Key] = Whole(q.Trainees),
            [S.TrainingHours.Key] = Number(q.TrainingHours),
            [S.Apprentices.Key] = Whole(q.Apprentices),
            [S.HeritageSkillSessions.Key] = Whole(q.HeritageSkillSessions),
            [S.SchoolVisits.Key] = Whole(q.SchoolVisits),
            [S.Events.Key] = Whole(q.Events),
            [S.Visitors.Key] = Whole(q.Visitors),
            [S.MachineHoursBooked.Key] = Number(q.MachineHoursBooked),
            [S.MachineHoursAvailable.Key] = Number(q.MachineHoursAvailable),
            [S.WorkspaceM2Total.Key] = Number(q.WorkspaceM2Total),
            [S.WorkspaceM2Occupied.Key] = Number(q.WorkspaceM2Occupied),
            [S.PrototypesShortRuns.Key] = Whole(q.PrototypesShortRuns),
            [S.B2bContracts.Key] = Whole(q.B2bContracts),
            [S.PublicServiceContracts.Key] = Whole(q.PublicServiceContracts),
            [S.OperatingSubsidies.Key] = Money(q.OperatingSubsidies),
            [S.InvestmentGrantReceived.Key] = Money(q.InvestmentGrantReceived),
            [S.OperatingExpenses.Key] = Money(q.OperatingExpenses),
            [S.CashEnd.Key] = Money(q.CashEnd),
            [S.PremisesStatus.Key] = q.PremisesStatus,
            [S.LeaseEnd.Key] = q.LeaseEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            [S.LocalAuthorityPartner.Key] = q.LocalAuthorityPartner ? "yes" : "no",
            [S.PartnersCount.Key] = Whole(q.PartnersCount),
            [S.Narrative.Key] = q.Narrative,
        };
        for (var i = 0; i < S.OwnRevenueFields.Count; i++)
        {
            values[S.OwnRevenueFields[i].Key] = Money(q.Revenues[i]);
        }

        return values;
    }

    /// <summary>
    /// Numbers as the workshop's spreadsheet writes them: '.' decimals in comma files, ',' decimals in semicolon files,
    /// and, from Excel on French Windows, amounts grouped by thousands with a no-break space (1 234,5).
    /// </summary>
    private static string FormatNumber(decimal value, ReturnFileLayout layout, bool group)
    {
        var text = value.ToString("0.##", CultureInfo.InvariantCulture);
        if (layout == ReturnFileLayout.CommaUtf8)
        {
            return text;
        }

        text = text.Replace('.', ',');
        if (!group)
        {
            return text;
        }

        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var comma = digits.IndexOf(',', StringComparison.Ordinal);
        var integer = comma < 0 ? digits : digits[..comma];
        var grouped = new StringBuilder(integer.Length + 4);
        for (var i = 0; i < integer.Length; i++)
        {
            if (i > 0 && (integer.Length - i) % 3 == 0)
            {
                grouped.Append('\u00A0');
            }

            grouped.Append(integer[i]);
        }

        return (negative ? "-" : "") + grouped + (comma < 0 ? "" : digits[comma..]);
    }

    private static void PlantError(Dictionary<string, string> values, WorkshopQuarter q, ReturnFileLayout layout, string rule, SeededRandom random)
    {
        string Number(decimal value) => FormatNumber(value, layout, group: false);
        switch (rule)
        {
            case "cross.fte_le_headcount":
                // FTE typed in the headcount cell's place: more FTE than people.
                values[S.StaffFte.Key] = Number(q.StaffHeadcount + 1 + Math.Round((decimal)random.NextDouble(), 1));
                break;
            case "field.required":
                values[random.Chance(0.5) ? S.OperatingExpenses.Key : S.CashEnd.Key] = "";
                break;
            case "cross.occupied_le_total":
                values[S.WorkspaceM2Occupied.Key] = Number(q.WorkspaceM2Total + random.Next(10, 200));
                break;
            case "cross.booked_le_available":
                values[S.MachineHoursBooked.Key] = Number(Math.Round(q.MachineHoursAvailable * 1.2m) + 1);
                break;
            case "field.type":
                values[S.Visitors.Key] = "NC";
                break;
            case "field.min":
                values[S.RevenueOther.Key] = Number(-random.Next(50, 500));
                break;
            case "path.quarter_mismatch":
                // Last quarter's file copied and renamed, the quarter inside left unchanged.
                values[S.QuarterField.Key] = q.Quarter.AddQuarters(-1).ToString();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown planted error.");
        }
    }
}
