using System.Globalization;

namespace Impact.Analytics.Evaluation;

/// <summary>
/// The impact estimator: Callaway and Sant'Anna (2021, "Difference-in-differences with multiple time periods",
/// Journal of Econometrics 225(2)) group-time average treatment effects against never-treated units, aggregated to
/// an overall effect and an event-study curve, with a multiplier bootstrap over units. Pure and deterministic: the
/// same panel, outcome and options give the same result. The method, its assumptions and how to read it are in
/// docs/impact-evaluation.md.
/// </summary>
/// <remarks>
/// <para>
/// <b>Cells.</b> For each group g (units first treated at quarter g) and each quarter t of the panel,
/// ATT(g,t) = mean over units i of g of (Y(i,t) − Y(i,g−1)) − mean over never-treated units j of (Y(j,t) − Y(j,g−1)):
/// the change since the last quarter before labelling, treated minus comparison. Every t uses the same base g − 1
/// (the "universal" base), so that ATT(g,g−1) = 0 and the leads t &lt; g read as the gap that had opened by t
/// relative to g − 1, which is what an event-study plot shows. A unit enters cell (g,t) only when observed at both t and
/// g − 1 (unbalanced panels); a cell with no such treated unit, or no such comparison unit, is not estimated.
/// </para>
/// <para>
/// <b>Units.</b> Never-treated units are those with an empty first treated quarter or one after the panel's last
/// quarter (not treated while observed). Units treated at or before the panel's first quarter have no quarter before
/// labelling to compare from and are left out. A group's size n(g) is its number of units with at least one observed value.
/// </para>
/// <para>
/// <b>Aggregations.</b> The overall ATT is Σ n(g)·ATT(g,t) / Σ n(g) over the estimated post-treatment cells (t ≥ g);
/// the event-study point at e is the same average over the cells with t − g = e.
/// </para>
/// <para>
/// <b>Uncertainty.</b> Each estimate is a linear function of unit-level terms (its influence function), so the
/// multiplier bootstrap redraws it as Σ V(i)·ψ(i) with one random weight V(i) per unit and draw, shared by every cell
/// the unit enters (so that the correlation across quarters and groups is kept). V follows Mammen's two-point law
/// (mean 0, variance 1, third moment 1), as in Callaway and Sant'Anna's software. ψ is scaled by √(n/(n−1)) within each
/// side of a cell, so that the bootstrap variance of a cell is the usual unbiased variance of a difference in means.
/// Standard errors are the standard deviations of the draws; pointwise 95% intervals are estimate ± 1.96 se; the
/// simultaneous band of the event study uses the 95% quantile of max over e of |draw(e)| / se(e) (sup-t) instead
/// of 1.96; the pre-trend test compares max over the leads e ≤ −2 of |estimate(e)| / se(e) with the same statistic's
/// bootstrap distribution over the leads.
/// </para>
/// </remarks>
public static class ImpactEstimator
{
    /// <summary>The outcome evaluated when none is named: salaried headcount.</summary>
    public const string DefaultOutcome = "salaried_headcount";

    /// <summary>The standard normal quantile at 97.5% (two-sided 95% intervals).</summary>
    internal const double Z975 = 1.959963984540054;

    /// <summary>The bootstrap's own stream of random numbers (any fixed value: one seed, one sequence of draws).</summary>
    private const ulong BootstrapStream = 0xB0075;

    // Mammen's weights: (1 − √5)/2 with probability (√5 + 1)/(2√5), else (1 + √5)/2.
    private static readonly double Sqrt5 = Math.Sqrt(5);
    private static readonly double MammenLow = (1 - Sqrt5) / 2;
    private static readonly double MammenHigh = (1 + Sqrt5) / 2;
    private static readonly double MammenLowProbability = (Sqrt5 + 1) / (2 * Sqrt5);

