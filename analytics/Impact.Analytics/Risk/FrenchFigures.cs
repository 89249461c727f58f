using System.Globalization;

namespace Impact.Analytics.Risk;

/// <summary>
/// Numbers as a French reader writes them (fr-FR: decimal comma, thousands grouped with a narrow no-break space, a space
/// before %), for the reasons coaches read. A value that rounds to zero is written without a sign.
/// </summary>
internal static class FrenchFigures
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>One decimal: 0,8; -1,2.</summary>
    public static string OneDecimal(double value) => value.ToString("0.0;-0.0;0.0", French);

    /// <summary>One decimal with a sign: +0,3; -5,0; 0,0.</summary>
    public static string SignedOneDecimal(double value) => value.ToString("+0.0;-0.0;0.0", French);

    /// <summary>A count or a median of counts: whole when it is, else one decimal: 2; 0,5.</summary>
    public static string Number(double value) => value == Math.Round(value) ? Whole(value) : OneDecimal(value);

    /// <summary>A whole number, thousands grouped: 12 300.</summary>
    public static string Whole(double value) => value.ToString("#,##0;-#,##0;0", French);

    /// <summary>A whole number with a sign: +3; -2; 0.</summary>
    public static string SignedWhole(double value) => value.ToString("+#,##0;-#,##0;0", French);

    /// <summary>An amount in euros: 12 300 €.</summary>
    public static string Euros(double value) => Whole(value) + " €";

    /// <summary>A ratio as a percentage: 0.32 → 32 %.</summary>
    public static string Percent(double ratio) => Whole(ratio * 100) + " %";

    /// <summary>A change as a signed percentage: -0.35 → -35 %.</summary>
    public static string SignedPercent(double ratio) => SignedWhole(ratio * 100) + " %";

    /// <summary>A change of a share in signed points: -0.12 → -12 points; 0.01 → +1 point.</summary>
    public static string SignedPoints(double share)
    {
        var text = SignedWhole(share * 100);
        return text + (Math.Abs(Math.Round(share * 100, MidpointRounding.AwayFromZero)) >= 2 ? " points" : " point");
    }

    /// <summary>A whole count followed by its noun, singular for 0 and 1 as French does: 1 trimestre, 3 trimestres.</summary>
    public static string Count(double value, string singular, string plural) =>
        Whole(value) + " " + (Math.Abs(Math.Round(value, MidpointRounding.AwayFromZero)) >= 2 ? plural : singular);

    /// <summary>The median of the peers, or "n.d." (non disponible) when no peer has a value.</summary>
    public static string Median(double? median, Func<double, string> format) => median is { } m ? format(m) : "n.d.";

    /// <summary>The share of peers in the same case: "(25 % des pairs dans ce cas)".</summary>
    public static string PeersInSameCase(double? share) =>
        share is { } s ? "(" + Percent(s) + " des pairs dans ce cas)" : "(pairs : n.d.)";
}
