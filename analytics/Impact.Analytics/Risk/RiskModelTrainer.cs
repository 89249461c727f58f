using System.Globalization;
using Impact.Analytics.Returns;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Impact.Analytics.Risk;

/// <summary>
/// Trains the risk model (issue 4, DOMAIN.md "Outcomes and risk"), reading top to bottom: load the labelled rows, split
/// them into folds grouped by workshop, build each trainer's pipeline, fit and evaluate it out of fold, compare with the
/// scorecard, fit the retained trainer on every row and save it. Deterministic: <c>new MLContext(seed)</c>, one thread per
/// trainer, folds from the seed; the same histories and options give the same metrics and the same model bytes.
/// </summary>
public static class RiskModelTrainer
{
    /// <summary>L1 penalty of the logistic regression (sparse weights: signals that do not help fall to 0).</summary>
    public const float LogisticL1 = 0.05f;

    /// <summary>L2 penalty of the logistic regression (shrinks correlated signals together).</summary>
    public const float LogisticL2 = 0.5f;

    /// <summary>Boosting iterations of the GAM's shape functions.</summary>
    public const int GamIterations = 300;

    /// <summary>Bins per feature of the GAM (its shape functions are step functions over these bins).</summary>
    public const int GamBins = 32;

    /// <summary>Learning rate of the GAM.</summary>
    public const double GamLearningRate = 0.03;

    /// <summary>Convergence tolerance of L-BFGS (relative change of the loss): tighter buys nothing measurable here and costs seconds.</summary>
    public const float LogisticTolerance = 1e-4f;

    /// <summary>Leaves per tree of FastTree and LightGbm: small trees for a small data set.</summary>
    public const int TreeLeaves = 8;

    /// <summary>Trees (boosting iterations) of FastTree and LightGbm.</summary>
    public const int TreeCount = 100;

    /// <summary>Fewest rows in a leaf of FastTree and LightGbm.</summary>
    public const int TreeMinimumLeafRows = 20;

    /// <summary>Learning rate of FastTree and LightGbm.</summary>
    public const double TreeLearningRate = 0.05;

    /// <summary>
    /// Trains and evaluates on <paramref name="histories"/> up to <paramref name="lastObserved"/> (nothing after it is read).
    /// </summary>
    /// <exception cref="ImpactException">No labelled row, or the rows hold only one class: nothing to learn (French message).</exception>
    public static TrainingResult Train(IReadOnlyList<WorkshopHistory> histories, Quarter lastObserved, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(options);
        options.Check();

        // 1. Load: one row per active workshop and quarter whose horizon is observed, features known at that quarter.
        var rows = TrainingRows(histories, lastObserved, options);
        var positives = rows.Count(r => r.Label);
        if (positives == 0 || positives == rows.Count)
        {
            throw new ImpactException(string.Create(CultureInfo.InvariantCulture,
                $"Entraînement du modèle de risque impossible : {rows.Count} lignes étiquetées dont {positives} en difficulté ; il faut des deux."));
        }

        var mlContext = new MLContext(seed: options.Seed);

        // 2. Split: folds grouped by workshop, so that no workshop is in two folds.
        var folds = GroupedFolds.Assign(rows.Select(r => r.Features.WorkshopId), options.Folds, options.Seed);
        var foldOf = rows.Select(r => folds[r.Features.WorkshopId]).ToArray();
        var labels = rows.Select(r => r.Label).ToArray();
        var quarters = rows.Select(r => r.Features.Quarter).ToArray();
        var inputs = rows.Select(r => new RiskModelInput { Features = RiskFeatureCatalog.Vector(r.Features), Label = r.Label }).ToArray();

        // 3-5. Pipeline, fit and evaluate each trainer out of fold; the scorecard on the same rows.
        var outOfFold = CrossValidate(options.Trainers, inputs, foldOf, options);
        var candidates = options.Trainers
            .Select((trainer, t) => (Trainer: trainer, Metrics: RiskEvaluation.Evaluate(RiskTrainers.Name(trainer), outOfFold[t], outOfFold[t], labels, quarters,
                options.ModelAmberProbability, options.ModelRedProbability, options.AlertCapacity, null)))
            .ToList();
        var scorecard = EvaluateScorecard(rows, foldOf, labels, quarters, options);

        // The retained trainer: the best out-of-fold AUPRC (the first on a tie); it serves only if it beats the scorecard.
        var best = candidates[0];
        foreach (var candidate in candidates.Skip(1))
        {
            best = candidate.Metrics.Auprc > best.Metrics.Auprc ? candidate : best;
        }

        var (source, decision) = Choose(best.Metrics, scorecard, options.BrierTolerance);

        // 6. Fit the retained trainer on every row and save it.
        var allRows = RiskModelInput.Load(mlContext, inputs);
        var model = Pipeline(mlContext, best.Trainer, options).Fit(allRows);
        using var buffer = new MemoryStream();
        mlContext.Model.Save(model, allRows.Schema, buffer);

        var metrics = new RiskMetrics
        {
            FirstQuarter = quarters.Min(),
            LastLabelledQuarter = quarters.Max(),
            LastObservedQuarter = lastObserved,
            HorizonQuarters = options.HorizonQuarters,
            Features = RiskFeatureCatalog.SlotNames,
            Workshops = folds.Count,
            Rows = rows.Count,
            Positives = positives,
            BaseRate = (double)positives / rows.Count,
            Folds = options.Folds,
            Seed = options.Seed,
            Trainer = RiskTrainers.Name(best.Trainer),
            ChosenSource = source,
            Decision = decision,
            Model = best.Metrics,
            Scorecard = scorecard,
            Candidates = [.. candidates.Select(c => c.Metrics)],
            BrierTolerance = options.BrierTolerance,
        };
        return new TrainingResult(DeterministicZip.Normalize(buffer.ToArray()), metrics);
    }

