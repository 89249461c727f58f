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

    private RiskFeatureDefinition(
        RiskFeatureKind kind, string name, string description, IReadOnlyList<string> slotNames, string imputation,
        Func<RiskFeatures, double?>? number, Func<RiskFeatures, string?>? category,
        Func<RiskFeatures, float[]> slots, Func<RiskFeatures, PeerFigure, string> reason)
    {
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
    /// A numeric signal: one slot (the value, or <paramref name="imputed"/> when missing, clipped to
    /// [<paramref name="min"/>, <paramref name="max"/>]), and a second slot <c>{name}Missing</c> (1 when missing) if
    /// <paramref name="missingSlot"/>.
    /// </summary>
    internal static RiskFeatureDefinition Numeric(
        string name, string description, Func<RiskFeatures, double?> value, double imputed, double min, double max, bool missingSlot,
        Func<RiskFeatures, PeerFigure, string> reason)
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
            reason);
    }

    /// <summary>A yes/no signal: one slot, 1 for yes (a missing value counts as no).</summary>
    internal static RiskFeatureDefinition Flag(
        string name, string description, Func<RiskFeatures, bool?> value, Func<RiskFeatures, PeerFigure, string> reason) =>
        new(RiskFeatureKind.Flag, name, description, [name], "0 (no)", f => value(f) is { } b ? (b ? 1 : 0) : null, null,
            f => [value(f) == true ? 1f : 0f], reason);

    /// <summary>A categorical signal: one slot per category (one-hot; a missing value is 0 everywhere).</summary>
    internal static RiskFeatureDefinition Categorical(
        string name, string description, Func<RiskFeatures, string?> value, IReadOnlyList<(string Key, string SlotSuffix)> categories,
        Func<RiskFeatures, PeerFigure, string> reason) =>
        new(RiskFeatureKind.Categorical, name, description, [.. categories.Select(c => name + c.SlotSuffix)], "0 in every slot", null, value,
            f =>
            {
                var v = value(f);
                return [.. categories.Select(c => string.Equals(c.Key, v, StringComparison.Ordinal) ? 1f : 0f)];
            },
            reason);
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