    /// <summary>Estimates the effect of labelling on one outcome column.</summary>
    /// <param name="panel">The panel.</param>
    /// <param name="outcome">An outcome column of the panel, e.g. <see cref="DefaultOutcome"/>.</param>
    /// <param name="options">Bootstrap draws and seed.</param>
    /// <exception cref="ImpactException">
    /// The outcome is not in the panel, B is out of range, there is no never-treated unit, or no group is observed
    /// after labelling together with comparison units; the message is French.
    /// </exception>
    public static EvaluationResult Estimate(Panel panel, string outcome, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        options = options.Validated();
        if (!panel.Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            throw new ImpactException($"Colonne de résultat « {outcome} » absente du panel (colonnes disponibles : {string.Join(", ", panel.Outcomes)}).");
        }

        var design = Design.Of(panel, outcome);
        var cells = GroupTimeCells(panel, design);
        var post = cells.Where(c => c.T >= c.G).ToList();
        if (post.Count == 0)
        {
            throw new ImpactException($"Évaluation impossible pour « {outcome} » : aucune unité labellisée n'est observée après sa labellisation et au trimestre qui la précède en même temps que des unités de comparaison.");
        }

        // Every estimate is a weighted sum of cells: the cells themselves, then the event-study points, then the overall ATT.
        var targets = new List<Target>(cells.Count + 64);
        targets.AddRange(cells.Select((c, k) => new Target([k], [1.0])));
        var eventTimes = cells.Select(c => c.T - c.G).Distinct().Order().ToList();
        foreach (var e in eventTimes)
        {
            targets.Add(Weighted(cells, design, c => c.T - c.G == e));
        }

        targets.Add(Weighted(cells, design, c => c.T >= c.G));
        var estimates = targets.Select(t => t.Cells.Select((cell, i) => t.Weights[i] * cells[cell].Att).Sum()).ToArray();
        var draws = Bootstrap(panel.Units.Count, cells, targets, options);
        var se = StandardErrors(draws, targets.Count, options.Bootstrap);
        var negligible = 1e-9 * Math.Max(1, design.Scale);

        var eventTargets = Enumerable.Range(cells.Count, eventTimes.Count).ToList();
        var banded = eventTargets.Where(k => se[k] > negligible).ToList();
        var critical = banded.Count == 0 ? Z975 : SupTQuantile(draws, targets.Count, options.Bootstrap, banded, se, 0.95);
        var leads = eventTargets.Where(k => eventTimes[k - cells.Count] <= -2 && se[k] > negligible).ToList();
        double? pretrend = leads.Count == 0 ? null : SupTPValue(draws, targets.Count, options.Bootstrap, leads, se, estimates);

        var groupTime = cells.Select((c, k) => new GroupTimeAtt
        {
            Group = panel.FirstQuarter.AddQuarters(c.G),
            Quarter = panel.FirstQuarter.AddQuarters(c.T),
            Att = estimates[k],
            Se = se[k],
            CiLow = estimates[k] - (Z975 * se[k]),
            CiHigh = estimates[k] + (Z975 * se[k]),
            TreatedUnits = c.Treated,
            ControlUnits = c.Controls,
        }).ToList();

        var eventStudy = eventTimes.Select((e, i) =>
        {
            var k = cells.Count + i;
            var inCells = cells.Where(c => c.T - c.G == e).ToList();
            var bandWidth = se[k] > negligible ? critical * se[k] : 0;
            return new EventStudyPoint
            {
                EventTime = e,
                Estimate = estimates[k],
                Se = se[k],
                CiLow = estimates[k] - (Z975 * se[k]),
                CiHigh = estimates[k] + (Z975 * se[k]),
                BandLow = estimates[k] - bandWidth,
                BandHigh = estimates[k] + bandWidth,
                Groups = inCells.Count,
                TreatedUnits = inCells.Sum(c => c.Treated),
            };
        }).ToList();

        var overall = targets.Count - 1;
        var groups = cells.Select(c => c.G).Distinct().Order()
            .Select(g => new TreatmentGroup(panel.FirstQuarter.AddQuarters(g), design.GroupSize[g])).ToList();
        var summary = new EvaluationSummary
        {
            Outcome = outcome,
            OverallAtt = estimates[overall],
            Se = se[overall],
            CiLow = estimates[overall] - (Z975 * se[overall]),
            CiHigh = estimates[overall] + (Z975 * se[overall]),
            PretrendPValue = pretrend,
            PretrendLeads = leads.Count,
            TreatedUnits = groups.Sum(g => g.Units),
            ControlUnits = design.Controls.Count,
            ExcludedUnits = design.Excluded,
            Groups = groups,
            FirstQuarter = panel.FirstQuarter,
            LastQuarter = panel.LastQuarter,
            Bootstrap = options.Bootstrap,
            Seed = options.Seed,
            BandCriticalValue = critical,
        };
        return new EvaluationResult(summary, groupTime, eventStudy);
    }

    /// <summary>Estimates the effect on every outcome column of the panel, in the panel's column order, with the same options.</summary>
    /// <exception cref="ImpactException">See <see cref="Estimate"/>.</exception>
    public static IReadOnlyList<EvaluationResult> EstimateAll(Panel panel, EvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(panel);
        return [.. panel.Outcomes.Select(o => Estimate(panel, o, options))];
    }

