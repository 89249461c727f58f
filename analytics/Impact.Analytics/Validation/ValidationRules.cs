namespace Impact.Analytics.Validation;

/// <summary>
/// The catalogue of rule codes a finding may carry, with what each checks. docs/return-schema.md lists
/// them from here, and a test fails when the validator uses a code that is missing.
/// </summary>
public static class ValidationRules
{
    /// <summary>Every rule: code, severity, and what it checks (English, for the documentation).</summary>
    public static IReadOnlyList<(string Code, Severity Severity, string Checks)> All { get; } =
    [
        ("file.format", Severity.Error, "The file's extension is not .csv, .xlsx or .json."),
        ("file.empty", Severity.Error, "The file has no content."),
        ("file.too_large", Severity.Error, "The file exceeds 1 MiB; it is refused before being read whole."),
        ("file.unreadable", Severity.Error, "A reader failed in a way no other rule names: the upload is rejected with this finding, kept, and the run goes on."),
        ("file.binary", Severity.Error, "The file holds binary data (NUL or control bytes, or a ZIP/XLSX package sent as text)."),
        ("file.encoding", Severity.Error, "The text is UTF-16, or claims UTF-8 and is not (CSV without BOM falls back to Windows-1252)."),
        ("csv.no_header", Severity.Error, "No header row of keys."),
        ("csv.no_data_row", Severity.Error, "A header but no row of values."),
        ("csv.extra_rows", Severity.Error, "More than one row of values: one file is one quarter of one workshop."),
        ("csv.truncated", Severity.Error, "The row of values has fewer columns than the header, or a quote is left open."),
        ("csv.value_without_key", Severity.Error, "A value sits in a column whose header is empty."),
        ("xlsx.unreadable", Severity.Error, "The XLSX package cannot be opened (damaged, truncated, not a workbook)."),
        ("xlsx.too_large", Severity.Error, "The workbook expands beyond 16 MiB, or one part beyond 4 MiB, or holds more than 200 parts (declared sizes are checked, then actual ones while decompressing): a zip bomb is refused before it is read."),
        ("xlsx.too_wide", Severity.Error, "A sheet reaches beyond column IV (256 columns), by its dimension or one of its cells, or holds more than 100,000 cells."),
        ("xlsx.no_key_column", Severity.Error, "The first sheet has neither a Clé/Valeur header nor a row of keys."),
        ("json.invalid", Severity.Error, "The JSON does not parse (syntax error or truncation)."),
        ("json.invalid_escape", Severity.Error, "A key or a text holds an incomplete Unicode escape (a lone UTF-16 surrogate such as \\ud800)."),
        ("json.not_object", Severity.Error, "The JSON root is not an object."),
        ("json.nested_value", Severity.Error, "A property holds an object or an array instead of a simple value."),
        ("key.duplicate", Severity.Error, "A key appears more than once."),
        ("key.unknown", Severity.Error, "A key is not in schema v1 (a warning when its value is empty); the closest key is suggested."),
        ("field.required", Severity.Error, "A required field is missing or empty."),
        ("field.type", Severity.Error, "The value is not of the field's type (number, whole number, date, quarter, identifier) or is ambiguous (1.234)."),
        ("field.choice", Severity.Error, "The value is not one of the allowed choices."),
        ("field.min", Severity.Error, "The number is below the field's minimum."),
        ("field.max", Severity.Error, "The number is above the field's hard maximum."),
        ("field.plausible", Severity.Warning, "The number is above the plausibility threshold for one workshop and one quarter."),
        ("field.length", Severity.Error, "The text is longer than allowed (4,000 characters for the narrative)."),
        ("field.control_chars", Severity.Error, "The text holds invisible control characters."),
        ("field.active_content", Severity.Warning, "The text starts like a spreadsheet formula or holds an HTML tag: it is stored as text, encoded on every page and neutralised in every export, never executed."),
        ("cross.fte_le_headcount", Severity.Error, "staff_fte <= staff_headcount."),
        ("cross.occupied_le_total", Severity.Error, "workspace_m2_occupied <= workspace_m2_total."),
        ("cross.booked_le_available", Severity.Error, "machine_hours_booked <= machine_hours_available."),
        ("cross.hosted_jobs_without_enterprises", Severity.Error, "hosted_enterprise_jobs > 0 requires hosted_enterprises > 0."),
        ("cross.lease_end_missing", Severity.Warning, "premises_status leased or temporary_agreement without lease_end."),
        ("path.invalid", Severity.Error, "The upload path is not returns/{workshop_id}/{yyyy}-Q{n}.{csv|xlsx|json} (or holds '..', '.', '\\')."),
        ("path.workshop_mismatch", Severity.Error, "The file's workshop_id differs from the upload folder."),
        ("path.quarter_mismatch", Severity.Error, "The file's quarter differs from the file name."),
        ("quarter.future", Severity.Error, "The quarter has not begun (today comes from the caller's clock)."),
        ("registry.unknown_workshop", Severity.Error, "The workshop is not in the registry."),
        ("registry.outside_window", Severity.Error, "The quarter is outside the workshop's reporting window (labelling quarter to support end + follow-up)."),
        ("previous.jump", Severity.Warning, "Own revenue, subsidies, expenses, headcount, hosted enterprises, visitors or floor area moved by a factor of 10 or more since the previous accepted quarter."),
    ];
}