    /// <summary>
    /// The labelled rows: for every workshop and every quarter q from its labelling to <paramref name="lastObserved"/> −
    /// horizon where it is active (<see cref="DistressLabels.IsActive"/>), its features known at q and
    /// <see cref="DistressLabels.DistressWithinHorizon"/>. Sorted by workshop (ordinal), then quarter.
    /// </summary>
    public static IReadOnlyList<RiskTrainingRow> TrainingRows(IReadOnlyList<WorkshopHistory> histories, Quarter lastObserved, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            .. histories.OrderBy(h => h.WorkshopId, StringComparer.Ordinal).AsParallel().AsOrdered().SelectMany(full =>
            {
                var history = full.KnownAt(lastObserved);
                var rows = new List<RiskTrainingRow>();
                for (var q = history.Workshop.LabelledQuarter; q.AddQuarters(options.HorizonQuarters) <= lastObserved; q = q.AddQuarters(1))
                {
                    if (DistressLabels.IsActive(history, q)
                        && DistressLabels.DistressWithinHorizon(history, q, lastObserved, options) is { } label)
                    {
                        rows.Add(new RiskTrainingRow(RiskFeatureCalculator.Compute(history, q, options), label));
                    }
                }

                return rows;
            }),
        ];
    }

    /// <summary>The estimator of <paramref name="trainer"/>: features in, calibrated probability out.</summary>
    internal static IEstimator<ITransformer> Pipeline(MLContext mlContext, RiskTrainer trainer, RiskOptions options) => trainer switch
    {
        RiskTrainer.LogisticRegression => mlContext.Transforms.NormalizeMeanVariance(nameof(RiskModelInput.Features))
            .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(RiskModelInput.Label),
                FeatureColumnName = nameof(RiskModelInput.Features),
                L1Regularization = LogisticL1,
                L2Regularization = LogisticL2,
                OptimizationTolerance = LogisticTolerance,
                NumberOfThreads = 1,
            })),
        RiskTrainer.Gam => mlContext.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskModelInput.Label),
            FeatureColumnName = nameof(RiskModelInput.Features),
            NumberOfIterations = GamIterations,
            MaximumBinCountPerFeature = GamBins,
            MinimumExampleCountPerLeaf = TreeMinimumLeafRows,
            LearningRate = GamLearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
        }),
        RiskTrainer.FastTree => mlContext.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskModelInput.Label),
            FeatureColumnName = nameof(RiskModelInput.Features),
            NumberOfLeaves = TreeLeaves,
            NumberOfTrees = TreeCount,
            MinimumExampleCountPerLeaf = TreeMinimumLeafRows,
            LearningRate = TreeLearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
        }),
        RiskTrainer.LightGbm => mlContext.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskModelInput.Label),
            FeatureColumnName = nameof(RiskModelInput.Features),
            NumberOfLeaves = TreeLeaves,
            NumberOfIterations = TreeCount,
            MinimumExampleCountPerLeaf = TreeMinimumLeafRows,
            LearningRate = TreeLearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
            Verbose = false,
            Silent = true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "Unknown trainer."),
    };

    /// <summary>
    /// Out-of-fold probabilities of each trainer: for each fold, the trainer fitted on the other folds scores the fold's
    /// rows. The trainer × fold fits run in parallel, each with its own <c>new MLContext(seed)</c> and one thread, so the
    /// figures do not depend on the schedule.
    /// </summary>
    private static double[][] CrossValidate(IReadOnlyList<RiskTrainer> trainers, RiskModelInput[] inputs, int[] foldOf, RiskOptions options)
    {
        var probabilities = trainers.Select(_ => new double[inputs.Length]).ToArray();
        var fits = trainers.SelectMany((_, t) => Enumerable.Range(0, options.Folds).Select(fold => (Trainer: t, Fold: fold))).ToList();
        Parallel.ForEach(fits, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fit =>
        {
            var test = Enumerable.Range(0, inputs.Length).Where(i => foldOf[i] == fit.Fold).ToList();
            if (test.Count == 0)
            {
                return;
            }

            var mlContext = new MLContext(seed: options.Seed);
            var train = RiskModelInput.Load(mlContext, [.. Enumerable.Range(0, inputs.Length).Where(i => foldOf[i] != fit.Fold).Select(i => inputs[i])]);
            var model = Pipeline(mlContext, trainers[fit.Trainer], options).Fit(train);
            var scored = model.Transform(RiskModelInput.Load(mlContext, [.. test.Select(i => inputs[i])]));
            var foldProbabilities = scored.GetColumn<float>(RiskModelOutput.Probability).ToList();
            for (var j = 0; j < test.Count; j++)
            {
                probabilities[fit.Trainer][test[j]] = foldProbabilities[j];
            }
        });

        return probabilities;
    }

    /// <summary>
    /// The scorecard's figures on the same rows: its points / 100 rank the rows; for Brier and calibration, the points are
    /// mapped to a probability by Platt scaling fitted on the other folds (out of fold, like the learned models).
    /// </summary>
    private static SourceMetrics EvaluateScorecard(IReadOnlyList<RiskTrainingRow> rows, int[] foldOf, bool[] labels, Quarter[] quarters, RiskOptions options)
    {
        var scores = rows.Select(r => RiskScorecard.Score(r.Features).Points / (double)RiskScorecard.MaxPoints).ToArray();
        var probabilities = new double[rows.Count];
        for (var fold = 0; fold < options.Folds; fold++)
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => foldOf[i] != fold).ToList();
            var platt = PlattScaling.Fit([.. train.Select(i => scores[i])], [.. train.Select(i => labels[i])]);
            foreach (var i in Enumerable.Range(0, rows.Count).Where(i => foldOf[i] == fold))
            {
                probabilities[i] = platt.Probability(scores[i]);
            }
        }

        return RiskEvaluation.Evaluate(RiskSources.Scorecard, scores, probabilities, labels, quarters,
            options.ScorecardAmberPoints / (double)RiskScorecard.MaxPoints, options.ScorecardRedPoints / (double)RiskScorecard.MaxPoints,
            options.AlertCapacity, "points / 100 mapped to a probability by Platt scaling fitted on the other folds");
    }

    /// <summary>
    /// The selection rule: the learned model serves only when its out-of-fold AUPRC is higher than the scorecard's and its
    /// Brier score is not worse than the scorecard's calibrated one by more than <paramref name="brierTolerance"/>.
    /// </summary>
    private static (string Source, string Decision) Choose(SourceMetrics model, SourceMetrics scorecard, double brierTolerance)
    {
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"out-of-fold AUPRC {model.Auprc:0.000} vs scorecard {scorecard.Auprc:0.000}, Brier {model.Brier:0.0000} vs scorecard {scorecard.Brier:0.0000} (tolerance {brierTolerance:0.000})");
        if (model.Auprc <= scorecard.Auprc)
        {
            return (RiskSources.Scorecard, $"The scorecard serves: the learned model ({model.Name}) does not beat it on AUPRC; {figures}.");
        }

        if (model.Brier > scorecard.Brier + brierTolerance)
        {
            return (RiskSources.Scorecard, $"The scorecard serves: the learned model ({model.Name}) ranks better but its probabilities are worse; {figures}.");
        }

        return (RiskSources.Model, $"The learned model ({model.Name}) serves: it beats the scorecard; {figures}.");
    }
}
