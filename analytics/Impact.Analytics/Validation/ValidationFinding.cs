using System.Text.Json.Serialization;

namespace Impact.Analytics.Validation;

/// <summary>How serious a finding is: errors reject the return, warnings accept it and are shown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>The return is rejected until this is corrected.</summary>
    Error,

    /// <summary>The return is accepted; the value deserves a second look.</summary>
    Warning,
}

/// <summary>
/// One finding of the validation of a return: what is wrong, where, and how to fix it, in French.
/// </summary>
/// <param name="Severity">Error (rejects) or warning (accepts).</param>
/// <param name="Rule">A stable machine code, e.g. <c>field.required</c> or <c>cross.fte_le_headcount</c> (docs/return-schema.md lists them).</param>
/// <param name="Field">The field's machine key, or null for a finding about the whole file.</param>
/// <param name="Label">The field's French label, or null.</param>
/// <param name="Value">The value as received, shortened to <see cref="ValidationFinding.MaxValueLength"/> characters and without control characters; never interpreted.</param>
/// <param name="Message">What is wrong, in French.</param>
/// <param name="Fix">How to correct it, in French.</param>
public sealed record ValidationFinding(
    Severity Severity,
    string Rule,
    string? Field,
    string? Label,
    string? Value,
    string Message,
    string Fix)
{
    /// <summary>Longest value echoed back in a report.</summary>
    public const int MaxValueLength = 120;

    /// <summary>A value made safe to echo: shortened, control characters replaced by spaces.</summary>
    public static string? Echo(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var shortened = value.Length > MaxValueLength ? string.Concat(value.AsSpan(0, MaxValueLength), "…") : value;
        return string.Create(shortened.Length, shortened, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? ' ' : s[i];
            }
        });
    }
}
