namespace Impact.Analytics.Risk;

/// <summary>
/// One signal of risk scoring, the one place that ties a feature's name to its model slots (with their imputation of
/// missing values) and to its French reason. The name is that of its <see cref="RiskFeatures"/> property
/// (<c>nameof</c>); the scorecard, the model and the reasons all refer to it. The list is <see cref="RiskFeatureCatalog"/>.
/// </summary>
public sealed class RiskFeatureDefinition
{
    private readonly Func<RiskFeatures, double?>? _number;
    private readonly Func<RiskFeatures, string?>? _category;
    private readonly Func<RiskFeatures, float[]> _slots;
    private readonly Func<RiskFeatures, PeerFigure, string> _reason;
    private readonly Func<RiskFeatures, PeerFigure, bool> _worse;

    private RiskFeatureDefinition(
        RiskFeatureKind kind, string name, string description, IReadOnlyList<string> slotNames, string imputation,
        Func<RiskFeatures, double?>? number, Func<RiskFeatures, string?>? category,
        Func<RiskFeatures, float[]> slots, Func<RiskFeatures, PeerFigure, string> reason, Func<RiskFeatures, PeerFigure, bool> worse)
    {
        _worse = worse;
        Kind = kind;
        Name = name;
        Description = description;
        SlotNames = slotNames;
        Imputation = imputation;
        _number = number;
        _category = category;
        _slots = slots;
        _reason = reason;
    }

    /// <summary>The feature's name: its <see cref="RiskFeatures"/> property (<c>nameof</c>).</summary>
    public string Name { get; }

    /// <summary>What it measures, in English, for docs/risk-model.md.</summary>
    public string Description { get; }

    /// <summary>The names of its slots in the model's feature vector, in order (a number, its missing flag, one slot per category…).</summary>
    public IReadOnlyList<string> SlotNames { get; }

    /// <summary>How a missing value enters the model, in English, for docs/risk-model.md.</summary>
    public string Imputation { get; }

    /// <summary>Numeric, yes/no or categorical: numeric signals are compared with the peers' median, the others with the share of peers in the same case.</summary>
    public RiskFeatureKind Kind { get; }

    /// <summary>The measured value of a numeric or yes/no signal (yes = 1), null when missing or categorical.</summary>
    public double? NumberOf(RiskFeatures features) => _number?.Invoke(features);

    /// <summary>The category of a categorical signal, null when missing or numeric.</summary>
    public string? CategoryOf(RiskFeatures features) => _category?.Invoke(features);

    /// <summary>The model's slot values (missing values imputed, extreme values clipped).</summary>
    internal float[] Slots(RiskFeatures features) => _slots(features);

    /// <summary>The French sentence a coach reads: the workshop's value and its peers' median (or share in the same case).</summary>
    internal string Reason(RiskFeatures features, PeerFigure peers) => _reason(features, peers);

    /// <summary>
    /// The workshop stands worse than its peers on this signal, so that it may be given as a reason: a numeric value
    /// strictly beyond the peers' median in the riskier direction; a yes/no or categorical answer in the risky case when at
    /// most half of the peers are in the same case (the median peer is not). Never for a missing value, nor for a signal
    /// with no riskier direction (age in the scheme, investment aid received).
    /// </summary>
    internal bool WorseThanPeers(RiskFeatures features, PeerFigure peers) => _worse(features, peers);

