namespace Impact.Analytics.Risk;

/// <summary>
/// What scores the workshops: the source chosen by the last training run in service (docs/risk-model.md, "Selection"),
/// with what it needs: the learned model, or the baseline's calibration. Before any training, the scorecard alone, whose
/// score is then its points / 100.
/// </summary>
/// <param name="Source"><see cref="RiskSources.Scorecard"/>, <see cref="RiskSources.Runway"/> or <see cref="RiskSources.Model"/>.</param>
/// <param name="Model">The learned model when it serves.</param>
/// <param name="Calibration">The served baseline's calibration (its ranking score to a probability); null before any training.</param>
/// <param name="Version">The training version in service, when there is one.</param>
public sealed record RiskServing(string Source, RiskModel? Model, RiskCalibration? Calibration, string? Version)
{
    /// <summary>Nothing trained yet: the scorecard, uncalibrated.</summary>
    public static RiskServing Untrained { get; } = new(RiskSources.Scorecard, null, null, null);

    /// <summary>The learned model <paramref name="model"/>.</summary>
    public static RiskServing Learned(RiskModel model, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(RiskSources.Model, model, null, version);
    }

    /// <summary>
    /// What a training version serves: its learned model (loaded by <paramref name="loadModel"/> only then) or its better
    /// baseline with the calibration fitted on every row.
    /// </summary>
    public static RiskServing Of(RiskMetrics metrics, Func<RiskModel> loadModel, string? version)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(loadModel);
        return metrics.ChosenSource switch
        {
            RiskSources.Model => new(RiskSources.Model, loadModel(), null, version),
            RiskSources.Runway => new(RiskSources.Runway, null, metrics.RunwayCalibration, version),
            _ => new(RiskSources.Scorecard, null, metrics.ScorecardCalibration, version),
        };
    }
}
