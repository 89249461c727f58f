using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Impact.Analytics.Validation;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using nietras.SeparatedValues;

namespace Impact.Analytics.Returns;

/// <summary>
/// Blank templates of the quarterly return, in each format, with French labels and help, and the
/// schema documentation (docs/return-schema.md). Everything is derived from <see cref="ReturnSchema"/>.
/// </summary>
public static class ReturnTemplate
{
    private const string Title = "Retour trimestriel des manufactures de proximité, schéma v1";

    /// <summary>The blank template in <paramref name="format"/>.</summary>
    public static byte[] Write(ReturnFormat format) => format switch
    {
        ReturnFormat.Csv => WriteCsv(),
        ReturnFormat.Xlsx => WriteXlsx(),
        ReturnFormat.Json => WriteJson(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Expected csv, xlsx or json."),
    };

    /// <summary>The field's help with its allowed values or bounds, in French.</summary>
    public static string HelpWithRules(ReturnField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var help = new StringBuilder(field.Help);
        if (field.Choices.Count > 0)
        {
            help.Append(CultureInfo.InvariantCulture, $" Valeurs : {string.Join(", ", field.Choices.Select(c => $"« {c.Label} »"))} (ou {string.Join(", ", field.Choices.Select(c => c.Key))}).");
        }

        help.Append(field.Required ? " Obligatoire." : " Facultatif.");
        return help.ToString();
    }

    /// <summary>
    /// CSV template: UTF-8 with BOM (so that spreadsheets open it with accents), ';' delimiter and decimal comma
    /// (French spreadsheets), two comment rows (labels, help) starting with '#', the row of keys, and an empty row of values.
    /// </summary>
    public static byte[] WriteCsv()
    {
        var text = new StringBuilder();
        text.Append("# ").Append(Title).Append(" : une ligne de valeurs sous la ligne des clés ; séparateur « ; », virgule décimale ; les lignes « # » sont ignorées.\n");
        text.Append(CsvLine(ReturnSchema.Fields.Select((f, i) => (i == 0 ? "# " : "") + f.LabelWithUnit)));
        text.Append(CsvLine(ReturnSchema.Fields.Select((f, i) => (i == 0 ? "# " : "") + HelpWithRules(f))));
        text.Append(CsvLine(ReturnSchema.Fields.Select(f => f.Key)));
        text.Append(CsvLine(ReturnSchema.Fields.Select(_ => "")));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One ';'-delimited line, values quoted where needed.</summary>
    private static string CsvLine(IEnumerable<string> cells)
    {
        var builder = new StringBuilder();
        using (var writer = Sep.New(';').Writer(o => o with { WriteHeader = false, Escape = true }).To(builder))
        {
            var values = cells.ToArray();
            using var row = writer.NewRow();
            for (var i = 0; i < values.Length; i++)
            {
                row[i.ToString(CultureInfo.InvariantCulture)].Set(values[i]);
            }
        }

        return builder.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>
    /// XLSX template: one sheet "Retour", one row per field (Clé, Libellé, Unité, Valeur, Aide); each value cell of a
    /// choice or yes/no field offers its French values in a drop-down list, each number cell refuses what is outside
    /// the field's bounds (<see cref="ValueRules"/>).
    /// </summary>
    public static byte[] WriteXlsx()
    {
        var rows = ReturnSchema.Fields.Select(f => new Dictionary<string, object?>
        {
            ["Clé"] = f.Key,
            ["Libellé"] = f.Label,
            ["Unité"] = f.Unit,
            ["Valeur"] = null,
            ["Aide"] = HelpWithRules(f),
        }).ToList();
        var configuration = new OpenXmlConfiguration
        {
            EnableSharedStringCache = false,
            FreezeRowCount = 1,
            DynamicColumns =
            [
                new DynamicExcelColumn("Clé") { Width = 28 },
                new DynamicExcelColumn("Libellé") { Width = 52 },
                new DynamicExcelColumn("Unité") { Width = 12 },
                new DynamicExcelColumn("Valeur") { Width = 24 },
                new DynamicExcelColumn("Aide") { Width = 100 },
            ],
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "Retour", excelType: ExcelType.XLSX, configuration: configuration);
        return DeterministicZip.Normalize(XlsxDataValidation.Add(stream.ToArray(), "xl/worksheets/sheet1.xml", ValueRules()));
    }

    /// <summary>The validation of each value cell (column D, from row 2): lists of labels for choices and yes/no, bounds for numbers.</summary>
    internal static IReadOnlyList<XlsxDataValidation.Rule> ValueRules() =>
    [
        .. ReturnSchema.Fields.Select((field, i) => (Field: field, Cell: "D" + (i + 2).ToString(CultureInfo.InvariantCulture))).SelectMany(x => x.Field.Kind switch
        {
            FieldKind.Choice => [new XlsxDataValidation.Rule(x.Cell, x.Field.Label, List: [.. x.Field.Choices.Select(c => c.Label)])],
            FieldKind.YesNo => [new XlsxDataValidation.Rule(x.Cell, x.Field.Label, List: ["oui", "non"])],
            FieldKind.WholeNumber => [new XlsxDataValidation.Rule(x.Cell, x.Field.Label, Whole: true, Min: x.Field.Min, Max: x.Field.Max)],
            FieldKind.DecimalNumber or FieldKind.Money => [new XlsxDataValidation.Rule(x.Cell, x.Field.Label, Min: x.Field.Min, Max: x.Field.Max)],
            _ => Array.Empty<XlsxDataValidation.Rule>(),
        }),
    ];

    /// <summary>JSON template: every key with a null value, and the labels and help under "$aide" (keys starting with '$' are ignored on reading).</summary>
    public static byte[] WriteJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) }))
        {
            writer.WriteStartObject();
            writer.WriteString("$comment", $"{Title}. Remplacez chaque null par la valeur du trimestre ; nombres avec un point décimal. Les clés commençant par $ sont ignorées.");
            writer.WriteStartObject("$aide");
            foreach (var field in ReturnSchema.Fields)
            {
                writer.WriteString(field.Key, $"{field.LabelWithUnit} : {HelpWithRules(field)}");
            }

            writer.WriteEndObject();
            foreach (var field in ReturnSchema.Fields)
            {
                writer.WriteNull(field.Key);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>docs/return-schema.md: the fields, formats and rules, generated from the code.</summary>
    public static string SchemaMarkdown()
    {
        string Number(decimal? value) => value is { } v ? v.ToString("#,##0.##", CultureInfo.InvariantCulture) : "";
        var md = new StringBuilder();
        md.Append("# Quarterly return, schema v").Append(ReturnSchema.Version).Append('\n');
        md.Append("""

            <!-- Generated from analytics/Impact.Analytics/Returns/ReturnSchema.cs by `impact template --format md --out docs/return-schema.md`.
                 Do not edit by hand: a test fails when this file and the code disagree. -->

            One return = one workshop, one quarter (`2024-Q3`). Flows are for the quarter, stocks at its end; amounts in euros.
            Upload path: `returns/{workshop_id}/{yyyy}-Q{n}.{csv|xlsx|json}`; the file's `workshop_id` and `quarter` must match it.

            ## Formats
            - **CSV**: lines starting with `#` are comments; then a header row of keys and exactly one row of values.
              UTF-8 with or without BOM, or Windows-1252. Delimiter `,` (decimal point) or `;` (decimal comma);
              spaces may group thousands (`1 234,5`). A `.` in a `;` file is read as a decimal point unless it
              could be a thousands separator (`1.234`), which is refused as ambiguous.
            - **XLSX**: the first sheet; the template's layout (columns `Clé` and `Valeur`, one row per field), or a row of keys with the values in the row below.
            - **JSON**: one object of keys; numbers as JSON numbers or strings with a decimal point; yes/no as strings or booleans; keys starting with `$` are ignored.
            - At most 1 MiB. Unknown keys are reported (an error when they carry a value), never silently dropped.

            ## Fields
            | key | label (FR) | unit | type | required | min | max | warning above | help (FR) |
            |---|---|---|---|---|---|---|---|---|

            """);
        foreach (var f in ReturnSchema.Fields)
        {
            var type = f.Kind switch
            {
                FieldKind.Choice => string.Join(" / ", f.Choices.Select(c => c.Key)),
                FieldKind.Text => string.Create(CultureInfo.InvariantCulture, $"text (≤ {f.MaxLength:#,##0} chars)"),
                FieldKind.WholeNumber => "integer",
                FieldKind.DecimalNumber => "decimal",
                FieldKind.Money => "euros",
                FieldKind.YesNo => "yes / no",
                FieldKind.Identifier => "identifier",
                FieldKind.Quarter => "quarter",
                FieldKind.Date => "date (yyyy-mm-dd)",
                _ => f.Kind.ToString(),
            };
            md.Append(CultureInfo.InvariantCulture,
                $"| `{f.Key}` | {f.Label} | {f.Unit} | {type} | {(f.Required ? "yes" : "no")} | {Number(f.Min)} | {Number(f.Max)} | {Number(f.PlausibleMax)} | {f.Help.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        md.Append("""

            ## Values in French
            People type values in their own words; each of these is read as the key (case, accents and the typographic
            apostrophe ignored). The XLSX template offers the labels in a drop-down list.
            - Quarter: `T3 2024` (as the pages write it), `2024-Q3` or `2024-T3`.
            - Yes/no: `oui` / `non` (also `yes` / `no`, `vrai` / `faux`, `o` / `n`, `1` / `0`).

            | field | key | label (FR) | also accepted |
            |---|---|---|---|

            """);
        foreach (var f in ReturnSchema.Fields.Where(f => f.Kind == FieldKind.Choice))
        {
            foreach (var c in f.Choices)
            {
                md.Append(CultureInfo.InvariantCulture, $"| `{f.Key}` | `{c.Key}` | {c.Label} | {string.Join(", ", c.Aliases)} |\n");
            }
        }

        md.Append("""

            ## Validation rules
            Errors reject the return (it is kept, with its report, and the workshop may resubmit); warnings accept it and are shown.
            Each finding carries the field, the value received, the rule code below, and a message and a fix in French.

            | rule | severity | checks |
            |---|---|---|

            """);
        foreach (var (code, severity, checks) in ValidationRules.All)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{code}` | {(severity == Severity.Error ? "error" : "warning")} | {checks} |\n");
        }

        return md.ToString();
    }
}
