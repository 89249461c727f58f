using Impact.Analytics.Validation;

namespace Impact.Analytics.Risk;

/// <summary>
/// The settings of risk scoring: labels, features, training and levels. Immutable; every default is documented in
/// docs/risk-model.md and can be overridden by the caller (the pipeline binds them from its settings).
/// </summary>
public sealed record RiskOptions
{
    /// <summary>
    /// Quarters of follow-up after the quarter in which support ends, during which returns are expected (DOMAIN.md: four,
    /// a setting; the same as <see cref="Indicators.CompletenessOptions.FollowUpQuarters"/>).
    /// </summary>
    public int FollowUpQuarters { get; init; } = ValidationContext.DefaultFollowUpQuarters;

    /// <summary>Days after the last day of a quarter during which its return is on time (default 30, as completeness).</summary>
    public int DeadlineDays { get; init; } = 30;

    /// <summary>The label's horizon: distress at any of the next this-many quarters (DOMAIN.md: four).</summary>
    public int HorizonQuarters { get; init; } = 4;

    /// <summary>The seed of training: <c>new MLContext(seed)</c>, the fold assignment and the trainers (default 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Folds of the cross-validation grouped by workshop (default 5).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// The learned trainers tried, in order (default: logistic regression, FastTree, LightGbm; <see cref="RiskTrainer.Gam"/>
    /// can be added); the best on out-of-fold AUPRC competes with the scorecard.
    /// </summary>
    public IReadOnlyList<RiskTrainer> Trainers { get; init; } = [RiskTrainer.LogisticRegression, RiskTrainer.FastTree, RiskTrainer.LightGbm];

    /// <summary>
    /// Alerts a quarter that coaches can follow up nationally (default 20: about ten coaches with two alerts each); the
    /// second k of the precision at the top k.
    /// </summary>
    public int AlertCapacity { get; init; } = 20;

    /// <summary>
    /// How much worse (higher) the learned model's Brier score may be than the scorecard's calibrated one and still be
    /// chosen (default 0.005): a model that ranks better but whose probabilities are clearly worse is not trusted.
    /// </summary>
    public double BrierTolerance { get; init; } = 0.005;

    /// <summary>The learned model's probability from which a workshop is amber (default 0.30).</summary>
    public double ModelAmberProbability { get; init; } = 0.30;

    /// <summary>The learned model's probability from which a workshop is red (default 0.60).</summary>
    public double ModelRedProbability { get; init; } = 0.60;

    /// <summary>The scorecard's total from which a workshop is amber (default 25 points of 100).</summary>
    public int ScorecardAmberPoints { get; init; } = 25;

    /// <summary>The scorecard's total from which a workshop is red (default 40 points of 100).</summary>
    public int ScorecardRedPoints { get; init; } = 40;

    /// <summary>Reasons given with each score, at most (default 3).</summary>
    public int ReasonCount { get; init; } = 3;

    /// <summary>
    /// Fewest peers (same quarter and wave) for a peer median; with fewer, the peers are every workshop scored in the
    /// quarter (default 5).
    /// </summary>
    public int MinimumPeers { get; init; } = 5;

    /// <summary>Default settings.</summary>
    public static RiskOptions Default { get; } = new();

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message says which range.</exception>
    public void Check()
    {
        Range(FollowUpQuarters, 0, 40, nameof(FollowUpQuarters));
        Range(DeadlineDays, 0, 365, nameof(DeadlineDays));
        Range(HorizonQuarters, 1, 12, nameof(HorizonQuarters));
        Range(Folds, 2, 20, nameof(Folds));
        Range(AlertCapacity, 1, 100_000, nameof(AlertCapacity));
        Range(ScorecardAmberPoints, 1, 100, nameof(ScorecardAmberPoints));
        Range(ScorecardRedPoints, ScorecardAmberPoints, 100, nameof(ScorecardRedPoints));
        Range(ReasonCount, 0, 10, nameof(ReasonCount));
        Range(MinimumPeers, 1, 1000, nameof(MinimumPeers));
        if (Trainers is null || Trainers.Count == 0 || Trainers.Distinct().Count() != Trainers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(Trainers), "Expected at least one trainer, each once.");
        }

        if (!(ModelAmberProbability is > 0 and < 1) || !(ModelRedProbability >= ModelAmberProbability && ModelRedProbability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ModelAmberProbability), "Expected 0 < amber ≤ red < 1.");
        }

        if (!(BrierTolerance is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BrierTolerance), BrierTolerance, "Expected 0 to 1.");
        }
    }

    private static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected {min} to {max}.");
        }
    }
}
