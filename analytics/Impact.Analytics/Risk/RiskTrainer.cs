namespace Impact.Analytics.Risk;

/// <summary>The learned binary classifiers <see cref="RiskModelTrainer"/> can try.</summary>
public enum RiskTrainer
{
    /// <summary>Logistic regression with L1 and L2 regularisation, fitted by L-BFGS on mean-variance normalised features.</summary>
    LogisticRegression,

    /// <summary>Generalised additive model (boosted shape functions, one per feature), Platt-calibrated.</summary>
    Gam,

    /// <summary>FastTree gradient-boosted trees (MART), Platt-calibrated.</summary>
    FastTree,

    /// <summary>LightGBM gradient-boosted trees, Platt-calibrated.</summary>
    LightGbm,
}

/// <summary>The names of <see cref="RiskTrainer"/> values as metrics.json writes them.</summary>
public static class RiskTrainers
{
    /// <summary><c>lbfgs_logistic_regression</c>, <c>fast_tree</c> or <c>light_gbm</c>.</summary>
    public static string Name(RiskTrainer trainer) => trainer switch
    {
        RiskTrainer.LogisticRegression => "lbfgs_logistic_regression",
        RiskTrainer.Gam => "gam",
        RiskTrainer.FastTree => "fast_tree",
        RiskTrainer.LightGbm => "light_gbm",
        _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "Unknown trainer."),
    };
}
