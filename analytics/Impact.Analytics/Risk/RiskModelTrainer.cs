using System.Globalization;
using Impact.Analytics.Returns;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Impact.Analytics.Risk;

/// <summary>
/// Trains the risk model (DOMAIN.md "Outcomes and risk", docs/risk-model.md), reading top to bottom: load the labelled
/// rows (or say why there are too few), split them into outer folds grouped by workshop, score the two baselines in those
/// folds, choose each fold's configuration by an inner grouped cross-validation on its training rows only (nested), pool
/// the out-of-fold figures, decide what serves, fit the configuration chosen on every row and save it. Deterministic:
/// <c>new MLContext(seed)</c> per fit, one thread per trainer, folds from the seed; the same histories and options give
/// the same metrics and the same model bytes.
/// </summary>
public static class RiskModelTrainer
{
    /// <summary>Convergence tolerance of L-BFGS (relative change of the loss): tighter buys nothing measurable here and costs seconds.</summary>
    public const float LogisticTolerance = 1e-4f;

    /// <summary>Bins per feature of the GAM (its shape functions are step functions over these bins).</summary>
    public const int GamBins = 32;

    /// <summary>
    /// Trains and evaluates on <paramref name="histories"/> up to <paramref name="lastObserved"/> (nothing after it is read).
    /// </summary>
    /// <param name="histories">Every workshop's history.</param>
    /// <param name="lastObserved">The data's last quarter.</param>
    /// <param name="options">Settings, the same as scoring's.</param>
    /// <param name="inService">The metrics of the version in service, whose source is measured on this run's folds for promotion; null when none.</param>
    public static TrainingResult Train(IReadOnlyList<WorkshopHistory> histories, Quarter lastObserved, RiskOptions options, RiskMetrics? inService = null)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(options);
        options.Check();

        // 1. Load: one row per active workshop and quarter whose horizon is observed, features known at that quarter.
        var rows = TrainingRows(histories, lastObserved, options);
        var positives = rows.Count(r => r.Label);
        var workshops = rows.Select(r => r.Features.WorkshopId).Distinct(StringComparer.Ordinal).Count();
        if (NotTrainable(rows.Count, positives, workshops, lastObserved, options) is { } notTrained)
        {
            return new TrainingResult(ReadOnlyMemory<byte>.Empty, null, notTrained);
        }

        // 2. Split: outer folds grouped by workshop, so that no workshop is in two folds.
        var folds = GroupedFolds.Assign(rows.Select(r => r.Features.WorkshopId), options.Folds, options.Seed);
        var foldOf = rows.Select(r => folds[r.Features.WorkshopId]).ToArray();
        var labels = rows.Select(r => r.Label).ToArray();
        var quarters = rows.Select(r => r.Features.Quarter).ToArray();
        var inputs = rows.Select(r => new RiskModelInput { Features = RiskFeatureCatalog.Vector(r.Features), Label = r.Label }).ToArray();

        // 3. The baselines in the same folds, calibrated on the other folds.
        var points = rows.Select(r => RiskScorecard.Score(r.Features).Points).ToArray();
        var scorecardRanks = rows.Select((r, i) => RiskBaselines.ScorecardRank(points[i], r.Features)).ToArray();
        var runwayRanks = rows.Select(r => RiskBaselines.RunwayRank(r.Features)).ToArray();
        var scorecard = EvaluateBaseline(RiskSources.Scorecard, scorecardRanks, foldOf, labels, quarters, options,
            ([.. points.Select(p => p >= options.ScorecardAmberPoints)], Rule($"points >= {options.ScorecardAmberPoints}")),
            ([.. points.Select(p => p >= options.ScorecardRedPoints)], Rule($"points >= {options.ScorecardRedPoints}")),
            "points with the runway as tie-break, mapped to a probability by Platt scaling fitted on the other folds");
        var runway = EvaluateBaseline(RiskSources.Runway, runwayRanks, foldOf, labels, quarters, options,
            (rows.Select(r => RiskBaselines.RunwayLevel(r.Features, options) != RiskLevel.Green).ToArray(), Rule($"runway < {options.RunwayAmberMonths} months")),
            (rows.Select(r => RiskBaselines.RunwayLevel(r.Features, options) == RiskLevel.Red).ToArray(), Rule($"runway < {options.RunwayRedMonths} months")),
            "lowest cash runway first, mapped to a probability by Platt scaling fitted on the other folds");

