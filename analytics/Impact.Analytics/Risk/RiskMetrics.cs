using System.Globalization;
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
/// <param name="Rule">The source's rule for the level, in words: <c>probability &gt;= 0.3</c>, <c>points &gt;= 25</c>, <c>runway &lt; 3 months</c>.</param>
/// <param name="PerQuarter">Rows at or above the threshold, per quarter on average.</param>
/// <param name="Share">Their share of the rows.</param>
/// <param name="Precision">Share of them in distress within the horizon; null when none is flagged.</param>
public sealed record AlertVolume(string Level, string Rule, double PerQuarter, double Share, double? Precision);

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
/// the out-of-fold figures of the learned model (nested cross-validation), of each trainer, of the two baselines (the
/// scorecard and the runway rule) and of the source in service before the run, which source serves and why, the
/// calibrations the baselines serve with, the seed.
/// </summary>
public sealed record RiskMetrics
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new QuarterJsonConverter(), new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
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

    /// <summary>Folds of the cross-validation grouped by workshop (those that report).</summary>
    public required int Folds { get; init; }

    /// <summary>Folds of the inner cross-validation that chooses the configuration within each outer training fold.</summary>
    public int InnerFolds { get; init; }

    /// <summary>The seed of the run.</summary>
    public required int Seed { get; init; }

    /// <summary>The configuration of the model in model.zip (<see cref="RiskModelConfig.Name"/>), chosen by grouped cross-validation on every row.</summary>
    public required string Trainer { get; init; }

    /// <summary>That configuration; null in files written before configurations were recorded.</summary>
    public RiskModelConfig? ModelConfig { get; init; }

    /// <summary>The configuration the inner folds chose within each outer training fold, in fold order.</summary>
    public IReadOnlyList<string> OuterFoldChoices { get; init; } = [];

    /// <summary>The source that serves: <see cref="RiskSources.Model"/>, <see cref="RiskSources.Scorecard"/> or <see cref="RiskSources.Runway"/>.</summary>
    public required string ChosenSource { get; init; }

    /// <summary>Why that source serves, in one English sentence with the figures.</summary>
    public required string Decision { get; init; }

    /// <summary>The out-of-fold figures of the learned model: configuration chosen by nested cross-validation.</summary>
    public required SourceMetrics Model { get; init; }

    /// <summary>The figures of the scorecard on the same rows (ranked with its tie-break, calibrated on the other folds).</summary>
    public required SourceMetrics Scorecard { get; init; }

    /// <summary>The figures of the runway rule on the same rows; null in files written before it was measured.</summary>
    public SourceMetrics? Runway { get; init; }

    /// <summary>The out-of-fold figures of every learned trainer tried (each with its grid chosen by nested cross-validation), in the order tried.</summary>
    public required IReadOnlyList<SourceMetrics> Candidates { get; init; }

    /// <summary>
    /// The figures, on this run's folds, of the source in service before this run (its configuration refitted fold by fold
    /// when it is a learned model); null when nothing was in service.
    /// </summary>
    public SourceMetrics? InService { get; init; }

    /// <summary>The scorecard's calibration fitted on every row: its ranking score to a probability, when it serves.</summary>
    public RiskCalibration? ScorecardCalibration { get; init; }

    /// <summary>The runway rule's calibration fitted on every row, when it serves.</summary>
    public RiskCalibration? RunwayCalibration { get; init; }

    /// <summary>The Brier tolerance the choice used (<see cref="RiskOptions.BrierTolerance"/>).</summary>
    public required double BrierTolerance { get; init; }

    /// <summary>The figures of the source that serves.</summary>
    [JsonIgnore]
    public SourceMetrics Chosen => ChosenSource switch
    {
        RiskSources.Model => Model,
        RiskSources.Runway => Runway ?? Scorecard,
        _ => Scorecard,
    };

    /// <summary>The better baseline: the runway rule when its AUPRC is higher than the scorecard's, otherwise the scorecard.</summary>
    [JsonIgnore]
    public SourceMetrics BestBaseline => Runway is { } runway && runway.Auprc > Scorecard.Auprc ? runway : Scorecard;

    /// <summary>
    /// Whether this run should replace <paramref name="current"/> (the version in service), and why (French). Yes when
    /// nothing is in service, when the feature vector changed, or when the same baseline serves again (fresh calibration);
    /// otherwise only when the source this run chose beats the one in service on this run's folds
    /// (<see cref="InService"/>): a higher out-of-fold AUPRC with a Brier score no worse, the rule that chose it.
    /// </summary>
    public (bool Promote, string Reason) PromotionOver(RiskMetrics? current, string? currentVersion)
    {
        var chosen = RiskSources.FrenchWithArticle(ChosenSource);
        if (current is null)
        {
            return (true, $"rien n'était en service : {chosen} sert désormais");
        }

        if (!current.Features.SequenceEqual(Features, StringComparer.Ordinal))
        {
            return (true, $"la version {currentVersion} a été entraînée sur d'autres variables : {chosen} la remplace");
        }

        if (!string.Equals(ChosenSource, RiskSources.Model, StringComparison.Ordinal)
            && string.Equals(ChosenSource, current.ChosenSource, StringComparison.Ordinal))
        {
            return (true, $"{chosen} reste en service, calibrée sur les données de cette version");
        }

        if (InService is not { } before)
        {
            return (true, $"la source en service ({currentVersion}) ne peut être mesurée sur ces données : {chosen} la remplace");
        }

        var mine = Chosen;
        var better = mine.Auprc > before.Auprc && (mine.Brier is not { } b || before.Brier is not { } c || b <= c + BrierTolerance);
        var figures = string.Create(CultureInfo.GetCultureInfo("fr-FR"),
            $"AUPRC hors pli {mine.Auprc:0.000} contre {before.Auprc:0.000} pour la version en service ({currentVersion}), Brier {mine.Brier:0.0000} contre {before.Brier:0.0000}");
        return better
            ? (true, $"{chosen} bat la version en service : {figures}")
            : (false, $"{chosen} ne bat pas la version en service, qui reste : {figures}");
    }

    /// <summary>Which source serves and why, in French, with the figures: what `impact train` and the demo print.</summary>
    public string FrenchDecision()
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        string Figures(SourceMetrics m) => string.Create(fr, $"AUPRC {m.Auprc:0.000}, Brier {m.Brier:0.0000}");
        var runway = Runway is { } r ? $" ; règle de trésorerie : {Figures(r)}" : "";
        var all = $"Hors pli, sur {Rows} lignes dont {Positives} suivies de difficultés dans l'année : modèle appris : {Figures(Model)} ; grille de points : {Figures(Scorecard)}{runway}.";
        var why = ChosenSource switch
        {
            RiskSources.Model => "Le modèle appris sert : il bat la grille de points et la règle de trésorerie sur des manufactures qu'il n'a pas vues, avec des probabilités au moins aussi fiables.",
            _ when Model.Auprc > BestBaseline.Auprc => $"La {RiskSources.French(ChosenSource)} sert : le modèle appris classe mieux, mais ses probabilités sont moins fiables.",
            _ => $"La {RiskSources.French(ChosenSource)} sert : le modèle appris ne classe pas mieux que la meilleure règle simple.",
        };
        return why + " " + all;
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

/// <summary>
/// A training run that did not train: too few labelled rows of one class, which is the normal state of a scheme's first
/// year. Written as <c>models/risk/{version}/not-trained.json</c>; what serves keeps serving.
/// </summary>
/// <param name="LastObservedQuarter">The data's last quarter.</param>
/// <param name="Rows">Labelled rows.</param>
/// <param name="Positives">Of which in distress within the horizon.</param>
/// <param name="Workshops">Workshops with a labelled row.</param>
/// <param name="Reason">Why, in French: « pas entraîné : … ».</param>
public sealed record RiskNotTrained(Quarter LastObservedQuarter, int Rows, int Positives, int Workshops, string Reason)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new QuarterJsonConverter() },
    };

    /// <summary>not-trained.json.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";
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
