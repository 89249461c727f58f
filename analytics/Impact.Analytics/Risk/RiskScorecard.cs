using Impact.Analytics.Returns;
using System.Globalization;

namespace Impact.Analytics.Risk;

/// <summary>
/// One band of the scorecard: when <see cref="Condition"/> holds, the signal <see cref="Feature"/> scores
/// <see cref="Points"/>. A signal scores the points of its first band that holds (bands run from the most severe).
/// </summary>
/// <param name="Feature">The signal, a <see cref="RiskFeatureCatalog"/> name.</param>
/// <param name="Condition">The condition as docs/risk-model.md writes it.</param>
/// <param name="Points">Points added to the total.</param>
public sealed record ScorecardBand(string Feature, string Condition, int Points)
{
    internal Func<RiskFeatures, bool> Holds { get; init; } = _ => false;
}

/// <summary>The points one signal scored.</summary>
/// <param name="Feature">The signal, a <see cref="RiskFeatureCatalog"/> name.</param>
/// <param name="Points">Its points.</param>
public sealed record SignalPoints(string Feature, int Points);

/// <summary>The scorecard's result for one workshop and quarter.</summary>
/// <param name="Points">The total, 0 to <see cref="RiskScorecard.MaxPoints"/> (the sum of the signals' points, capped).</param>
/// <param name="Signals">The signals that scored, most points first (ties in catalog order).</param>
public sealed record ScorecardResult(int Points, IReadOnlyList<SignalPoints> Signals);

/// <summary>
/// The transparent scorecard that scores every workshop from day one (DOMAIN.md): documented points per signal, summed and
/// capped at 100; levels at <see cref="RiskOptions.ScorecardAmberPoints"/> and <see cref="RiskOptions.ScorecardRedPoints"/>.
/// The points follow DOMAIN.md's definition of distress (cash under one month of expenses, own revenue down 30% a year,
/// missed returns, recorded distress) and its durability signals (premises, local-authority partner, own revenue), with
/// early warnings (short runway, deficits, falling trends) scoring less than distress itself. docs/risk-model.md has the table.
/// </summary>
public static class RiskScorecard
{
    /// <summary>The largest total.</summary>
    public const int MaxPoints = 100;

