using System.Globalization;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// Numbers as a French reader expects them on the dashboard: a comma for decimals, thousands grouped by a
/// no-break space, a no-break space before the unit (1 234,5 €; 42 %; 3,5 mois). The format is built here
/// rather than taken from the fr-FR culture, whose group separator depends on the ICU version (U+00A0 or
/// U+202F), so that the pages and charts are the same on every host. Machine-readable files keep the
/// invariant culture (docs/indicators.md).
/// </summary>
public static class FrenchFormat
{
    /// <summary>The no-break space (U+00A0) between digit groups and before a unit.</summary>
    public const char NoBreakSpace = '\u00A0';

    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = NoBreakSpace.ToString(),
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>A number with at most <paramref name="maxDecimals"/> decimals, trailing zeros dropped: 1234.5 → "1 234,5".</summary>
    public static string Number(double value, int maxDecimals = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDecimals);
        var pattern = maxDecimals == 0 ? "#,##0" : "#,##0." + new string('#', maxDecimals);
        var text = value.ToString(pattern, Numbers);
        return text == "-0" ? "0" : text;
    }

    /// <summary>A decimal, as <see cref="Number(double, int)"/>.</summary>
    public static string Number(decimal value, int maxDecimals = 1) => Number((double)value, maxDecimals);

    /// <summary>An amount in euros: 1234.5 → "1 234,5 €" (cents only when there are some).</summary>
    public static string Euros(double value, int maxDecimals = 2) => Number(value, maxDecimals) + NoBreakSpace + "€";

    /// <summary>An amount in euros, as <see cref="Euros(double, int)"/>.</summary>
    public static string Euros(decimal value, int maxDecimals = 2) => Euros((double)value, maxDecimals);

    /// <summary>A ratio shown as a percentage: 0.42 → "42 %".</summary>
    public static string Percent(double ratio, int maxDecimals = 0) => Number(ratio * 100, maxDecimals) + NoBreakSpace + "%";

    /// <summary>A ratio shown as a percentage, as <see cref="Percent(double, int)"/>.</summary>
    public static string Percent(decimal ratio, int maxDecimals = 0) => Percent((double)ratio, maxDecimals);

    /// <summary>A duration in months: 3.25 → "3,3 mois".</summary>
    public static string Months(double value) => Number(value, 1) + NoBreakSpace + "mois";

    /// <summary>A whole count: 1234 → "1 234".</summary>
    public static string Count(int value) => Number((double)value, 0);

    /// <summary>A quarter as French readers write it: "T3 2024".</summary>
    public static string Quarter(Quarter quarter) => quarter.ToFrench();

    /// <summary>A date as French readers write it: "30/10/2024".</summary>
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The time zone of the people who read the pipeline's pages and e-mails (metropolitan France).</summary>
    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>An instant's date in Paris: 2024-10-30T23:30Z → "31/10/2024".</summary>
    public static string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime));

    /// <summary>An instant in Paris time, as French readers write it: 2024-10-30T13:05Z → "30/10/2024 à 14 h 05" (winter time, UTC+1), 06:05Z → "à 7 h 05".</summary>
    public static string DateTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Paris).ToString("dd/MM/yyyy 'à' H 'h' mm", CultureInfo.InvariantCulture);
}
