using System.Globalization;
using Impact.Analytics.Indicators;

namespace Impact.Analytics.Risk;

/// <summary>
/// The peers a workshop is compared with in its reasons: the workshops scored in the same quarter and of the same labelling
/// wave (same age in the scheme, so comparable ramp-up and support phase), the workshop itself included; when a wave has
/// fewer than <see cref="RiskOptions.MinimumPeers"/> workshops that quarter, every workshop scored in the quarter.
/// Figures are computed once per group and signal.
/// </summary>
internal sealed class RiskPeers
{
    private readonly Dictionary<(Quarter Quarter, int? Wave), List<RiskFeatures>> _groups = [];
    private readonly Dictionary<(Quarter Quarter, int? Wave, int Definition), Statistics> _statistics = [];
    private readonly Dictionary<(Quarter Quarter, int? Wave), float[]> _baselines = [];
    private readonly int _minimumPeers;

    public RiskPeers(IReadOnlyList<RiskFeatures> scored, RiskOptions options)
    {
        _minimumPeers = options.MinimumPeers;
        foreach (var f in scored)
        {
            Add((f.Quarter, f.Wave), f);
            Add((f.Quarter, null), f);
        }
    }

    /// <summary>How the peers of <paramref name="features"/> stand on <paramref name="definition"/>.</summary>
    public PeerFigure Figure(RiskFeatures features, RiskFeatureDefinition definition)
    {
        var (quarter, wave) = GroupOf(features);
        var index = RiskFeatureCatalog.IndexOf(definition);
        if (!_statistics.TryGetValue((quarter, wave, index), out var statistics))
        {
            statistics = Statistics.Of(_groups[(quarter, wave)], definition);
            _statistics[(quarter, wave, index)] = statistics;
        }

        if (definition.Kind == RiskFeatureKind.Numeric)
        {
            return new PeerFigure(statistics.Median, null);
        }

        return Key(definition, features) is { } key && statistics.Answered > 0
            ? new PeerFigure(null, (double)statistics.Counts.GetValueOrDefault(key) / statistics.Answered)
            : new PeerFigure(null, null);
    }

    /// <summary>
    /// The typical peer of <paramref name="features"/> as a model vector: the median of the peers' values in every slot.
    /// Model reasons compare a workshop's feature contributions with this vector's.
    /// </summary>
    public float[] Baseline(RiskFeatures features)
    {
        var key = GroupOf(features);
        if (!_baselines.TryGetValue(key, out var baseline))
        {
            var vectors = _groups[key].Select(RiskFeatureCatalog.Vector).ToList();
            baseline = new float[RiskFeatureCatalog.SlotNames.Count];
            var slot = new decimal[vectors.Count];
            for (var i = 0; i < baseline.Length; i++)
            {
                for (var v = 0; v < vectors.Count; v++)
                {
                    slot[v] = (decimal)vectors[v][i];
                }

                Array.Sort(slot);
                baseline[i] = (float)Quantile.OfSorted(slot, 0.5m);
            }

            _baselines[key] = baseline;
        }

        return baseline;
    }

    /// <summary>The answer compared for a yes/no or categorical signal: the category, or 1 / 0.</summary>
    private static string? Key(RiskFeatureDefinition definition, RiskFeatures features) =>
        definition.Kind == RiskFeatureKind.Categorical
            ? definition.CategoryOf(features)
            : definition.NumberOf(features)?.ToString(CultureInfo.InvariantCulture);

    private (Quarter Quarter, int? Wave) GroupOf(RiskFeatures features)
    {
        var wave = (features.Quarter, (int?)features.Wave);
        return _groups.TryGetValue(wave, out var peers) && peers.Count >= _minimumPeers ? wave : (features.Quarter, null);
    }

    private void Add((Quarter, int?) key, RiskFeatures features)
    {
        if (!_groups.TryGetValue(key, out var list))
        {
            list = [];
            _groups[key] = list;
        }

        list.Add(features);
    }

    /// <summary>One group's figures on one signal: the median (type 7) of the values, or the count of each answer.</summary>
    private sealed record Statistics(double? Median, Dictionary<string, int> Counts, int Answered)
    {
        public static Statistics Of(List<RiskFeatures> peers, RiskFeatureDefinition definition)
        {
            if (definition.Kind == RiskFeatureKind.Numeric)
            {
                var values = peers.Select(definition.NumberOf).OfType<double>().Select(v => (decimal)v).Order().ToList();
                return new Statistics(values.Count == 0 ? null : (double)Quantile.OfSorted(values, 0.5m), [], values.Count);
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var answered = 0;
            foreach (var peer in peers)
            {
                if (Key(definition, peer) is { } key)
                {
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                    answered++;
                }
            }

            return new Statistics(null, counts, answered);
        }
    }
}