        // 4. Nested cross-validation: within each outer training fold, inner grouped folds choose the configuration.
        var grid = options.Trainers.SelectMany(RiskModelConfig.Grid).ToList();
        var nested = NestedCrossValidation(grid, options.Trainers, rows, inputs, foldOf, options);
        var candidates = options.Trainers
            .Select((trainer, t) => EvaluateLearned(RiskTrainers.Name(trainer), nested.ByTrainer[t], labels, quarters, options))
            .ToList();
        var model = EvaluateLearned("learned", nested.Learned, labels, quarters, options);

        // 5. The source in service before this run, measured on these folds (for promotion).
        var before = inService is null ? null : InServiceFigures(inService, scorecard, runway, inputs, foldOf, labels, quarters, options);

        // 6. Decide, then fit the configuration that wins a plain grouped cross-validation on every row, and save it.
        var (source, decision) = Choose(model, scorecard, runway, options.BrierTolerance);
        var final = grid[nested.FinalChoice];
        var mlContext = new MLContext(seed: options.Seed);
        var allRows = RiskModelInput.Load(mlContext, inputs);
        var fitted = Pipeline(mlContext, final, options).Fit(allRows);
        using var buffer = new MemoryStream();
        mlContext.Model.Save(fitted, allRows.Schema, buffer);

