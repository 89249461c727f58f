namespace Impact.Analytics.Risk;

/// <summary>
/// The figures of a ranking against labels (docs/risk-model.md): average precision, ROC AUC, precision at the top k of
/// each quarter, Brier score, calibration and alert volume. Pure functions over parallel lists; ties are handled so that
/// the order of rows never changes a figure.
/// </summary>
internal static class RiskEvaluation
{
    /// <summary>Bins of the calibration table.</summary>
    public const int CalibrationBins = 5;

    /// <summary>The k of the first precision at the top k.</summary>
    public const int TopK = 10;

    /// <summary>Every figure of one source.</summary>
    /// <param name="name">The source's name.</param>
    /// <param name="scores">The ranking score of each row (higher = riskier).</param>
    /// <param name="probabilities">The probability of each row, for Brier and calibration.</param>
    /// <param name="labels">The label of each row.</param>
    /// <param name="quarters">The quarter of each row.</param>
    /// <param name="amber">Which rows the source flags amber or red (every alert), with the rule in words.</param>
    /// <param name="red">Which rows the source flags red, with the rule in words.</param>
    /// <param name="capacity">The second k of the precision at the top k.</param>
    /// <param name="brierNote">How the probabilities were obtained, when that needs saying.</param>
    public static SourceMetrics Evaluate(
        string name, IReadOnlyList<double> scores, IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, IReadOnlyList<Quarter> quarters,
        (IReadOnlyList<bool> Flagged, string Rule) amber, (IReadOnlyList<bool> Flagged, string Rule) red, int capacity, string? brierNote) => new()
        {
            Name = name,
            Auprc = AveragePrecision(scores, labels),
            RocAuc = RocAuc(scores, labels),
            PrecisionAt10 = PrecisionAtTop(scores, labels, quarters, TopK),
            PrecisionAtCapacity = PrecisionAtTop(scores, labels, quarters, capacity),
            Capacity = capacity,
            Brier = Brier(probabilities, labels),
            BrierNote = brierNote,
            Calibration = Calibration(probabilities, labels, CalibrationBins),
            Alerts =
            [
                Alerts("amber", amber.Rule, amber.Flagged, labels, quarters),
                Alerts("red", red.Rule, red.Flagged, labels, quarters),
            ],
        };

    /// <summary>
    /// Average precision: Σ over distinct score thresholds, highest first, of (recall gained) × (precision at that
    /// threshold); tied scores enter together. 0 when there is no positive.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        if (positives == 0)
        {
            return 0;
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToList();
        double ap = 0;
        var truePositives = 0;
        var seen = 0;
        for (var start = 0; start < order.Count;)
        {
            var end = start;
            var gained = 0;
            while (end < order.Count && scores[order[end]].Equals(scores[order[start]]))
            {
                gained += labels[order[end]] ? 1 : 0;
                end++;
            }

            seen += end - start;
            truePositives += gained;
            ap += (double)gained / positives * ((double)truePositives / seen);
            start = end;
        }

        return ap;
    }

