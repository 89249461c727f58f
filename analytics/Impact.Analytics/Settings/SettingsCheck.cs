using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Impact.Analytics.Settings;

/// <summary>
/// Checks an options record against its data annotations (and <see cref="IValidatableObject"/>), with one message
/// per invalid setting naming it as it is configured (<c>Reporting:DeadlineDays</c>), its value and what is valid.
/// The function host runs it at start through <c>IValidateOptions</c>; the command line runs it on the records it
/// builds from its flags. One rule, one wording, both edges.
/// </summary>
public static class SettingsCheck
{
    /// <summary>The French messages of every invalid setting of <paramref name="options"/>, in declaration order; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(object options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return
        [
            .. results.Select(r =>
            {
                var member = r.MemberNames.FirstOrDefault() ?? "";
                var value = member.Length == 0 ? null : options.GetType().GetProperty(member)?.GetValue(options);
                return string.Format(CultureInfo.InvariantCulture, "Réglage {0}:{1} invalide ({2}) : {3}.",
                    section, member, Convert.ToString(value, CultureInfo.InvariantCulture), r.ErrorMessage);
            }),
        ];
    }

    /// <summary>Returns <paramref name="options"/> when every setting is valid.</summary>
    /// <exception cref="ImpactException">A setting is invalid; the message names each one and what is valid.</exception>
    public static T Checked<T>(T options, string section) where T : class
    {
        var errors = Errors(options, section);
        return errors.Count == 0 ? options : throw new ImpactException(string.Join(" ", errors));
    }
}
