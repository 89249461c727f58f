using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Impact.Analytics.Risk;

/// <summary>
/// A learned risk model loaded from its bytes (model.zip), ready to score. Load it once per process or function instance
/// and share it: scoring transforms a batch of rows per call and never creates a <c>PredictionEngine</c>, so there is no
/// engine to share across threads.
/// </summary>
public sealed class RiskModel
{
    private readonly ITransformer _transformer;
    private readonly ITransformer _predictor;

    private RiskModel(ITransformer transformer, ITransformer predictor, RiskTrainer trainer)
    {
        _transformer = transformer;
        _predictor = predictor;
        Trainer = trainer;
    }

    /// <summary>The kind of learned model.</summary>
    public RiskTrainer Trainer { get; }

    /// <summary>Loads a model saved by <see cref="RiskModelTrainer.Train"/> (the bytes of <see cref="TrainingResult.Model"/>).</summary>
    /// <exception cref="ImpactException">The bytes are not an ML.NET risk model, or one trained on another feature vector (French message).</exception>
    public static RiskModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = new MLContext(seed: 0).Model.Load(stream, out schema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException or ArgumentException)
        {
            throw new ImpactException("Modèle de risque illisible : le fichier n'est pas un modèle ML.NET enregistré par l'entraînement.", e);
        }

        var expected = RiskFeatureCatalog.SlotNames.Count;
        if (schema.GetColumnOrNull(nameof(RiskModelInput.Features))?.Type is not VectorDataViewType { Size: var size } || size != expected)
        {
            throw new ImpactException(string.Create(CultureInfo.InvariantCulture,
                $"Modèle de risque incompatible : il n'attend pas les {expected} variables que calcule cette version ; réentraîner le modèle."));
        }

        var predictor = transformer is TransformerChain<ITransformer> chain ? chain.LastTransformer : transformer;
        var trainer = predictor switch
        {
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> => RiskTrainer.LogisticRegression,
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<GamBinaryModelParameters, PlattCalibrator>> => RiskTrainer.Gam,
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> => RiskTrainer.FastTree,
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> => RiskTrainer.LightGbm,
            _ => throw new ImpactException("Modèle de risque non reconnu : seuls la régression logistique, FastTree et LightGbm sont pris en charge."),
        };
        return new RiskModel(transformer, predictor, trainer);
    }

    /// <summary>
    /// The probability of distress within the horizon for each vector, and each slot's contribution to the raw score
    /// (ML.NET's <c>CalculateFeatureContribution</c>: for the logistic regression, weight × normalised value).
    /// </summary>
    internal IReadOnlyList<(double Probability, float[] Contributions)> Predict(IReadOnlyList<float[]> vectors)
    {
        var mlContext = new MLContext(seed: 0);
        var input = RiskModelInput.Load(mlContext, [.. vectors.Select(v => new RiskModelInput { Features = v })]);
        var scored = _transformer.Transform(input);
        var slots = RiskFeatureCatalog.SlotNames.Count;
        var contributions = _predictor switch
        {
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> p =>
                mlContext.Transforms.CalculateFeatureContribution(p, slots, slots, normalize: false),
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<GamBinaryModelParameters, PlattCalibrator>> p =>
                mlContext.Transforms.CalculateFeatureContribution(p, slots, slots, normalize: false),
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>> p =>
                mlContext.Transforms.CalculateFeatureContribution(p, slots, slots, normalize: false),
            ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> p =>
                mlContext.Transforms.CalculateFeatureContribution(p, slots, slots, normalize: false),
            _ => throw new InvalidOperationException("Unreachable: the predictor was recognised at load."),
        };
        var explained = contributions.Fit(scored).Transform(scored);
        var probabilities = explained.GetColumn<float>(RiskModelOutput.Probability).ToList();
        var vectorsOut = explained.GetColumn<float[]>(RiskModelOutput.FeatureContributions).ToList();
        return [.. probabilities.Select((p, i) => ((double)p, Dense(vectorsOut[i], slots)))];
    }

    private static float[] Dense(float[] values, int size)
    {
        if (values.Length == size)
        {
            return values;
        }

        var dense = new float[size];
        values.AsSpan(0, Math.Min(values.Length, size)).CopyTo(dense);
        return dense;
    }
}
