namespace Impact.Analytics.Risk;

/// <summary>One labelled row of training: the features known at a quarter and whether distress followed within the horizon.</summary>
/// <param name="Features">The features of the workshop at the quarter.</param>
/// <param name="Label">Distress at any of the next <see cref="RiskOptions.HorizonQuarters"/> quarters.</param>
public sealed record RiskTrainingRow(RiskFeatures Features, bool Label);

/// <summary>
/// What <see cref="RiskModelTrainer.Train"/> produces: the learned model (an ML.NET model zip, the same bytes for the same
/// data and seed) and its metrics. The pipeline stores them as <c>models/risk/{version}/model.zip</c> and
/// <c>metrics.json</c>; the model serves only when <see cref="ServesModel"/>, otherwise the scorecard does.
/// </summary>
/// <param name="Model">The retained learned trainer fitted on every row, as <c>MLContext.Model.Save</c> writes it (entry times fixed).</param>
/// <param name="Metrics">The run's figures and decision (metrics.json).</param>
public sealed record TrainingResult(ReadOnlyMemory<byte> Model, RiskMetrics Metrics)
{
    /// <summary>The learned model beat the scorecard and serves; false when the scorecard serves.</summary>
    public bool ServesModel => string.Equals(Metrics.ChosenSource, RiskSources.Model, StringComparison.Ordinal);
}
