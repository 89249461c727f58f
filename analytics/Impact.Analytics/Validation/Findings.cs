using Impact.Analytics.Returns;

namespace Impact.Analytics.Validation;

/// <summary>Builds findings with consistent wording; the one place where rule codes are spelled.</summary>
internal static class Findings
{
    public static ValidationFinding FileError(string rule, string message, string fix) =>
        new(Severity.Error, rule, null, null, null, message, fix);

    public static ValidationFinding Error(string rule, ReturnField field, string? value, string message, string fix) =>
        new(Severity.Error, rule, field.Key, field.Label, ValidationFinding.Echo(value), message, fix);

    public static ValidationFinding Warning(string rule, ReturnField field, string? value, string message, string fix) =>
        new(Severity.Warning, rule, field.Key, field.Label, ValidationFinding.Echo(value), message, fix);

    public static ValidationFinding KeyError(string rule, string key, string? value, string message, string fix) =>
        new(Severity.Error, rule, ValidationFinding.Echo(key), null, ValidationFinding.Echo(value), message, fix);

    public static ValidationFinding KeyWarning(string rule, string key, string? value, string message, string fix) =>
        new(Severity.Warning, rule, ValidationFinding.Echo(key), null, ValidationFinding.Echo(value), message, fix);
}
