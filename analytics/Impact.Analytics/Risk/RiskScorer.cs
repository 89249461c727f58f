namespace Impact.Analytics.Risk;

/// <summary>
/// Scores every workshop active at a quarter (labelled, within its reporting window, not closed): with the learned model
/// when one is given, otherwise with the scorecard. Each score has its top reasons in French with the workshop's value and
/// its peers' median: from the scorecard's points, or from the model's feature contributions compared with those of the
/// typical peer (the peers' median in every slot), so that a reason says why this workshop is riskier than its peers.
/// </summary>
public static class RiskScorer
{
    /// <summary>The scores at <paramref name="asOf"/>, sorted by workshop identifier (ordinal).</summary>
    /// <param name="histories">The histories (anything after <paramref name="asOf"/> is ignored).</param>
    /// <param name="asOf">The quarter scored.</param>
    /// <param name="model">The learned model when it serves (<see cref="TrainingResult.ServesModel"/>); null for the scorecard.</param>
    /// <param name="options">Levels, reasons and peers.</param>
    public static IReadOnlyList<RiskScore> Score(IReadOnlyList<WorkshopHistory> histories, Quarter asOf, RiskModel? model, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        var features = RiskFeatureCalculator.ComputeActive([.. histories.OrderBy(h => h.WorkshopId, StringComparer.Ordinal)], asOf, options);
        var peers = new RiskPeers(features, options);
        return model is null ? ByScorecard(features, peers, options) : ByModel(features, peers, model, options);
    }

    private static List<RiskScore> ByScorecard(IReadOnlyList<RiskFeatures> features, RiskPeers peers, RiskOptions options)
    {
        var scores = new List<RiskScore>(features.Count);
        foreach (var f in features)
        {
            var result = RiskScorecard.Score(f);
            var reasons = result.Signals
                .Take(options.ReasonCount)
                .Select(s => RiskFeatureCatalog.Find(s.Feature))
                .Select(d => d.Reason(f, peers.Figure(f, d)))
                .ToList();
            scores.Add(new RiskScore(f.WorkshopId, f.Quarter, result.Points / (double)RiskScorecard.MaxPoints,
                RiskScorecard.Level(result.Points, options), RiskSources.Scorecard, reasons));
        }

        return scores;
    }

    private static List<RiskScore> ByModel(IReadOnlyList<RiskFeatures> features, RiskPeers peers, RiskModel model, RiskOptions options)
    {
        // One batch: the workshops' vectors, then each distinct peer baseline once.
        var vectors = features.Select(RiskFeatureCatalog.Vector).ToList();
        var baselines = new List<float[]>();
        var baselineOf = new int[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            var baseline = peers.Baseline(features[i]);
            var at = baselines.FindIndex(b => ReferenceEquals(b, baseline));
            if (at < 0)
            {
                at = baselines.Count;
                baselines.Add(baseline);
            }

            baselineOf[i] = at;
        }

        var predictions = features.Count == 0 ? [] : model.Predict([.. vectors, .. baselines]);
        var scores = new List<RiskScore>(features.Count);
        var definitions = RiskFeatureCatalog.Definitions;
        for (var i = 0; i < features.Count; i++)
        {
            var f = features[i];
            var (probability, contributions) = predictions[i];
            var typical = predictions[features.Count + baselineOf[i]].Contributions;
            var bySignal = new double[definitions.Count];
            for (var slot = 0; slot < contributions.Length; slot++)
            {
                bySignal[RiskFeatureCatalog.SlotOwners[slot]] += contributions[slot] - typical[slot];
            }

            var reasons = Enumerable.Range(0, definitions.Count)
                .Where(d => bySignal[d] > 0)
                .OrderByDescending(d => bySignal[d])
                .ThenBy(d => d)
                .Take(options.ReasonCount)
                .Select(d => definitions[d].Reason(f, peers.Figure(f, definitions[d])))
                .ToList();
            scores.Add(new RiskScore(f.WorkshopId, f.Quarter, probability, Level(probability, options), RiskSources.Model, reasons));
        }

        return scores;
    }

    /// <summary>The level of a model probability: red from <see cref="RiskOptions.ModelRedProbability"/>, amber from <see cref="RiskOptions.ModelAmberProbability"/>.</summary>
    public static RiskLevel Level(double probability, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return probability >= options.ModelRedProbability ? RiskLevel.Red : probability >= options.ModelAmberProbability ? RiskLevel.Amber : RiskLevel.Green;
    }
}