    /// <summary>ROC AUC by the Mann–Whitney statistic with average ranks for ties; 0.5 when one class is absent.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToList();
        double rankSum = 0;
        for (var start = 0; start < order.Count;)
        {
            var end = start;
            while (end < order.Count && scores[order[end]].Equals(scores[order[start]]))
            {
                end++;
            }

            var averageRank = ((start + 1) + end) / 2.0;
            for (var j = start; j < end; j++)
            {
                rankSum += labels[order[j]] ? averageRank : 0;
            }

            start = end;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Precision among the k highest scores of each quarter (all of its rows when it has fewer), pooled: positives picked
    /// over rows picked. When the k-th place falls inside a group of tied scores, the places left are shared out in
    /// proportion (the expected precision of a random order among ties).
    /// </summary>
    public static double PrecisionAtTop(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, IReadOnlyList<Quarter> quarters, int k)
    {
        double picked = 0;
        double hits = 0;
        foreach (var quarter in Enumerable.Range(0, scores.Count).GroupBy(i => quarters[i]))
        {
            var rows = quarter.OrderByDescending(i => scores[i]).ToList();
            var left = Math.Min(k, rows.Count);
            for (var start = 0; start < rows.Count && left > 0;)
            {
                var end = start;
                while (end < rows.Count && scores[rows[end]].Equals(scores[rows[start]]))
                {
                    end++;
                }

                var size = end - start;
                var positives = Enumerable.Range(start, size).Count(j => labels[rows[j]]);
                var take = Math.Min(left, size);
                picked += take;
                hits += (double)positives * take / size;
                left -= take;
                start = end;
            }
        }

        return picked == 0 ? 0 : hits / picked;
    }

    /// <summary>Brier score: mean of (probability − label)².</summary>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels) =>
        probabilities.Count == 0 ? 0 : Enumerable.Range(0, probabilities.Count).Average(i => Math.Pow(probabilities[i] - (labels[i] ? 1 : 0), 2));

    /// <summary>Equal-count bins of rows sorted by probability (sizes differ by one at most): mean probability and observed rate.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels, int bins)
    {
        var order = Enumerable.Range(0, probabilities.Count).OrderBy(i => probabilities[i]).ThenBy(i => i).ToList();
        var result = new List<CalibrationBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            var from = order.Count * b / bins;
            var to = order.Count * (b + 1) / bins;
            if (to <= from)
            {
                continue;
            }

            var rows = order.GetRange(from, to - from);
            result.Add(new CalibrationBin(rows.Count, rows.Average(i => probabilities[i]), rows.Average(i => labels[i] ? 1.0 : 0.0)));
        }

        return result;
    }

    /// <summary>The rows <paramref name="flagged"/>: per quarter on average, share, precision.</summary>
    public static AlertVolume Alerts(string level, string rule, IReadOnlyList<bool> flagged, IReadOnlyList<bool> labels, IReadOnlyList<Quarter> quarters)
    {
        var rows = Enumerable.Range(0, flagged.Count).Where(i => flagged[i]).ToList();
        var quarterCount = quarters.Distinct().Count();
        return new AlertVolume(
            level,
            rule,
            quarterCount == 0 ? 0 : (double)rows.Count / quarterCount,
            flagged.Count == 0 ? 0 : (double)rows.Count / flagged.Count,
            rows.Count == 0 ? null : rows.Average(i => labels[i] ? 1.0 : 0.0));
    }
}

/// <summary>
/// Platt scaling: p = 1 / (1 + exp(−(a + b·x))), fitted by maximum likelihood (Newton's method, a tiny ridge for
/// stability). It maps a baseline's ranking score (the scorecard's points, the runway rule's shortfall) to a probability,
/// fitted on grouped folds, so that a score of 0.12 means about 12 % and Brier scores compare with the learned model's;
/// the ranking, hence AUPRC and AUC, is unchanged. metrics.json keeps the fit on every row for scoring.
/// </summary>
/// <param name="A">The intercept.</param>
/// <param name="B">The slope (positive when a higher score is riskier).</param>
public sealed record RiskCalibration(double A, double B)
{
    /// <summary>The probability of a ranking score.</summary>
    public double Probability(double x) => 1 / (1 + Math.Exp(-(A + (B * x))));

    /// <summary>The maximum-likelihood fit of <paramref name="labels"/> on <paramref name="x"/>.</summary>
    public static RiskCalibration Fit(IReadOnlyList<double> x, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        double a = 0, b = 0;
        const double Ridge = 1e-6;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double ga = 0, gb = 0, haa = Ridge, hab = 0, hbb = Ridge;
            for (var i = 0; i < x.Count; i++)
            {
                var p = 1 / (1 + Math.Exp(-(a + (b * x[i]))));
                var r = p - (labels[i] ? 1 : 0);
                var w = p * (1 - p);
                ga += r;
                gb += r * x[i];
                haa += w;
                hab += w * x[i];
                hbb += w * x[i] * x[i];
            }

            ga += Ridge * a;
            gb += Ridge * b;
            var det = (haa * hbb) - (hab * hab);
            if (det <= 0)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / det;
            var db = ((haa * gb) - (hab * ga)) / det;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        return new RiskCalibration(a, b);
    }
}
