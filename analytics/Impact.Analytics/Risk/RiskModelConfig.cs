using System.Globalization;

namespace Impact.Analytics.Risk;

/// <summary>
/// One learned trainer with its hyperparameters: a point of the grid that nested cross-validation chooses from. Regularised
/// for small data (about 100 workshops and a few dozen positives): L2 logistic regression on standardised features, shallow
/// boosted trees with large leaves.
/// </summary>
/// <param name="Trainer">The trainer.</param>
/// <param name="L2">The L2 penalty (logistic regression).</param>
/// <param name="Leaves">Leaves per tree (boosted trees).</param>
/// <param name="MinimumLeafRows">Fewest rows in a leaf (boosted trees, GAM).</param>
/// <param name="Trees">Boosting iterations (boosted trees, GAM).</param>
/// <param name="LearningRate">Learning rate (boosted trees, GAM).</param>
public sealed record RiskModelConfig(RiskTrainer Trainer, double L2, int Leaves, int MinimumLeafRows, int Trees, double LearningRate)
{
    /// <summary>The trainer's name and its hyperparameters, as metrics.json writes them: <c>light_gbm(leaves=4, min_leaf=40, trees=100, rate=0.05)</c>.</summary>
    public string Name => Trainer switch
    {
        RiskTrainer.LogisticRegression => string.Create(CultureInfo.InvariantCulture, $"{RiskTrainers.Name(Trainer)}(l2={L2})"),
        RiskTrainer.Gam => string.Create(CultureInfo.InvariantCulture, $"{RiskTrainers.Name(Trainer)}(min_leaf={MinimumLeafRows}, iterations={Trees}, rate={LearningRate})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{RiskTrainers.Name(Trainer)}(leaves={Leaves}, min_leaf={MinimumLeafRows}, trees={Trees}, rate={LearningRate})"),
    };

    /// <summary>
    /// The grid of <paramref name="trainer"/>, simplest first (a tie in the inner folds keeps the simpler):
    /// logistic regression with L2 of 10, 1 and 0.1 (no L1); boosted trees of 4 leaves with 40 rows a leaf, 4 leaves with
    /// 20, and 8 leaves with 40, 100 trees at 0.05; the GAM with 40 rows a leaf, 200 iterations at 0.03.
    /// </summary>
    public static IReadOnlyList<RiskModelConfig> Grid(RiskTrainer trainer) => trainer switch
    {
        RiskTrainer.LogisticRegression =>
        [
            new(trainer, 10, 0, 0, 0, 0),
            new(trainer, 1, 0, 0, 0, 0),
            new(trainer, 0.1, 0, 0, 0, 0),
        ],
        RiskTrainer.FastTree or RiskTrainer.LightGbm =>
        [
            new(trainer, 0, 4, 40, 100, 0.05),
            new(trainer, 0, 4, 20, 100, 0.05),
            new(trainer, 0, 8, 40, 100, 0.05),
        ],
        RiskTrainer.Gam => [new(trainer, 0, 0, 40, 200, 0.03)],
        _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "Unknown trainer."),
    };
}
