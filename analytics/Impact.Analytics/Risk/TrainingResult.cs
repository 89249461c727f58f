using System.Diagnostics.CodeAnalysis;

namespace Impact.Analytics.Risk;

/// <summary>One labelled row of training: the features known at a quarter and whether distress followed within the horizon.</summary>
/// <param name="Features">The features of the workshop at the quarter.</param>
/// <param name="Label">Distress at any of the next <see cref="RiskOptions.HorizonQuarters"/> quarters.</param>
public sealed record RiskTrainingRow(RiskFeatures Features, bool Label);

/// <summary>
/// What <see cref="RiskModelTrainer.Train"/> produces: the learned model (an ML.NET model zip, the same bytes for the same
/// data and seed) and its metrics, or why it could not train. The pipeline stores them as
/// <c>models/risk/{version}/model.zip</c> and <c>metrics.json</c> (or <c>not-trained.json</c>); the learned model serves
/// only when <see cref="ServesModel"/>, otherwise the better baseline does with its calibration.
/// </summary>
/// <param name="Model">The chosen configuration fitted on every row, as <c>MLContext.Model.Save</c> writes it (entry times fixed); empty when not trained.</param>
/// <param name="Metrics">The run's figures and decision (metrics.json); null when not trained.</param>
/// <param name="NotTrained">Why training did not run; null when it did.</param>
public sealed record TrainingResult(ReadOnlyMemory<byte> Model, RiskMetrics? Metrics, RiskNotTrained? NotTrained)
{
    /// <summary>Training ran: <see cref="Metrics"/> holds its figures.</summary>
    [MemberNotNullWhen(true, nameof(Metrics))]
    [MemberNotNullWhen(false, nameof(NotTrained))]
    public bool Trained => Metrics is not null;

    /// <summary>The learned model beat both baselines and serves; false when a baseline serves or nothing was trained.</summary>
    public bool ServesModel => string.Equals(Metrics?.ChosenSource, RiskSources.Model, StringComparison.Ordinal);
}