    /// <summary>Every band, grouped by signal in catalog order, most severe first within a signal.</summary>
    public static IReadOnlyList<ScorecardBand> Bands { get; } =
    [
        Band(nameof(RiskFeatures.OwnRevenueSlope), "≤ −10 % per quarter", 8, f => f.OwnRevenueSlope <= -0.10),
        Band(nameof(RiskFeatures.OwnRevenueSlope), "≤ −5 % per quarter", 4, f => f.OwnRevenueSlope <= -0.05),
        Band(nameof(RiskFeatures.OwnRevenueYoy), "≤ −30 % (distress level)", 15, f => f.OwnRevenueYoy <= -0.30),
        Band(nameof(RiskFeatures.OwnRevenueYoy), "≤ −15 %", 8, f => f.OwnRevenueYoy <= -0.15),
        Band(nameof(RiskFeatures.OwnRevenueShare), "< 25 %", 4, f => f.OwnRevenueShare < 0.25),
        Band(nameof(RiskFeatures.OwnRevenueShareChange), "≤ −10 points", 4, f => f.OwnRevenueShareChange <= -0.10),
        Band(nameof(RiskFeatures.CashRunwayMonths), "< 1 month (distress level)", 25, f => f.CashRunwayMonths < 1),
        Band(nameof(RiskFeatures.CashRunwayMonths), "< 2 months", 15, f => f.CashRunwayMonths < 2),
        Band(nameof(RiskFeatures.CashRunwayMonths), "< 3 months", 6, f => f.CashRunwayMonths < 3),
        Band(nameof(RiskFeatures.OperatingMargin), "< −20 %", 12, f => f.OperatingMargin < -0.20),
        Band(nameof(RiskFeatures.OperatingMargin), "< −5 %", 6, f => f.OperatingMargin < -0.05),
        Band(nameof(RiskFeatures.MachineUtilisation), "< 20 %", 4, f => f.MachineUtilisation < 0.20),
        Band(nameof(RiskFeatures.MachineUtilisationTrend), "≤ −5 points per quarter", 3, f => f.MachineUtilisationTrend <= -0.05),
        Band(nameof(RiskFeatures.HostedEnterprisesChange), "≤ −3 in a year", 5, f => f.HostedEnterprisesChange <= -3),
        Band(nameof(RiskFeatures.NetJobsCreated), "≤ −2 over 4 quarters", 4, f => f.NetJobsCreated <= -2),
        Band(nameof(RiskFeatures.StaffHeadcountChange), "≤ −2 in a year", 4, f => f.StaffHeadcountChange <= -2),
        Band(nameof(RiskFeatures.PremisesStatus), "temporary_agreement or none", 4,
            f => f.PremisesStatus is PremisesStatuses.TemporaryAgreement or PremisesStatuses.None),
        Band(nameof(RiskFeatures.LeaseEndsWithin12Months), "yes", 4, f => f.LeaseEndsWithin12Months),
        Band(nameof(RiskFeatures.LocalAuthorityPartner), "no", 3, f => f.LocalAuthorityPartner == false),
        Band(nameof(RiskFeatures.LateOrMissingReturns), "≥ 2 of 4", 12, f => f.LateOrMissingReturns >= 2),
        Band(nameof(RiskFeatures.LateOrMissingReturns), "1 of 4", 5, f => f.LateOrMissingReturns >= 1),
        Band(nameof(RiskFeatures.ReturnMissing), "yes", 6, f => f.ReturnMissing),
        Band(nameof(RiskFeatures.DistressQuarters), "≥ 2 of the last 4", 10, f => f.DistressQuarters >= 2),
        Band(nameof(RiskFeatures.DistressQuarters), "1 of the last 4", 5, f => f.DistressQuarters >= 1),
        Band(nameof(RiskFeatures.MinistryDistress), "yes (distress level)", 20, f => f.MinistryDistress),
    ];

    /// <summary>Scores <paramref name="features"/>: each signal's points, and their sum capped at <see cref="MaxPoints"/>.</summary>
    public static ScorecardResult Score(RiskFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var signals = new List<SignalPoints>();
        foreach (var definition in RiskFeatureCatalog.Definitions)
        {
            var band = Bands.FirstOrDefault(b => string.Equals(b.Feature, definition.Name, StringComparison.Ordinal) && b.Holds(features));
            if (band is not null)
            {
                signals.Add(new SignalPoints(definition.Name, band.Points));
            }
        }

        // A stable sort: ties stay in catalog order.
        var ordered = signals.OrderByDescending(s => s.Points).ToList();
        return new ScorecardResult(Math.Min(MaxPoints, ordered.Sum(s => s.Points)), ordered);
    }

    /// <summary>The level of a total: red from <see cref="RiskOptions.ScorecardRedPoints"/>, amber from <see cref="RiskOptions.ScorecardAmberPoints"/>.</summary>
    public static RiskLevel Level(int points, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return points >= options.ScorecardRedPoints ? RiskLevel.Red : points >= options.ScorecardAmberPoints ? RiskLevel.Amber : RiskLevel.Green;
    }

    private static ScorecardBand Band(string feature, string condition, int points, Func<RiskFeatures, bool> holds)
    {
        // Checked once at start-up: a band must name a signal of the catalog.
        _ = RiskFeatureCatalog.Find(feature);
        return new ScorecardBand(feature, condition, points) { Holds = holds };
    }

    /// <summary>The table of bands as docs/risk-model.md shows it (Markdown).</summary>
    public static string MarkdownTable()
    {
        var lines = new List<string> { "| signal | condition | points |", "|---|---|---:|" };
        lines.AddRange(Bands.Select(b => string.Create(CultureInfo.InvariantCulture, $"| `{b.Feature}` | {b.Condition} | {b.Points} |")));
        return string.Join('\n', lines) + "\n";
    }
}
