using Impact.Analytics.Returns;
using F = Impact.Analytics.Risk.FrenchFigures;

namespace Impact.Analytics.Risk;

/// <summary>
/// Every signal of risk scoring, in the order of the model's feature vector: the one place where a feature's name
/// (<c>nameof</c> its <see cref="RiskFeatures"/> property) is tied to its model slots, the imputation of its missing
/// values and its French reason. docs/risk-model.md lists them.
/// </summary>
public static class RiskFeatureCatalog
{
    /// <summary>Premises statuses of the return schema, with the suffix of their one-hot slot and their French reading.</summary>
    private static readonly (string Key, string SlotSuffix, string French)[] Premises =
    [
        (PremisesStatuses.Owned, "Owned", "propriétaire"),
        (PremisesStatuses.LocalAuthorityProvided, "LocalAuthorityProvided", "mis à disposition par la collectivité"),
        (PremisesStatuses.Leased, "Leased", "location"),
        (PremisesStatuses.TemporaryAgreement, "TemporaryAgreement", "convention d'occupation temporaire"),
        (PremisesStatuses.None, "None", "sans locaux"),
    ];

    /// <summary>The signals, in vector order.</summary>
    public static IReadOnlyList<RiskFeatureDefinition> Definitions { get; } =
    [
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.OwnRevenue), "own revenue of the latest return, € for its quarter",
            f => f.OwnRevenue, imputed: 30_000, min: 0, max: 10_000_000, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 1,
            (f, p) => $"Recettes propres : {F.Euros(f.OwnRevenue ?? 0)} sur le trimestre (médiane des pairs : {F.Median(p.Median, F.Euros)})"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.OwnRevenueSlope), "least-squares slope of own revenue over the last 4 quarters' returns, divided by their mean (per quarter)",
            f => f.OwnRevenueSlope, imputed: 0, min: -0.5, max: 0.5, missingSlot: true, riskier: RiskDirection.Lower, shownTo: 0.01,
            (f, p) => f.OwnRevenueSlope is { } v
                ? $"Tendance des recettes propres : {F.SignedPercent(v)} par trimestre sur les quatre derniers trimestres (médiane des pairs : {F.Median(p.Median, F.SignedPercent)})"
                : "Tendance des recettes propres : moins de deux retours sur les quatre derniers trimestres"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.OwnRevenueYoy), "own revenue of the latest return / that of 4 quarters before − 1",
            f => f.OwnRevenueYoy, imputed: 0, min: -1, max: 1, missingSlot: true, riskier: RiskDirection.Lower, shownTo: 0.01,
            (f, p) => f.OwnRevenueYoy is { } v
                ? $"Recettes propres sur un an : {F.SignedPercent(v)} (médiane des pairs : {F.Median(p.Median, F.SignedPercent)})"
                : "Recettes propres sur un an : pas de retour un an plus tôt pour comparer"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.OwnRevenueYoyTrend), "least-squares slope of the year-on-year change of own revenue over the last 4 quarters' returns (per quarter)",
            f => f.OwnRevenueYoyTrend, imputed: 0, min: -1, max: 1, missingSlot: true, riskier: RiskDirection.Lower, shownTo: 0.001,
            (f, p) => f.OwnRevenueYoyTrend is { } v
                ? $"Évolution sur un an des recettes propres : {F.SignedOneDecimal(v * 100)} points par trimestre sur les quatre derniers trimestres (médiane des pairs : {F.Median(p.Median, m => F.SignedOneDecimal(m * 100))})"
                : "Évolution sur un an des recettes propres : moins de deux comparaisons sur les quatre derniers trimestres"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.OwnRevenueShare), "own_revenue / (own_revenue + operating_subsidies) of the latest return",
            f => f.OwnRevenueShare, imputed: 0.5, min: 0, max: 1, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 0.01,
            (f, p) => f.OwnRevenueShare is { } v
                ? $"Part des recettes propres : {F.Percent(v)} des ressources (médiane des pairs : {F.Median(p.Median, F.Percent)})"
                : "Part des recettes propres : ni recettes ni subventions déclarées"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.OwnRevenueShareChange), "own-revenue share of the latest return minus that of 4 quarters before",
            f => f.OwnRevenueShareChange, imputed: 0, min: -1, max: 1, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 0.01,
            (f, p) => f.OwnRevenueShareChange is { } v
                ? $"Part des recettes propres sur un an : {F.SignedPoints(v)} (médiane des pairs : {F.Median(p.Median, F.SignedPoints)})"
                : "Part des recettes propres sur un an : pas de retour un an plus tôt pour comparer"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.CashRunwayMonths), "cash_end / (operating_expenses / 3) of the latest return, months",
            f => f.CashRunwayMonths, imputed: 6, min: -6, max: 12, missingSlot: true, riskier: RiskDirection.Lower, shownTo: 0.1,
            (f, p) => f.CashRunwayMonths is { } v
                ? $"Trésorerie : {F.OneDecimal(v)} mois de charges (médiane des pairs : {F.Median(p.Median, F.OneDecimal)})"
                : "Trésorerie : aucune charge déclarée, durée non calculable"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.CashRunwayTrend), "least-squares slope of the cash runway over the last 4 quarters' returns, months per quarter",
            f => f.CashRunwayTrend, imputed: 0, min: -6, max: 6, missingSlot: true, riskier: RiskDirection.Lower, shownTo: 0.1,
            (f, p) => f.CashRunwayTrend is { } v
                ? $"Trésorerie : {F.SignedOneDecimal(v)} mois de charges par trimestre sur les quatre derniers trimestres (médiane des pairs : {F.Median(p.Median, F.SignedOneDecimal)})"
                : "Tendance de la trésorerie : moins de deux retours sur les quatre derniers trimestres"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.RunwayInAYearMonths), "(cash_end + 4 × operating result) / (operating_expenses / 3) of the latest return, months",
            f => f.RunwayInAYearMonths, imputed: 6, min: -12, max: 12, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 0.1,
            (f, p) => f.RunwayInAYearMonths is { } v
                ? $"Trésorerie dans un an au rythme du dernier trimestre : {F.OneDecimal(v)} mois de charges (médiane des pairs : {F.Median(p.Median, F.OneDecimal)})"
                : "Trésorerie dans un an : aucune charge déclarée, durée non calculable"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.InvestmentGrantMonths), "investment_grant_received / (operating_expenses / 3) of the latest return, months",
            f => f.InvestmentGrantMonths, imputed: 0, min: 0, max: 24, missingSlot: false, riskier: RiskDirection.None, shownTo: 0.1,
            (f, p) => f.InvestmentGrantMonths is { } v
                ? $"Aide à l'investissement reçue au trimestre : {F.OneDecimal(v)} mois de charges, réservés aux machines (médiane des pairs : {F.Median(p.Median, F.OneDecimal)})"
                : "Aide à l'investissement : aucune charge déclarée, rapport non calculable"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.OperatingMargin), "operating result / resources of the latest return",
            f => f.OperatingMargin, imputed: 0, min: -1, max: 0.5, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 0.01,
            (f, p) => f.OperatingMargin is { } v
                ? $"Résultat d'exploitation : {F.SignedPercent(v)} des ressources (médiane des pairs : {F.Median(p.Median, F.SignedPercent)})"
                : "Résultat d'exploitation : ni recettes ni subventions déclarées"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.MachineUtilisation), "machine_hours_booked / machine_hours_available of the latest return",
            f => f.MachineUtilisation, imputed: 0, min: 0, max: 1, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 0.01,
            (f, p) => f.MachineUtilisation is { } v
                ? $"Utilisation des machines : {F.Percent(v)} des heures disponibles (médiane des pairs : {F.Median(p.Median, F.Percent)})"
                : "Utilisation des machines : aucune heure disponible déclarée"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.MachineUtilisationTrend), "least-squares slope of machine utilisation over the last 4 quarters' returns (per quarter)",
            f => f.MachineUtilisationTrend, imputed: 0, min: -1, max: 1, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 0.001,
            (f, p) => f.MachineUtilisationTrend is { } v
                ? $"Utilisation des machines : {F.SignedOneDecimal(v * 100)} points par trimestre sur les quatre derniers trimestres (médiane des pairs : {F.Median(p.Median, m => F.SignedOneDecimal(m * 100))})"
                : "Tendance de l'utilisation des machines : moins de deux retours sur les quatre derniers trimestres"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.HostedEnterprisesChange), "hosted_enterprises of the latest return minus that of 4 quarters before",
            f => f.HostedEnterprisesChange, imputed: 0, min: -100, max: 100, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 1,
            (f, p) => f.HostedEnterprisesChange is { } v
                ? $"Entreprises hébergées : {F.SignedWhole(v)} sur un an (médiane des pairs : {F.Median(p.Median, F.SignedWhole)})"
                : "Entreprises hébergées : pas de retour un an plus tôt pour comparer"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.NetJobsCreated), "sum of jobs_created − jobs_lost over the last 4 quarters' returns",
            f => f.NetJobsCreated, imputed: 0, min: -100, max: 100, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 1,
            (f, p) => $"Emplois créés moins emplois perdus sur les quatre derniers trimestres : {F.SignedWhole(f.NetJobsCreated)} (médiane des pairs : {F.Median(p.Median, F.SignedWhole)})"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.StaffHeadcountChange), "staff_headcount of the latest return minus that of 4 quarters before",
            f => f.StaffHeadcountChange, imputed: 0, min: -100, max: 100, missingSlot: false, riskier: RiskDirection.Lower, shownTo: 1,
            (f, p) => f.StaffHeadcountChange is { } v
                ? $"Effectif salarié : {F.SignedWhole(v)} sur un an (médiane des pairs : {F.Median(p.Median, F.SignedWhole)})"
                : "Effectif salarié : pas de retour un an plus tôt pour comparer"),
        RiskFeatureDefinition.Categorical(
            nameof(RiskFeatures.PremisesStatus), "premises status of the latest return (one-hot)",
            f => f.PremisesStatus, [.. Premises.Select(p => (p.Key, p.SlotSuffix))], risky: [PremisesStatuses.TemporaryAgreement, PremisesStatuses.None],
            (f, p) => Premises.FirstOrDefault(x => string.Equals(x.Key, f.PremisesStatus, StringComparison.Ordinal)) is { Key: not null } known
                ? $"Locaux : {known.French} {F.PeersInSameCase(p.ShareSame)}"
                : "Locaux : statut non déclaré"),
        RiskFeatureDefinition.Flag(
            nameof(RiskFeatures.LeaseEndsWithin12Months), "the latest return's lease or occupancy agreement ends by 12 months after the quarter (not owned)",
            f => f.LeaseEndsWithin12Months, riskyWhen: true,
            (f, p) => (f.LeaseEndsWithin12Months
                ? "Bail ou convention d'occupation se terminant d'ici 12 mois "
                : "Pas de fin de bail ou de convention d'occupation d'ici 12 mois ") + F.PeersInSameCase(p.ShareSame)),
        RiskFeatureDefinition.Flag(
            nameof(RiskFeatures.LocalAuthorityPartner), "a local authority is a partner (latest return)",
            f => f.LocalAuthorityPartner, riskyWhen: false,
            (f, p) => f.LocalAuthorityPartner switch
            {
                true => "Collectivité locale partenaire " + F.PeersInSameCase(p.ShareSame),
                false => "Pas de collectivité locale partenaire " + F.PeersInSameCase(p.ShareSame),
                null => "Partenariat avec une collectivité locale : non déclaré",
            }),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.LateOrMissingReturns), "expected returns of the last 4 quarters missing or accepted after the deadline",
            f => f.LateOrMissingReturns, imputed: 0, min: 0, max: 4, missingSlot: false, riskier: RiskDirection.Higher, shownTo: 0.1,
            (f, p) => $"Retours trimestriels en retard ou manquants : {F.Whole(f.LateOrMissingReturns)} sur les quatre derniers trimestres (médiane des pairs : {F.Median(p.Median, F.Number)})"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.MissedReturnCount), "expected returns of the last 4 quarters with no accepted upload",
            f => f.MissedReturnCount, imputed: 0, min: 0, max: 4, missingSlot: false, riskier: RiskDirection.Higher, shownTo: 0.1,
            (f, p) => $"Retours trimestriels manquants : {F.Whole(f.MissedReturnCount)} sur les quatre derniers trimestres (médiane des pairs : {F.Median(p.Median, F.Number)})"),
        RiskFeatureDefinition.Flag(
            nameof(RiskFeatures.ReturnMissing), "no return accepted for the quarter itself",
            f => f.ReturnMissing, riskyWhen: true,
            (f, p) => $"Retour du {f.Quarter.ToFrench()} {(f.ReturnMissing ? "non reçu" : "reçu")} {F.PeersInSameCase(p.ShareSame)}"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.DistressQuarters), "quarters of the last 4 in distress by the label's definition",
            f => f.DistressQuarters, imputed: 0, min: 0, max: 4, missingSlot: false, riskier: RiskDirection.Higher, shownTo: 0.1,
            (f, p) => $"En difficulté {F.Count(f.DistressQuarters, "trimestre", "trimestres")} sur les quatre derniers (médiane des pairs : {F.Median(p.Median, F.Number)})"),
        RiskFeatureDefinition.Numeric(
            nameof(RiskFeatures.QuartersSinceLabelling), "quarters since the quarter of labelling",
            f => f.QuartersSinceLabelling, imputed: 0, min: 0, max: 40, missingSlot: false, riskier: RiskDirection.None, shownTo: 1,
            (f, p) => $"Ancienneté : {F.Count(f.QuartersSinceLabelling, "trimestre", "trimestres")} depuis la labellisation (médiane des pairs : {F.Median(p.Median, F.Number)})"),
        RiskFeatureDefinition.Flag(
            nameof(RiskFeatures.MinistryDistress), "a distress recorded by the ministry is open (no recovery recorded since)",
            f => f.MinistryDistress, riskyWhen: true,
            (f, p) => (f.MinistryDistress
                ? "Difficultés signalées par le ministère, sans rétablissement enregistré depuis "
                : "Aucune difficulté signalée par le ministère en cours ") + F.PeersInSameCase(p.ShareSame)),
    ];

    /// <summary>The names of the model's feature vector slots, in order (metrics.json lists them).</summary>
    public static IReadOnlyList<string> SlotNames { get; } = [.. Definitions.SelectMany(d => d.SlotNames)];

    /// <summary>For each slot, the index in <see cref="Definitions"/> of the signal it belongs to.</summary>
    internal static IReadOnlyList<int> SlotOwners { get; } =
        [.. Definitions.SelectMany((d, i) => d.SlotNames.Select(_ => i))];

    private static readonly Dictionary<RiskFeatureDefinition, int> Indexes =
        Definitions.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);

    /// <summary>The position of <paramref name="definition"/> in <see cref="Definitions"/>.</summary>
    internal static int IndexOf(RiskFeatureDefinition definition) => Indexes[definition];

    /// <summary>The signal named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No signal has this name.</exception>
    public static RiskFeatureDefinition Find(string name) =>
        Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"No risk feature is named '{name}'.", nameof(name));

    /// <summary>The model's feature vector of <paramref name="features"/>: every slot, missing values imputed, in <see cref="SlotNames"/> order.</summary>
    public static float[] Vector(RiskFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var vector = new float[SlotNames.Count];
        var at = 0;
        foreach (var definition in Definitions)
        {
            var slots = definition.Slots(features);
            slots.CopyTo(vector, at);
            at += slots.Length;
        }

        return vector;
    }
}
