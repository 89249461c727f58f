using Microsoft.ML;
using Microsoft.ML.Data;

namespace Impact.Analytics.Risk;

/// <summary>A row of the model's input: the feature vector (<see cref="RiskFeatureCatalog.SlotNames"/> order) and the label.</summary>
internal sealed class RiskModelInput
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    /// <summary>The schema of <see cref="RiskModelInput"/> with the vector's size, which ML.NET needs known.</summary>
    public static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(RiskModelInput));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, RiskFeatureCatalog.SlotNames.Count);
        return schema;
    }

    /// <summary>The rows as a data view, cached in memory: multi-pass trainers (L-BFGS, boosting) read them many times.</summary>
    public static IDataView Load(MLContext context, IReadOnlyList<RiskModelInput> rows) =>
        context.Data.Cache(context.Data.LoadFromEnumerable(rows, Schema()));
}

/// <summary>The columns the model adds: names of ML.NET's binary classifier outputs and of the feature contributions.</summary>
internal static class RiskModelOutput
{
    /// <summary>The calibrated probability of the positive class.</summary>
    public const string Probability = "Probability";

    /// <summary>Per-slot contributions to the raw score (<c>CalculateFeatureContribution</c>).</summary>
    public const string FeatureContributions = "FeatureContributions";
}
