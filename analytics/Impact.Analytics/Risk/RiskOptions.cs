using System.ComponentModel.DataAnnotations;
using Impact.Analytics.Settings;

namespace Impact.Analytics.Risk;

/// <summary>
/// The settings of risk scoring: labels, features, training and levels. Immutable; every default is documented in
/// docs/risk-model.md and can be overridden by the caller (the pipeline binds them from its settings).
/// </summary>
public sealed record RiskOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Risk";

    /// <summary>The label's horizon: distress at any of the next this-many quarters (DOMAIN.md: four).</summary>
    [Range(1, 12, ErrorMessage = "attendu un horizon de {1} à {2} trimestres")]
    public int HorizonQuarters { get; init; } = 4;

    /// <summary>The seed of training: <c>new MLContext(seed)</c>, the fold assignment and the trainers (default 42).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Folds of the cross-validation grouped by workshop (default 5).</summary>
    [Range(2, 20, ErrorMessage = "attendu de {1} à {2} plis")]
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Folds of the inner cross-validation (grouped by workshop, within each outer training fold) that chooses the trainer
    /// and its hyperparameters (default 4): the outer folds that report never choose.
    /// </summary>
    [Range(2, 20, ErrorMessage = "attendu de {1} à {2} plis")]
    public int InnerFolds { get; init; } = 4;

    /// <summary>
    /// Fewest labelled rows of each class (in distress within the horizon, and not) for training to run (default 10): with
    /// fewer, training records « pas entraîné » and what serves keeps serving.
    /// </summary>
    [Range(2, 100_000, ErrorMessage = "attendu de {1} à {2} lignes")]
    public int MinimumClassRows { get; init; } = 10;

    /// <summary>
    /// The learned trainers tried, in order (default: L2 logistic regression and LightGbm; <see cref="RiskTrainer.FastTree"/>
    /// and <see cref="RiskTrainer.Gam"/> can be added), each over its small grid of hyperparameters
    /// (<see cref="RiskModelConfig.Grid"/>); nested cross-validation chooses among them.
    /// </summary>
    public IReadOnlyList<RiskTrainer> Trainers { get; init; } = [RiskTrainer.LogisticRegression, RiskTrainer.LightGbm];

    /// <summary>
    /// Alerts a quarter that coaches can follow up nationally (default 20: about ten coaches with two alerts each); the
    /// second k of the precision at the top k.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "attendu de {1} à {2} alertes par trimestre")]
    public int AlertCapacity { get; init; } = 20;

    /// <summary>
    /// How much worse (higher) the learned model's Brier score may be than each baseline's calibrated one and still be
    /// chosen (default 0: no worse). A model that ranks better but whose probabilities are worse is not trusted.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "attendu de {1} à {2}")]
    public double BrierTolerance { get; init; }

    /// <summary>The learned model's probability from which a workshop is amber (default 0.30).</summary>
    public double ModelAmberProbability { get; init; } = 0.30;

    /// <summary>The learned model's probability from which a workshop is red (default 0.60).</summary>
    public double ModelRedProbability { get; init; } = 0.60;

    /// <summary>The scorecard's total from which a workshop is amber (default 25 points of 100).</summary>
    [Range(1, 100, ErrorMessage = "attendu de {1} à {2} points")]
    public int ScorecardAmberPoints { get; init; } = 25;

    /// <summary>The scorecard's total from which a workshop is red (default 40 points of 100).</summary>
    [Range(1, 100, ErrorMessage = "attendu de {1} à {2} points")]
    public int ScorecardRedPoints { get; init; } = 40;

    /// <summary>The runway rule's red level: a cash runway under this many months (default 1, the distress level).</summary>
    [Range(-12.0, 12.0, ErrorMessage = "attendu de {1} à {2} mois")]
    public double RunwayRedMonths { get; init; } = 1;

    /// <summary>The runway rule's amber level: a cash runway under this many months (default 3).</summary>
    [Range(-12.0, 24.0, ErrorMessage = "attendu de {1} à {2} mois")]
    public double RunwayAmberMonths { get; init; } = 3;

    /// <summary>Reasons given with each score, at most (default 3).</summary>
    [Range(0, 10, ErrorMessage = "attendu de {1} à {2} raisons")]
    public int ReasonCount { get; init; } = 3;

    /// <summary>
    /// Fewest peers (same quarter and wave) for a peer median; with fewer, the peers are every workshop scored in the
    /// quarter (default 5).
    /// </summary>
    [Range(1, 1000, ErrorMessage = "attendu de {1} à {2} pairs")]
    public int MinimumPeers { get; init; } = 5;

    /// <summary>Default settings.</summary>
    public static RiskOptions Default { get; } = new();

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ImpactException">A setting is outside its range; the message names it and says what is valid.</exception>
    public void Check() => SettingsCheck.Checked(this, Section);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ScorecardRedPoints < ScorecardAmberPoints)
        {
            yield return new ValidationResult($"attendu au moins {nameof(ScorecardAmberPoints)} ({ScorecardAmberPoints})", [nameof(ScorecardRedPoints)]);
        }

        if (RunwayAmberMonths < RunwayRedMonths)
        {
            yield return new ValidationResult($"attendu au moins {nameof(RunwayRedMonths)} ({RunwayRedMonths})", [nameof(RunwayAmberMonths)]);
        }

        if (Trainers is null || Trainers.Count == 0 || Trainers.Distinct().Count() != Trainers.Count)
        {
            yield return new ValidationResult("attendu au moins un algorithme, chacun une fois", [nameof(Trainers)]);
        }

        if (!(ModelAmberProbability is > 0 and < 1))
        {
            yield return new ValidationResult("attendu une probabilité strictement entre 0 et 1", [nameof(ModelAmberProbability)]);
        }

        if (!(ModelRedProbability >= ModelAmberProbability && ModelRedProbability < 1))
        {
            yield return new ValidationResult($"attendu une probabilité d'au moins {nameof(ModelAmberProbability)} et inférieure à 1", [nameof(ModelRedProbability)]);
        }
    }
}