    /// <summary>
    /// The cells, sorted by g then t. For each, the estimate and the influence terms: +(ΔY − mean) / √(n(n−1)) for
    /// the treated units, −(ΔY − mean) / √(n(n−1)) for the comparison units (0 when a side has a single unit).
    /// </summary>
    private static List<Cell> GroupTimeCells(Panel panel, Design design)
    {
        var quarters = panel.QuarterCount;
        var y = design.Values;
        var cells = new List<Cell>();
        foreach (var (g, members) in design.Groups)
        {
            var b = g - 1;
            for (var t = 0; t < quarters; t++)
            {
                var treated = Changes(members, t, b);
                var controls = Changes(design.Controls, t, b);
                if (treated.Count == 0 || controls.Count == 0)
                {
                    continue;
                }

                var treatedMean = Mean(treated);
                var controlMean = Mean(controls);
                var units = new int[treated.Count + controls.Count];
                var terms = new double[units.Length];
                Fill(treated, treatedMean, 1, 0);
                Fill(controls, controlMean, -1, treated.Count);
                cells.Add(new Cell(g, t, treatedMean - controlMean, treated.Count, controls.Count, units, terms));

                void Fill(List<(int Unit, double Change)> side, double mean, double sign, int offset)
                {
                    var scale = side.Count > 1 ? sign / Math.Sqrt(side.Count * (side.Count - 1.0)) : 0;
                    for (var i = 0; i < side.Count; i++)
                    {
                        units[offset + i] = side[i].Unit;
                        terms[offset + i] = scale * (side[i].Change - mean);
                    }
                }
            }
        }

        return cells;

        List<(int Unit, double Change)> Changes(List<int> members, int t, int b)
        {
            var changes = new List<(int, double)>(members.Count);
            foreach (var u in members)
            {
                var now = y[(u * quarters) + t];
                var before = y[(u * quarters) + b];
                if (!double.IsNaN(now) && !double.IsNaN(before))
                {
                    changes.Add((u, now - before));
                }
            }

            return changes;
        }
    }

    private static double Mean(List<(int Unit, double Change)> side)
    {
        var sum = 0.0;
        foreach (var (_, change) in side)
        {
            sum += change;
        }

        return sum / side.Count;
    }

    /// <summary>The average of the selected cells weighted by group size.</summary>
    private static Target Weighted(List<Cell> cells, Design design, Func<Cell, bool> select)
    {
        var chosen = cells.Select((c, k) => (Cell: c, Index: k)).Where(x => select(x.Cell)).ToList();
        double total = chosen.Sum(x => design.GroupSize[x.Cell.G]);
        return new Target([.. chosen.Select(x => x.Index)], [.. chosen.Select(x => design.GroupSize[x.Cell.G] / total)]);
    }

    /// <summary>
    /// B draws of every target's deviation from its estimate, draw-major: draws[b × targets + k]. Draw b gives each unit
    /// a Mammen weight V(i); a cell's deviation is Σ V(i)·ψ(i) over its units; an aggregate's is its weighted sum of cells'.
    /// </summary>
    private static double[] Bootstrap(int unitCount, List<Cell> cells, List<Target> targets, EvaluationOptions options)
    {
        var random = new Statistics.SeededRandom(options.Seed, BootstrapStream);
        var draws = new double[options.Bootstrap * targets.Count];
        var v = new double[unitCount];
        for (var b = 0; b < options.Bootstrap; b++)
        {
            for (var i = 0; i < unitCount; i++)
            {
                v[i] = random.NextDouble() < MammenLowProbability ? MammenLow : MammenHigh;
            }

            var row = draws.AsSpan(b * targets.Count, targets.Count);
            for (var k = 0; k < cells.Count; k++)
            {
                var units = cells[k].Units;
                var terms = cells[k].Terms;
                var sum = 0.0;
                for (var j = 0; j < units.Length; j++)
                {
                    sum += v[units[j]] * terms[j];
                }

                row[k] = sum;
            }

            for (var k = cells.Count; k < targets.Count; k++)
            {
                var (targetCells, weights) = (targets[k].Cells, targets[k].Weights);
                var sum = 0.0;
                for (var j = 0; j < targetCells.Length; j++)
                {
                    sum += weights[j] * row[targetCells[j]];
                }

                row[k] = sum;
            }
        }

        return draws;
    }

    private static double[] StandardErrors(double[] draws, int targetCount, int bootstrap)
    {
        var se = new double[targetCount];
        for (var k = 0; k < targetCount; k++)
        {
            var mean = 0.0;
            for (var b = 0; b < bootstrap; b++)
            {
                mean += draws[(b * targetCount) + k];
            }

            mean /= bootstrap;
            var squares = 0.0;
            for (var b = 0; b < bootstrap; b++)
            {
                var d = draws[(b * targetCount) + k] - mean;
                squares += d * d;
            }

            se[k] = Math.Sqrt(squares / (bootstrap - 1));
        }

        return se;
    }

