using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Impact.Analytics.Risk;

/// <summary>One bin of a calibration table: rows whose predicted probability falls in the bin (equal-count bins by probability).</summary>
/// <param name="Rows">Rows in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability.</param>
/// <param name="Observed">Observed share of positives.</param>
public sealed record CalibrationBin(int Rows, double MeanPredicted, double Observed);

/// <summary>How many workshops a threshold flags, and how often rightly.</summary>
/// <param name="Level">amber (amber or red: every alert) or red.</param>
/// <param name="Threshold">The threshold on the score (a probability, or the scorecard's points / 100).</param>
/// <param name="PerQuarter">Rows at or above the threshold, per quarter on average.</param>
/// <param name="Share">Their share of the rows.</param>
/// <param name="Precision">Share of them in distress within the horizon; null when none is flagged.</param>
public sealed record AlertVolume(string Level, double Threshold, double PerQuarter, double Share, double? Precision);

/// <summary>
/// The out-of-fold figures of one source (the scorecard or a learned trainer) on the pooled rows of the grouped
/// cross-validation. docs/risk-model.md defines each figure.
/// </summary>
public sealed record SourceMetrics
{
    /// <summary><c>scorecard</c>, or the learned trainer's name (<see cref="RiskTrainers.Name"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Area under the precision-recall curve, as average precision (ties grouped).</summary>
    public required double Auprc { get; init; }

    /// <summary>Area under the ROC curve (ties count one half).</summary>
    public required double RocAuc { get; init; }

    /// <summary>Precision among the 10 highest scores of each quarter, pooled over quarters (ties shared out at random, in expectation).</summary>
    public required double PrecisionAt10 { get; init; }

    /// <summary>Precision among the <see cref="Capacity"/> highest scores of each quarter, pooled over quarters.</summary>
    public required double PrecisionAtCapacity { get; init; }

    /// <summary>The k of <see cref="PrecisionAtCapacity"/>: <see cref="RiskOptions.AlertCapacity"/>.</summary>
    public required int Capacity { get; init; }

    /// <summary>
    /// Brier score, mean of (probability − label)²; for the scorecard, of its points mapped to a probability by a logistic
    /// (Platt) fit on the other folds. Null when it cannot be computed, with <see cref="BrierNote"/> saying why.
    /// </summary>
    public required double? Brier { get; init; }

    /// <summary>Why <see cref="Brier"/> is null, or how it was obtained; null when it is a plain Brier score.</summary>
    public string? BrierNote { get; init; }

    /// <summary>Calibration: 5 equal-count bins of the probability (the scorecard's calibrated one).</summary>
    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    /// <summary>Alert volume at the amber threshold (amber or red) and at the red threshold.</summary>
    public required IReadOnlyList<AlertVolume> Alerts { get; init; }
}

/// <summary>
/// The record of one training run, written beside the model as metrics.json: the data window, the features, row counts,
/// the out-of-fold figures of every learned trainer and of the scorecard, which source serves and why, the seed.
/// </summary>
public sealed record RiskMetrics
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new QuarterJsonConverter() },
    };

    /// <summary>The quarter of the first training row.</summary>
    public required Quarter FirstQuarter { get; init; }

    /// <summary>The quarter of the last training row (the last whose horizon is fully observed).</summary>
    public required Quarter LastLabelledQuarter { get; init; }

    /// <summary>The data's last quarter: nothing after it was read.</summary>
    public required Quarter LastObservedQuarter { get; init; }

    /// <summary>The label's horizon in quarters.</summary>
    public required int HorizonQuarters { get; init; }

    /// <summary>The model's feature vector slots, in order (<see cref="RiskFeatureCatalog.SlotNames"/>).</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Workshops with at least one training row.</summary>
    public required int Workshops { get; init; }

    /// <summary>Training rows (workshop-quarters with a label).</summary>
    public required int Rows { get; init; }

    /// <summary>Rows labelled positive (distress within the horizon).</summary>
    public required int Positives { get; init; }

    /// <summary>Positives / rows: the AUPRC of a random ranking and the precision of a random pick.</summary>
    public required double BaseRate { get; init; }

    /// <summary>Folds of the cross-validation grouped by workshop.</summary>
    public required int Folds { get; init; }

    /// <summary>The seed of the run.</summary>
    public required int Seed { get; init; }

    /// <summary>The learned trainer retained (best out-of-fold AUPRC among <see cref="Candidates"/>); its model is in model.zip.</summary>
    public required string Trainer { get; init; }

    /// <summary>The source that serves: <see cref="RiskSources.Model"/> or <see cref="RiskSources.Scorecard"/>.</summary>
    public required string ChosenSource { get; init; }

    /// <summary>Why that source serves, in one English sentence with the figures.</summary>
    public required string Decision { get; init; }

    /// <summary>The out-of-fold figures of the retained learned trainer.</summary>
    public required SourceMetrics Model { get; init; }

    /// <summary>The figures of the scorecard on the same rows.</summary>
    public required SourceMetrics Scorecard { get; init; }

    /// <summary>The out-of-fold figures of every learned trainer tried, in the order tried.</summary>
    public required IReadOnlyList<SourceMetrics> Candidates { get; init; }

    /// <summary>The Brier tolerance the choice used (<see cref="RiskOptions.BrierTolerance"/>).</summary>
    public required double BrierTolerance { get; init; }

    /// <summary>The figures of the source that serves.</summary>
    [JsonIgnore]
    public SourceMetrics Chosen => string.Equals(ChosenSource, RiskSources.Model, StringComparison.Ordinal) ? Model : Scorecard;

    /// <summary>
    /// Whether this run's model should replace <paramref name="current"/> (the promoted one): only when this run serves its
    /// learned model, and either nothing is promoted, or the current run served the scorecard, or this model's out-of-fold
    /// AUPRC is higher than the current model's and its Brier score is not worse by more than this run's tolerance.
    /// Both figures come from each run's own data window: a retrain on more quarters is compared on what each saw.
    /// </summary>
    public bool Beats(RiskMetrics? current)
    {
        if (!string.Equals(ChosenSource, RiskSources.Model, StringComparison.Ordinal))
        {
            return false;
        }

        if (current is null || !string.Equals(current.ChosenSource, RiskSources.Model, StringComparison.Ordinal))
        {
            return true;
        }

        return Model.Auprc > current.Model.Auprc
            && (Model.Brier is not { } mine || current.Model.Brier is not { } theirs || mine <= theirs + BrierTolerance);
    }

    /// <summary>metrics.json: indented UTF-8 JSON, snake_case keys, quarters as <c>2024-Q3</c>, LF line endings.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads metrics.json.</summary>
    /// <exception cref="ImpactException">The text is not a metrics file; the message is French.</exception>
    public static RiskMetrics FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<RiskMetrics>(json, Json)
                ?? throw new ImpactException("metrics.json : fichier vide.");
        }
        catch (JsonException e)
        {
            throw new ImpactException($"metrics.json illisible : {e.Message}", e);
        }
    }
}

/// <summary>Quarters as their machine form, <c>2024-Q3</c>, in JSON.</summary>
internal sealed class QuarterJsonConverter : JsonConverter<Quarter>
{
    public override Quarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Quarter.TryParse(reader.GetString(), out var quarter) ? quarter : throw new JsonException("Expected a quarter such as 2024-Q3.");

    public override void Write(Utf8JsonWriter writer, Quarter value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
