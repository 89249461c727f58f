namespace Impact.Analytics.Risk;

/// <summary>
/// Scores every workshop active at a quarter (labelled, within its reporting window, not closed) with the source in
/// service (<see cref="RiskServing"/>): the learned model, the scorecard or the runway rule. Each score has at most
/// <see cref="RiskOptions.ReasonCount"/> reasons in French, in the order of their contribution, each naming a signal on
/// which the workshop stands worse than its peers (value and peers' median); a signal equal to or better than the peers'
/// median is never given. When nothing stands out, the one reason says so (<see cref="NothingStandsOut"/>).
/// </summary>
public static class RiskScorer
{
    /// <summary>The reason given when no signal of the workshop is worse than its peers'.</summary>
    public const string NothingStandsOut = "Rien ne distingue cette manufacture de ses pairs : aucun des signaux suivis n'y est moins bon que leur médiane.";

    /// <summary>The scores at <paramref name="asOf"/>, sorted by workshop identifier (ordinal).</summary>
    /// <param name="histories">The histories (anything after <paramref name="asOf"/> is ignored).</param>
    /// <param name="asOf">The quarter scored.</param>
    /// <param name="served">What scores: <see cref="RiskServing.Of"/> the version in service, or <see cref="RiskServing.Untrained"/>.</param>
    /// <param name="options">Levels, reasons and peers.</param>
    public static IReadOnlyList<RiskScore> Score(IReadOnlyList<WorkshopHistory> histories, Quarter asOf, RiskServing served, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(served);
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        var features = RiskFeatureCalculator.ComputeActive([.. histories.OrderBy(h => h.WorkshopId, StringComparer.Ordinal)], asOf, options);
        var peers = new RiskPeers(features, options);
        return served.Source switch
        {
            RiskSources.Model when served.Model is { } model => ByModel(features, peers, model, options),
            RiskSources.Runway => ByRunway(features, peers, served.Calibration, options),
            RiskSources.Scorecard => ByScorecard(features, peers, served.Calibration, options),
            _ => throw new ArgumentException($"No way to score with source '{served.Source}'.", nameof(served)),
        };
    }

    private static List<RiskScore> ByScorecard(IReadOnlyList<RiskFeatures> features, RiskPeers peers, RiskCalibration? calibration, RiskOptions options)
    {
        var scores = new List<RiskScore>(features.Count);
        foreach (var f in features)
        {
            var result = RiskScorecard.Score(f);
            var reasons = Reasons(f, peers, result.Signals.Select(s => RiskFeatureCatalog.Find(s.Feature)), options);
            var score = calibration is null ? result.Points / (double)RiskScorecard.MaxPoints : calibration.Probability(RiskBaselines.ScorecardRank(result.Points, f));
            scores.Add(new RiskScore(f.WorkshopId, f.Quarter, score, RiskScorecard.Level(result.Points, options), RiskSources.Scorecard, reasons));
        }

        return scores;
    }

    private static List<RiskScore> ByRunway(IReadOnlyList<RiskFeatures> features, RiskPeers peers, RiskCalibration? calibration, RiskOptions options)
    {
        var runway = RiskFeatureCatalog.Find(nameof(RiskFeatures.CashRunwayMonths));
        return
        [
            .. features.Select(f => new RiskScore(f.WorkshopId, f.Quarter,
                calibration?.Probability(RiskBaselines.RunwayRank(f)) ?? RiskBaselines.RunwayRank(f),
                RiskBaselines.RunwayLevel(f, options), RiskSources.Runway, Reasons(f, peers, [runway], options))),
        ];
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

            var pushing = Enumerable.Range(0, definitions.Count)
                .Where(d => bySignal[d] > 0)
                .OrderByDescending(d => bySignal[d])
                .ThenBy(d => d)
                .Select(d => definitions[d]);
            scores.Add(new RiskScore(f.WorkshopId, f.Quarter, probability, Level(probability, options), RiskSources.Model, Reasons(f, peers, pushing, options)));
        }

        return scores;
    }

    /// <summary>
    /// The reasons: of <paramref name="signals"/> (in the order of their contribution), those on which the workshop is worse
    /// than its peers, at most <see cref="RiskOptions.ReasonCount"/>; <see cref="NothingStandsOut"/> alone when none is.
    /// </summary>
    private static List<string> Reasons(RiskFeatures f, RiskPeers peers, IEnumerable<RiskFeatureDefinition> signals, RiskOptions options)
    {
        var reasons = signals
            .Select(d => (Definition: d, Peers: peers.Figure(f, d)))
            .Where(x => x.Definition.WorseThanPeers(f, x.Peers))
            .Take(options.ReasonCount)
            .Select(x => x.Definition.Reason(f, x.Peers))
            .ToList();
        return reasons.Count == 0 && options.ReasonCount > 0 ? [NothingStandsOut] : reasons;
    }

    /// <summary>The level of a model probability: red from <see cref="RiskOptions.ModelRedProbability"/>, amber from <see cref="RiskOptions.ModelAmberProbability"/>.</summary>
    public static RiskLevel Level(double probability, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return probability >= options.ModelRedProbability ? RiskLevel.Red : probability >= options.ModelAmberProbability ? RiskLevel.Amber : RiskLevel.Green;
    }
}
