using System.Globalization;

namespace Impact.Analytics.Evaluation;

/// <summary>How <see cref="ImpactEstimator"/> measures uncertainty. Immutable; the defaults are those of <c>impact evaluate</c>.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The default number of bootstrap draws.</summary>
    public const int DefaultBootstrap = 999;

    /// <summary>The fewest bootstrap draws accepted: with fewer, a 95% quantile or a 5% p-value cannot be read off the draws.</summary>
    public const int MinBootstrap = 19;

    /// <summary>The most bootstrap draws accepted.</summary>
    public const int MaxBootstrap = 100_000;

    /// <summary>
    /// Bootstrap draws B (default 999, so that the 95% quantiles fall on a draw and a p-value reads in steps of 1/1000).
    /// Each draw costs one pass over the units of every group-time cell.
    /// </summary>
    public int Bootstrap { get; init; } = DefaultBootstrap;

    /// <summary>The seed of the bootstrap's random weights (default 1): the same panel, outcome, B and seed give identical results.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The options, checked.</summary>
    /// <exception cref="ImpactException">B is outside [<see cref="MinBootstrap"/>, <see cref="MaxBootstrap"/>]; the message is French.</exception>
    public EvaluationOptions Validated() =>
        Bootstrap is < MinBootstrap or > MaxBootstrap
            ? throw new ImpactException(string.Create(CultureInfo.InvariantCulture,
                $"Nombre de tirages bootstrap invalide : {Bootstrap} (attendu entre {MinBootstrap} et {MaxBootstrap}, par défaut {DefaultBootstrap})."))
            : this;
}
