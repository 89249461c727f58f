using System.Globalization;
using System.Text.RegularExpressions;
using Impact.Analytics.Returns.Reading;

namespace Impact.Analytics.Returns;

/// <summary>A problem with one value, in French: what is wrong and how to fix it.</summary>
internal sealed record ValueProblem(string Rule, string Message, string Fix);

/// <summary>
/// Turns raw text into the typed value of a field: <see cref="string"/> (identifier, choice key, text),
/// <see cref="Analytics.Quarter"/>, <see cref="int"/>, <see cref="decimal"/>, <see cref="DateOnly"/> or <see cref="bool"/>.
/// </summary>
internal static partial class FieldValueParser
{
    private static readonly CompareInfo French = CultureInfo.GetCultureInfo("fr-FR").CompareInfo;

    public static object? Parse(ReturnField field, string raw, DecimalMark mark, out ValueProblem? problem)
    {
        problem = null;
        switch (field.Kind)
        {
            case FieldKind.Identifier:
                if (IdentifierPattern().IsMatch(raw))
                {
                    return raw;
                }

                problem = new("field.type", "Identifiant invalide : seuls les lettres, chiffres, « - » et « _ » sont admis (40 caractères au plus).",
                    "Recopiez l'identifiant exact de votre manufacture tel qu'il figure au registre, par exemple MP-001.");
                return null;

            case FieldKind.Quarter:
                if (Quarter.TryParse(raw, out var quarter))
                {
                    return quarter;
                }

                problem = new("field.type", "Trimestre invalide.", "Écrivez le trimestre sous la forme T3 2024 (ou 2024-Q3).");
                return null;

            case FieldKind.Choice:
                var written = raw.Trim().Replace('’', '\'');
                var choice = field.Choices.FirstOrDefault(c =>
                    string.Equals(c.Key, written, StringComparison.OrdinalIgnoreCase)
                    || new[] { c.Label }.Concat(c.Aliases).Any(a => French.Compare(a, written, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0));
                if (choice is not null)
                {
                    return choice.Key;
                }

                problem = new("field.choice", "Valeur non prévue pour ce champ.",
                    $"Choisissez une de ces valeurs : {DescribeChoices(field)}.");
                return null;

            case FieldKind.WholeNumber:
                if (TryParseNumber(raw, mark, out var whole, out var numberProblem))
                {
                    if (whole != decimal.Truncate(whole) || whole is > int.MaxValue or < int.MinValue)
                    {
                        problem = new("field.type", "Un nombre entier est attendu.", "Indiquez un nombre entier, sans décimale (par exemple 3).");
                        return null;
                    }

                    return (int)whole;
                }

                problem = numberProblem;
                return null;

            case FieldKind.DecimalNumber or FieldKind.Money:
                if (TryParseNumber(raw, mark, out var number, out numberProblem))
                {
                    return number;
                }

                problem = numberProblem;
                return null;

            case FieldKind.Date:
                if (DateOnly.TryParseExact(raw, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                problem = new("field.type", "Date invalide.", "Écrivez la date au format AAAA-MM-JJ, par exemple 2027-06-30.");
                return null;

            case FieldKind.YesNo:
                switch (raw.Trim().ToUpperInvariant())
                {
                    case "YES" or "OUI" or "TRUE" or "VRAI" or "1" or "O" or "Y":
                        return true;
                    case "NO" or "NON" or "FALSE" or "FAUX" or "0" or "N":
                        return false;
                    default:
                        problem = new("field.choice", "Réponse oui/non attendue.", "Indiquez oui ou non.");
                        return null;
                }

            case FieldKind.Text:
                return raw;

            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown field kind.");
        }
    }

    /// <summary>The canonical, culture-invariant text of a typed value (what storage and exports hold).</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        Quarter q => q.ToString(),
        int i => i.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.############", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        _ => throw new ArgumentException($"Unsupported value type {value.GetType().Name}.", nameof(value)),
    };

    public static string DescribeChoices(ReturnField field) =>
        string.Join(", ", field.Choices.Select(c => $"« {c.Label} » (ou {c.Key})"));

    /// <summary>
    /// Reads a number written with '.' or ',' decimals, spaces as thousands separators and an optional
    /// trailing '€'. The file's own mark wins; the other mark is accepted when it cannot be a thousands
    /// separator; "1.234" in a comma-decimal file (or "1,234" in a point-decimal one) is ambiguous and
    /// refused rather than guessed, while "1.234.567" can only be grouped thousands.
    /// </summary>
    public static bool TryParseNumber(string raw, DecimalMark mark, out decimal value, out ValueProblem? problem)
    {
        value = 0;
        problem = null;
        var s = raw.Replace(" ", "", StringComparison.Ordinal)
            .Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal)
            .TrimEnd('€');
        if (s.Length == 0 || s.Length > 40)
        {
            problem = NotANumber();
            return false;
        }

        if (s.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            // JSON may write 1e3; nothing else uses exponents.
            if (mark == DecimalMark.Point && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                value = WithoutTrailingZeros(value);
                return true;
            }

            problem = NotANumber();
            return false;
        }

        var dots = s.Count(c => c == '.');
        var commas = s.Count(c => c == ',');
        string normalized;
        if (dots == 0 && commas == 0)
        {
            normalized = s;
        }
        else if (dots > 0 && commas > 0)
        {
            // Both: the last one is the decimal mark, the other groups thousands.
            var decimalChar = s.LastIndexOf('.') > s.LastIndexOf(',') ? '.' : ',';
            var groupChar = decimalChar == '.' ? ',' : '.';
            var integerPart = s[..s.LastIndexOf(decimalChar)];
            if (s.Count(c => c == decimalChar) != 1 || !IsGrouped(integerPart, groupChar))
            {
                problem = Ambiguous();
                return false;
            }

            normalized = integerPart.Replace(groupChar.ToString(), "", StringComparison.Ordinal) + "." + s[(s.LastIndexOf(decimalChar) + 1)..];
        }
        else
        {
            var c = dots > 0 ? '.' : ',';
            var count = Math.Max(dots, commas);
            var preferred = mark switch { DecimalMark.Point => '.', DecimalMark.Comma => ',', _ => c };
            var digitsAfter = s.Length - s.LastIndexOf(c) - 1;
            if (count == 1 && (c == preferred || digitsAfter != 3))
            {
                normalized = s.Replace(c, '.');
            }
            else if (c != preferred && count > 1 && IsGrouped(s, c))
            {
                normalized = s.Replace(c.ToString(), "", StringComparison.Ordinal);
            }
            else
            {
                problem = Ambiguous();
                return false;
            }
        }

        if (decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            value = WithoutTrailingZeros(value);
            return true;
        }

        problem = NotANumber();
        return false;
    }

    /// <summary>12650.50 becomes 12650.5: the same value has one representation, whatever the file wrote.</summary>
    private static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;

    private static bool IsGrouped(string integerPart, char groupChar) =>
        (groupChar == '.' ? DotGroupedPattern() : CommaGroupedPattern()).IsMatch(integerPart);

    private static ValueProblem NotANumber() =>
        new("field.type", "Un nombre est attendu.", "Indiquez un nombre, par exemple 1234,5 (ou 1234.5), sans texte ni unité.");

    private static ValueProblem Ambiguous() =>
        new("field.type", "Nombre ambigu : le séparateur décimal ne peut pas être déterminé.",
            "Écrivez le nombre sans séparateur de milliers, avec une virgule (ou un point) pour les décimales : 1234,5.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^[+-]?\d{1,3}(\.\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex DotGroupedPattern();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex CommaGroupedPattern();
}