        var metrics = new RiskMetrics
        {
            FirstQuarter = quarters.Min(),
            LastLabelledQuarter = quarters.Max(),
            LastObservedQuarter = lastObserved,
            HorizonQuarters = options.HorizonQuarters,
            Features = RiskFeatureCatalog.SlotNames,
            Workshops = workshops,
            Rows = rows.Count,
            Positives = positives,
            BaseRate = (double)positives / rows.Count,
            Folds = options.Folds,
            InnerFolds = options.InnerFolds,
            Seed = options.Seed,
            Trainer = final.Name,
            ModelConfig = final,
            OuterFoldChoices = [.. nested.OuterChoices.Select(c => grid[c].Name)],
            ChosenSource = source,
            Decision = decision,
            Model = model,
            Scorecard = scorecard,
            Runway = runway,
            Candidates = candidates,
            InService = before,
            ScorecardCalibration = RiskCalibration.Fit(scorecardRanks, labels),
            RunwayCalibration = RiskCalibration.Fit(runwayRanks, labels),
            BrierTolerance = options.BrierTolerance,
        };
        return new TrainingResult(DeterministicZip.Normalize(buffer.ToArray()), metrics, null);
    }

    /// <summary>Why the rows cannot train a model (too few of a class, too few workshops for the folds), or null when they can.</summary>
    private static RiskNotTrained? NotTrainable(int rows, int positives, int workshops, Quarter lastObserved, RiskOptions options)
    {
        var negatives = rows - positives;
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        string? why = null;
        if (positives < options.MinimumClassRows || negatives < options.MinimumClassRows)
        {
            why = string.Create(fr,
                $"pas entraîné : {rows} lignes étiquetées jusqu'au {lastObserved.AddQuarters(-options.HorizonQuarters).ToFrench()}, dont {positives} suivies de difficultés dans l'année et {negatives} sans ; il en faut au moins {options.MinimumClassRows} de chaque sorte (un an de suivi complet après les premiers retours)");
        }
        else if (workshops < options.Folds * 2)
        {
            why = string.Create(fr, $"pas entraîné : {workshops} manufactures ont des lignes étiquetées ; il en faut au moins {options.Folds * 2} pour {options.Folds} plis");
        }

        return why is null ? null : new RiskNotTrained(lastObserved, rows, positives, workshops, why);
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

    /// <summary>The estimator of <paramref name="config"/>: features in, calibrated probability out.</summary>
    internal static IEstimator<ITransformer> Pipeline(MLContext mlContext, RiskModelConfig config, RiskOptions options) => config.Trainer switch
    {
        RiskTrainer.LogisticRegression => mlContext.Transforms.NormalizeMeanVariance(nameof(RiskModelInput.Features))
            .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(RiskModelInput.Label),
                FeatureColumnName = nameof(RiskModelInput.Features),
                L1Regularization = 0,
                L2Regularization = (float)config.L2,
                OptimizationTolerance = LogisticTolerance,
                NumberOfThreads = 1,
            })),
        RiskTrainer.Gam => mlContext.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskModelInput.Label),
            FeatureColumnName = nameof(RiskModelInput.Features),
            NumberOfIterations = config.Trees,
            MaximumBinCountPerFeature = GamBins,
            MinimumExampleCountPerLeaf = config.MinimumLeafRows,
            LearningRate = config.LearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
        }),
        RiskTrainer.FastTree => mlContext.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskModelInput.Label),
            FeatureColumnName = nameof(RiskModelInput.Features),
            NumberOfLeaves = config.Leaves,
            NumberOfTrees = config.Trees,
            MinimumExampleCountPerLeaf = config.MinimumLeafRows,
            LearningRate = config.LearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
        }),
        RiskTrainer.LightGbm => mlContext.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(RiskModelInput.Label),
            FeatureColumnName = nameof(RiskModelInput.Features),
            NumberOfLeaves = config.Leaves,
            NumberOfIterations = config.Trees,
            MinimumExampleCountPerLeaf = config.MinimumLeafRows,
            LearningRate = config.LearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
            Verbose = false,
            Silent = true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Trainer, "Unknown trainer."),
    };

    /// <summary>What the nested cross-validation gives: out-of-fold probabilities of each trainer and of the learned model, and the choices made.</summary>
    private sealed record Nested(double[][] ByTrainer, double[] Learned, int[] OuterChoices, int FinalChoice);

    /// <summary>
    /// For each outer fold: every configuration is cross-validated on the fold's training rows in inner folds grouped by
    /// workshop (seeded per outer fold); the best inner AUPRC within each trainer is fitted on the training rows and scores
    /// the fold's rows, and the best overall is the learned model's choice for the fold (ties: the first, simplest, in grid
    /// order). The outer folds that report never choose. Independently, the configuration for the final fit is the best on
    /// a plain grouped cross-validation over every row. All fits run in parallel, each with its own seeded context.
    /// </summary>
    private static Nested NestedCrossValidation(
        List<RiskModelConfig> grid, IReadOnlyList<RiskTrainer> trainers, IReadOnlyList<RiskTrainingRow> rows, RiskModelInput[] inputs, int[] foldOf, RiskOptions options)
    {
        var labels = inputs.Select(i => i.Label).ToArray();

        // Inner folds of each outer training set; the "outer = -1" split is the plain cross-validation of every row.
        var splits = new Dictionary<int, (int[] Rows, int[] Fold, int Folds)>();
        for (var outer = -1; outer < options.Folds; outer++)
        {
            var train = Enumerable.Range(0, inputs.Length).Where(i => outer < 0 || foldOf[i] != outer).ToArray();
            if (outer < 0)
            {
                splits[outer] = (train, [.. train.Select(i => foldOf[i])], options.Folds);
                continue;
            }

            var inner = GroupedFolds.Assign(train.Select(i => rows[i].Features.WorkshopId), options.InnerFolds, options.Seed + outer + 1);
            splits[outer] = (train, [.. train.Select(i => inner[rows[i].Features.WorkshopId])], options.InnerFolds);
        }

        var innerFits = splits.Keys
            .SelectMany(outer => Enumerable.Range(0, grid.Count).SelectMany(c => Enumerable.Range(0, splits[outer].Folds).Select(f => (Outer: outer, Config: c, Fold: f))))
            .ToList();
        var innerScores = splits.Keys.ToDictionary(o => o, o => grid.Select(_ => new double[splits[o].Rows.Length]).ToArray());
        Parallel.ForEach(innerFits, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fit =>
        {
            var (rowsOf, fold, _) = splits[fit.Outer];
            var test = Enumerable.Range(0, rowsOf.Length).Where(j => fold[j] == fit.Fold).ToArray();
            var train = Enumerable.Range(0, rowsOf.Length).Where(j => fold[j] != fit.Fold).Select(j => inputs[rowsOf[j]]).ToArray();
            var predicted = FitAndPredict(grid[fit.Config], train, [.. test.Select(j => inputs[rowsOf[j]])], options);
            for (var k = 0; k < test.Length; k++)
            {
                innerScores[fit.Outer][fit.Config][test[k]] = predicted[k];
            }
        });

        int Best(int outer, IEnumerable<int> configs)
        {
            var splitLabels = splits[outer].Rows.Select(i => labels[i]).ToArray();
            var best = -1;
            var bestAuprc = double.NegativeInfinity;
            foreach (var c in configs)
            {
                var auprc = RiskEvaluation.AveragePrecision(innerScores[outer][c], splitLabels);
                if (auprc > bestAuprc)
                {
                    (best, bestAuprc) = (c, auprc);
                }
            }

            return best;
        }

        // The outer fits: per fold, each trainer's best configuration on the inner folds.
        var perTrainer = new int[options.Folds, trainers.Count];
        for (var outer = 0; outer < options.Folds; outer++)
        {
            for (var t = 0; t < trainers.Count; t++)
            {
                var trainer = trainers[t];
                perTrainer[outer, t] = Best(outer, Enumerable.Range(0, grid.Count).Where(c => grid[c].Trainer == trainer));
            }
        }

        var byTrainer = trainers.Select(_ => new double[inputs.Length]).ToArray();
        var outerFits = Enumerable.Range(0, options.Folds).SelectMany(o => Enumerable.Range(0, trainers.Count).Select(t => (Outer: o, Trainer: t))).ToList();
        Parallel.ForEach(outerFits, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fit =>
        {
            var test = Enumerable.Range(0, inputs.Length).Where(i => foldOf[i] == fit.Outer).ToArray();
            if (test.Length == 0)
            {
                return;
            }

            var train = Enumerable.Range(0, inputs.Length).Where(i => foldOf[i] != fit.Outer).Select(i => inputs[i]).ToArray();
            var predicted = FitAndPredict(grid[perTrainer[fit.Outer, fit.Trainer]], train, [.. test.Select(i => inputs[i])], options);
            for (var k = 0; k < test.Length; k++)
            {
                byTrainer[fit.Trainer][test[k]] = predicted[k];
            }
        });

        var learned = new double[inputs.Length];
        var outerChoices = new int[options.Folds];
        for (var outer = 0; outer < options.Folds; outer++)
        {
            outerChoices[outer] = Best(outer, Enumerable.Range(0, grid.Count));
            var t = trainers.ToList().IndexOf(grid[outerChoices[outer]].Trainer);
            for (var i = 0; i < inputs.Length; i++)
            {
                if (foldOf[i] == outer)
                {
                    learned[i] = byTrainer[t][i];
                }
            }
        }

        return new Nested(byTrainer, learned, outerChoices, Best(-1, Enumerable.Range(0, grid.Count)));
    }

    /// <summary>Fits <paramref name="config"/> on <paramref name="train"/> and returns its probabilities on <paramref name="test"/>.</summary>
    private static double[] FitAndPredict(RiskModelConfig config, RiskModelInput[] train, RiskModelInput[] test, RiskOptions options)
    {
        var mlContext = new MLContext(seed: options.Seed);
        var model = Pipeline(mlContext, config, options).Fit(RiskModelInput.Load(mlContext, train));
        var scored = model.Transform(RiskModelInput.Load(mlContext, test));
        return [.. scored.GetColumn<float>(RiskModelOutput.Probability).Select(p => (double)p)];
    }

    /// <summary>The figures of a learned source's out-of-fold probabilities (they rank and they are the probabilities).</summary>
    private static SourceMetrics EvaluateLearned(string name, double[] probabilities, bool[] labels, Quarter[] quarters, RiskOptions options) =>
        RiskEvaluation.Evaluate(name, probabilities, probabilities, labels, quarters,
            ([.. probabilities.Select(p => p >= options.ModelAmberProbability)], Rule($"probability >= {options.ModelAmberProbability}")),
            ([.. probabilities.Select(p => p >= options.ModelRedProbability)], Rule($"probability >= {options.ModelRedProbability}")),
            options.AlertCapacity, null);

    /// <summary>
    /// A baseline's figures on the rows: its ranking score ranks them; for Brier and calibration, the score is mapped to a
    /// probability by Platt scaling fitted on the other folds (out of fold, like the learned models). Its alerts are those
    /// of its own levels.
    /// </summary>
    private static SourceMetrics EvaluateBaseline(string name, double[] ranks, int[] foldOf, bool[] labels, Quarter[] quarters, RiskOptions options,
        (IReadOnlyList<bool>, string) amber, (IReadOnlyList<bool>, string) red, string note) =>
        RiskEvaluation.Evaluate(name, ranks, CalibratedOutOfFold(ranks, foldOf, labels, options.Folds), labels, quarters, amber, red, options.AlertCapacity, note);

    private static string Rule(FormattableString rule) => rule.ToString(CultureInfo.InvariantCulture);

    private static double[] CalibratedOutOfFold(double[] ranks, int[] foldOf, bool[] labels, int folds)
    {
        var probabilities = new double[ranks.Length];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, ranks.Length).Where(i => foldOf[i] != fold).ToList();
            var calibration = RiskCalibration.Fit([.. train.Select(i => ranks[i])], [.. train.Select(i => labels[i])]);
            foreach (var i in Enumerable.Range(0, ranks.Length).Where(i => foldOf[i] == fold))
            {
                probabilities[i] = calibration.Probability(ranks[i]);
            }
        }

        return probabilities;
    }

    /// <summary>
    /// The figures of the source in service on this run's folds: a baseline's are this run's; a learned model's
    /// configuration is refitted on each outer training fold and scores the fold (its old bytes saw these rows).
    /// </summary>
    private static SourceMetrics? InServiceFigures(RiskMetrics inService, SourceMetrics scorecard, SourceMetrics runway,
        RiskModelInput[] inputs, int[] foldOf, bool[] labels, Quarter[] quarters, RiskOptions options)
    {
        switch (inService.ChosenSource)
        {
            case RiskSources.Scorecard:
                return scorecard;
            case RiskSources.Runway:
                return runway;
            case RiskSources.Model when inService.ModelConfig is { } config:
                var probabilities = new double[inputs.Length];
                Parallel.For(0, options.Folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fold =>
                {
                    var test = Enumerable.Range(0, inputs.Length).Where(i => foldOf[i] == fold).ToArray();
                    if (test.Length == 0)
                    {
                        return;
                    }

                    var predicted = FitAndPredict(config, [.. Enumerable.Range(0, inputs.Length).Where(i => foldOf[i] != fold).Select(i => inputs[i])], [.. test.Select(i => inputs[i])], options);
                    for (var k = 0; k < test.Length; k++)
                    {
                        probabilities[test[k]] = predicted[k];
                    }
                });
                return EvaluateLearned("in_service:" + config.Name, probabilities, labels, quarters, options);
            default:
                return null;
        }
    }

    /// <summary>
    /// The selection rule: the learned model serves only when its out-of-fold AUPRC is higher than both baselines' and its
    /// Brier score is no worse than either's (within <paramref name="brierTolerance"/>); otherwise the better baseline by
    /// AUPRC serves (the scorecard on a tie).
    /// </summary>
    private static (string Source, string Decision) Choose(SourceMetrics model, SourceMetrics scorecard, SourceMetrics runway, double brierTolerance)
    {
        var baseline = runway.Auprc > scorecard.Auprc ? runway : scorecard;
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"out-of-fold AUPRC: learned {model.Auprc:0.000}, scorecard {scorecard.Auprc:0.000}, runway {runway.Auprc:0.000}; Brier: learned {model.Brier:0.0000}, scorecard {scorecard.Brier:0.0000}, runway {runway.Brier:0.0000} (tolerance {brierTolerance:0.000})");
        if (model.Auprc <= scorecard.Auprc || model.Auprc <= runway.Auprc)
        {
            return (baseline.Name, $"The {baseline.Name} baseline serves: the learned model does not beat both baselines on AUPRC; {figures}.");
        }

        if (model.Brier > scorecard.Brier + brierTolerance || model.Brier > runway.Brier + brierTolerance)
        {
            return (baseline.Name, $"The {baseline.Name} baseline serves: the learned model ranks better but its probabilities are worse; {figures}.");
        }

        return (RiskSources.Model, $"The learned model serves: it beats both baselines; {figures}.");
    }
}