    /// <summary>
    /// A numeric signal: one slot (the value, or <paramref name="imputed"/> when missing, clipped to
    /// [<paramref name="min"/>, <paramref name="max"/>]), and a second slot <c>{name}Missing</c> (1 when missing) if
    /// <paramref name="missingSlot"/>; <paramref name="riskier"/> says which way is worse, <paramref name="shownTo"/> the
    /// precision its reason shows (a value and a median that read the same are not a difference).
    /// </summary>
    internal static RiskFeatureDefinition Numeric(
        string name, string description, Func<RiskFeatures, double?> value, double imputed, double min, double max, bool missingSlot,
        RiskDirection riskier, double shownTo, Func<RiskFeatures, PeerFigure, string> reason)
    {
        var imputation = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{imputed}")
            + (missingSlot ? $", and {name}Missing = 1" : "");
        return new RiskFeatureDefinition(
            RiskFeatureKind.Numeric, name, description, missingSlot ? [name, name + "Missing"] : [name], imputation, value, null,
            f =>
            {
                var v = value(f);
                var slot = (float)Math.Clamp(v ?? imputed, min, max);
                return missingSlot ? [slot, v is null ? 1f : 0f] : [slot];
            },
            reason,
            (f, p) => value(f) is { } v && p.Median is { } median && riskier switch
            {
                // Compared as the coach reads them: "2,0 (médiane des pairs : 2,0)" would say nothing.
                RiskDirection.Higher => Shown(v, shownTo) > Shown(median, shownTo),
                RiskDirection.Lower => Shown(v, shownTo) < Shown(median, shownTo),
                _ => false,
            });
    }

    /// <summary>A value as its reason shows it: rounded to <paramref name="step"/> (0.1 for "2,0 mois", 0.01 for "52 %").</summary>
    private static double Shown(double value, double step) => Math.Round(value / step, MidpointRounding.AwayFromZero);

    /// <summary>A yes/no signal: one slot, 1 for yes (a missing value counts as no); <paramref name="riskyWhen"/> is the risky answer.</summary>
    internal static RiskFeatureDefinition Flag(
        string name, string description, Func<RiskFeatures, bool?> value, bool riskyWhen, Func<RiskFeatures, PeerFigure, string> reason) =>
        new(RiskFeatureKind.Flag, name, description, [name], "0 (no)", f => value(f) is { } b ? (b ? 1 : 0) : null, null,
            f => [value(f) == true ? 1f : 0f], reason,
            (f, p) => value(f) == riskyWhen && p.ShareSame is <= 0.5);

    /// <summary>A categorical signal: one slot per category (one-hot; a missing value is 0 everywhere).</summary>
    internal static RiskFeatureDefinition Categorical(
        string name, string description, Func<RiskFeatures, string?> value, IReadOnlyList<(string Key, string SlotSuffix)> categories,
        IReadOnlyList<string> risky, Func<RiskFeatures, PeerFigure, string> reason) =>
        new(RiskFeatureKind.Categorical, name, description, [.. categories.Select(c => name + c.SlotSuffix)], "0 in every slot", null, value,
            f =>
            {
                var v = value(f);
                return [.. categories.Select(c => string.Equals(c.Key, v, StringComparison.Ordinal) ? 1f : 0f)];
            },
            reason,
            (f, p) => value(f) is { } v && risky.Contains(v, StringComparer.Ordinal) && p.ShareSame is <= 0.5);
}

/// <summary>Which way a numeric signal is riskier.</summary>
public enum RiskDirection
{
    /// <summary>Neither way: never a reason on its own (age in the scheme, investment aid received).</summary>
    None,

    /// <summary>A lower value is riskier (cash runway, own revenue, their trends).</summary>
    Lower,

    /// <summary>A higher value is riskier (missed or late returns, quarters in distress).</summary>
    Higher,
}

/// <summary>The kinds of risk signals.</summary>
public enum RiskFeatureKind
{
    /// <summary>A number (missing values imputed for the model); compared with the peers' median.</summary>
    Numeric,

    /// <summary>Yes or no; compared with the share of peers giving the same answer.</summary>
    Flag,

    /// <summary>One of a few categories (one-hot for the model); compared with the share of peers in the same category.</summary>
    Categorical,
}

/// <summary>
/// How the peers of a workshop stand on one signal: the median of their values (numeric signals; null when none has a
/// value) and the share of them in the same case (yes/no and categorical signals: same answer, same category).
/// </summary>
/// <param name="Median">The peers' median (type 7), null when no peer has a value.</param>
/// <param name="ShareSame">The share of peers with the same value as the workshop (0 to 1), null for numeric signals.</param>
internal readonly record struct PeerFigure(double? Median, double? ShareSame);
