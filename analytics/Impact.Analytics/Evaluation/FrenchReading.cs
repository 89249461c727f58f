using System.Globalization;

namespace Impact.Analytics.Evaluation;

/// <summary>
/// The plain-French readings of an evaluation, for the dashboard and the command line: « +1,8 emploi salarié par
/// manufacture après 6 trimestres, IC 95 % [0,9 ; 2,7] ». French number format (decimal comma, narrow no-break space
/// between thousands), a sign on the estimate, the unit's noun agreed in number (plural from 2, as French does).
/// </summary>
internal static class FrenchReading
{
    private static readonly NumberFormatInfo French = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = "\u202F",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>« {estimate} {unit} {when}, IC 95 % [{low} ; {high}] ».</summary>
    public static string Effect(string outcome, double estimate, double low, double high, string when)
    {
        var wording = Wording.Of(outcome, (high - low) / 2);
        var value = Round(estimate, wording.Decimals);
        var noun = Math.Abs(value) >= 2 ? wording.Plural : wording.Singular;
        return $"{Signed(value, wording.Decimals)} {noun} {when}, IC 95 % [{Number(low, wording.Decimals)} ; {Number(high, wording.Decimals)}]";
    }

    /// <summary>« après 6 trimestres », « au trimestre de la labellisation », « 3 trimestres avant la labellisation ».</summary>
    public static string When(int eventTime) => eventTime switch
    {
        0 => "au trimestre de la labellisation",
        1 => "après 1 trimestre",
        > 1 => string.Create(CultureInfo.InvariantCulture, $"après {eventTime} trimestres"),
        -1 => "1 trimestre avant la labellisation",
        _ => string.Create(CultureInfo.InvariantCulture, $"{-eventTime} trimestres avant la labellisation"),
    };

    public static string Pretrend(double? pValue, int leads)
    {
        if (pValue is not { } p)
        {
            return "Pas de test de tendances avant la labellisation : le panel ne compte pas au moins deux trimestres d'observation avant la labellisation.";
        }

        var test = string.Create(CultureInfo.InvariantCulture, $"test sur {leads} trimestre{(leads > 1 ? "s" : "")} avant la labellisation : p = {PValue(p)}");
        return p > 0.05
            ? $"Avant la labellisation, les manufactures et les candidats non retenus évoluaient de façon comparable ({test}) : la comparaison est crédible."
            : $"Attention : avant la labellisation, les manufactures et les candidats non retenus évoluaient déjà différemment ({test}) ; l'hypothèse de tendances parallèles est douteuse et l'effet estimé est à lire avec prudence.";
    }

    private static string PValue(double p) => p < 0.001 ? "< 0,001" : p.ToString("0.###", French);

    private static double Round(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded; // never "-0,0"
    }

    private static string Number(double value, int decimals) =>
        Round(value, decimals).ToString(decimals == 0 ? "#,##0" : "#,##0." + new string('0', decimals), French);

    private static string Signed(double value, int decimals) => value > 0 ? "+" + Number(value, decimals) : Number(value, decimals);

    /// <summary>How an outcome is said: its noun (singular, plural, with "par manufacture") and the decimals shown.</summary>
    private sealed record Wording(string Singular, string Plural, int Decimals)
    {
        public static Wording Of(string outcome, double halfWidth) => outcome switch
        {
            "salaried_headcount" => new("emploi salarié par manufacture", "emplois salariés par manufacture", 1),
            "own_revenue_eur" => new("€ de recettes propres par manufacture et par trimestre", "€ de recettes propres par manufacture et par trimestre", 0),
            _ => new($"sur « {outcome} » par manufacture", $"sur « {outcome} » par manufacture", DecimalsFor(halfWidth)),
        };

        /// <summary>Two significant digits of the interval's half-width, between 0 and 3 decimals.</summary>
        private static int DecimalsFor(double halfWidth) =>
            halfWidth > 0 && double.IsFinite(halfWidth) ? Math.Clamp(1 - (int)Math.Floor(Math.Log10(halfWidth)), 0, 3) : 2;
    }
}