    /// <summary>For each draw, max over <paramref name="chosen"/> of |deviation| / se.</summary>
    private static double[] MaxT(double[] draws, int targetCount, int bootstrap, List<int> chosen, double[] se)
    {
        var max = new double[bootstrap];
        for (var b = 0; b < bootstrap; b++)
        {
            var m = 0.0;
            foreach (var k in chosen)
            {
                m = Math.Max(m, Math.Abs(draws[(b * targetCount) + k]) / se[k]);
            }

            max[b] = m;
        }

        return max;
    }

    /// <summary>The sup-t critical value: the <paramref name="level"/> quantile (type 7, see <see cref="Indicators.Quantile"/>) of the draws' max |t|.</summary>
    private static double SupTQuantile(double[] draws, int targetCount, int bootstrap, List<int> chosen, double[] se, double level)
    {
        var max = MaxT(draws, targetCount, bootstrap, chosen, se);
        var sorted = max.Select(m => (decimal)m).Order().ToList();
        return (double)Indicators.Quantile.OfSorted(sorted, (decimal)level);
    }

    /// <summary>The bootstrap p-value of max |estimate| / se over <paramref name="chosen"/>: (1 + #{draws at least as large}) / (B + 1).</summary>
    private static double SupTPValue(double[] draws, int targetCount, int bootstrap, List<int> chosen, double[] se, double[] estimates)
    {
        var observed = chosen.Max(k => Math.Abs(estimates[k]) / se[k]);
        var max = MaxT(draws, targetCount, bootstrap, chosen, se);
        var atLeast = max.Count(m => m >= observed);
        return (1.0 + atLeast) / (bootstrap + 1.0);
    }

    /// <summary>One group-time cell: g and t as quarter indexes from the panel's first quarter, and its influence terms.</summary>
    private sealed record Cell(int G, int T, double Att, int Treated, int Controls, int[] Units, double[] Terms);

    /// <summary>An estimate as a weighted sum of cells: Σ Weights[j] · cell Cells[j].</summary>
    private sealed record Target(int[] Cells, double[] Weights);

    /// <summary>Who is compared with whom for one outcome.</summary>
    private sealed class Design
    {
        public required double[] Values { get; init; }

        /// <summary>Never-treated units with at least one observed value.</summary>
        public required List<int> Controls { get; init; }

        /// <summary>Treated units with at least one observed value, by first treated quarter (index from the panel's first quarter, ≥ 1).</summary>
        public required SortedDictionary<int, List<int>> Groups { get; init; }

        public required Dictionary<int, int> GroupSize { get; init; }

        /// <summary>Units treated at or before the panel's first quarter.</summary>
        public required int Excluded { get; init; }

        /// <summary>The largest absolute value of the outcome, to tell a zero standard error from rounding noise.</summary>
        public required double Scale { get; init; }

        public static Design Of(Panel panel, string outcome)
        {
            var y = panel.Series(outcome);
            var quarters = panel.QuarterCount;
            var controls = new List<int>();
            var groups = new SortedDictionary<int, List<int>>();
            var excluded = 0;
            var scale = 0.0;
            for (var u = 0; u < panel.Units.Count; u++)
            {
                var observed = false;
                for (var t = 0; t < quarters; t++)
                {
                    var value = y[(u * quarters) + t];
                    if (!double.IsNaN(value))
                    {
                        observed = true;
                        scale = Math.Max(scale, Math.Abs(value));
                    }
                }

                var first = panel.Units[u].FirstTreatedQuarter;
                if (first is null || first.Value > panel.LastQuarter)
                {
                    if (observed)
                    {
                        controls.Add(u);
                    }

                    continue;
                }

                var g = first.Value.QuartersSince(panel.FirstQuarter);
                if (g <= 0)
                {
                    excluded++;
                    continue;
                }

                if (observed)
                {
                    if (!groups.TryGetValue(g, out var members))
                    {
                        groups.Add(g, members = []);
                    }

                    members.Add(u);
                }
            }

            if (controls.Count == 0)
            {
                throw new ImpactException($"Évaluation impossible pour « {outcome} » : le panel ne compte aucune unité jamais labellisée ({PanelCsv.FirstTreatedColumn} vide), donc aucun groupe de comparaison.");
            }

            if (groups.Count == 0)
            {
                throw new ImpactException(string.Create(CultureInfo.InvariantCulture,
                    $"Évaluation impossible pour « {outcome} » : aucune unité labellisée entre {panel.FirstQuarter.AddQuarters(1)} et {panel.LastQuarter} (il faut au moins un trimestre observé avant la labellisation)."));
            }

            return new Design
            {
                Values = y,
                Controls = controls,
                Groups = groups,
                GroupSize = groups.ToDictionary(g => g.Key, g => g.Value.Count),
                Excluded = excluded,
                Scale = scale,
            };
        }
    }
}
