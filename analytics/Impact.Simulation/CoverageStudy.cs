using Impact.Analytics.Evaluation;
using Impact.Analytics.Statistics;
using System.Globalization;
using System.Text;

namespace Impact.Simulation;

/// <summary>What <see cref="CoverageStudy.Run"/> simulates and estimates. Immutable; the defaults are the scheme's cohort.</summary>
public sealed record CoverageStudyOptions
{
    /// <summary>Simulated panels (default 200).</summary>
    public int Replications { get; init; } = 200;

    /// <summary>Laureate workshops per panel (default 100; as many never-treated applicants).</summary>
    public int Workshops { get; init; } = 100;

    /// <summary>Quarters simulated from the first wave (default 12; the panel adds 8 quarters before it).</summary>
    public int Quarters { get; init; } = 12;

    /// <summary>The true long-run effect on salaried headcount (default +1.5 jobs; 0 for a study under no effect).</summary>
    public decimal TrueEffectJobs { get; init; } = 1.5m;

    /// <summary>Bootstrap draws per estimate (default 199: enough for a 95% interval and a 5% test, five times cheaper than 999).</summary>
    public int Bootstrap { get; init; } = 199;

    /// <summary>The seed of the first replication; replication r uses seed <c>FirstSeed + r</c> for both the simulation and the bootstrap.</summary>
    public int FirstSeed { get; init; } = 1;
}

/// <summary>
/// How the estimator behaves on panels with a known effect: how often the 95% interval of the overall ATT covers the
/// true one, its bias, and how often the pre-trend test rejects (parallel trends hold in every simulated panel, so
/// each rejection is a false alarm).
/// </summary>
public sealed record CoverageStudyResult
{
    /// <summary>The options used.</summary>
    public required CoverageStudyOptions Options { get; init; }

    /// <summary>Replications whose 95% interval contains the true overall ATT.</summary>
    public required int Covered { get; init; }

    /// <summary>The share of replications whose interval covers the truth (nominal 0.95).</summary>
    public double Coverage => (double)Covered / Options.Replications;

    /// <summary>The Monte Carlo standard error of <see cref="Coverage"/>: √(c(1 − c)/R).</summary>
    public double CoverageMonteCarloSe => Math.Sqrt(Coverage * (1 - Coverage) / Options.Replications);

    /// <summary>Replications whose simultaneous band contains the whole true event-study curve (0 before labelling).</summary>
    public required int BandCovered { get; init; }

    /// <summary>The share of replications whose band covers the whole true curve (nominal 0.95).</summary>
    public double BandCoverage => (double)BandCovered / Options.Replications;

    /// <summary>The mean true overall ATT (the simulator's <c>att_simple</c>; it is the same in every replication).</summary>
    public required double MeanTruth { get; init; }

    /// <summary>The mean of the estimates minus the truth.</summary>
    public required double Bias { get; init; }

    /// <summary>The Monte Carlo standard error of <see cref="Bias"/> (the estimates' standard deviation over √R).</summary>
    public required double BiasMonteCarloSe { get; init; }

    /// <summary>The standard deviation of the estimates across replications (the true sampling error).</summary>
    public required double EstimateSd { get; init; }

    /// <summary>The mean bootstrap standard error (close to <see cref="EstimateSd"/> when the bootstrap is right).</summary>
    public required double MeanSe { get; init; }

    /// <summary>Replications where the pre-trend test rejects at the 5% level (p ≤ 0.05).</summary>
    public required int PretrendRejections { get; init; }

    /// <summary>Replications with a pre-trend test.</summary>
    public required int PretrendTests { get; init; }

    /// <summary>The pre-trend test's rejection rate (nominal 0.05).</summary>
    public double PretrendRejectionRate => PretrendTests == 0 ? 0 : (double)PretrendRejections / PretrendTests;

    /// <summary>The figures in French, for the person who ran the study.</summary>
    public string ToFrenchText()
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var o = Options;
        var text = new StringBuilder();
        text.AppendLine(string.Format(fr, "Étude de couverture : {0} panels simulés ({1} manufactures et autant de candidats non retenus, {2} trimestres après la première vague, effet vrai de long terme : {3} emploi(s) salarié(s) par manufacture), B = {4}, graines {5} à {6}.",
            o.Replications, o.Workshops, o.Quarters, o.TrueEffectJobs, o.Bootstrap, o.FirstSeed, o.FirstSeed + o.Replications - 1));
        text.AppendLine(string.Format(fr, "- couverture de l'IC 95 % de l'effet global : {0:0.0} % (erreur Monte-Carlo {1:0.0} points ; nominal 95 %)", 100 * Coverage, 100 * CoverageMonteCarloSe));
        text.AppendLine(string.Format(fr, "- couverture de la bande simultanée 95 % (toute la courbe vraie dans la bande) : {0:0.0} % (nominal 95 %)", 100 * BandCoverage));
        text.AppendLine(string.Format(fr, "- effet global vrai : {0:0.0000} ; biais moyen : {1:+0.0000;-0.0000;0.0000} (erreur Monte-Carlo {2:0.0000})", MeanTruth, Bias, BiasMonteCarloSe));
        text.AppendLine(string.Format(fr, "- écart-type des estimations : {0:0.0000} ; erreur-type bootstrap moyenne : {1:0.0000}", EstimateSd, MeanSe));
        text.AppendLine(string.Format(fr, "- test de tendances préalables : {0} rejets sur {1} ({2:0.0} % ; nominal 5 %)", PretrendRejections, PretrendTests, 100 * PretrendRejectionRate));
        return text.ToString();
    }
}

/// <summary>
/// The coverage study of docs/impact-evaluation.md: simulates many panels as <see cref="CohortSimulator"/> does (a known
/// effect, parallel trends by construction, about 5% of units missing some quarters), estimates the effect on salaried
/// headcount in each, and compares with the truth the simulator writes (truth/effect.json, <c>att_simple</c>).
/// Replications run in parallel; the result depends only on the options.
/// </summary>
public static class CoverageStudy
{
    /// <summary>
    /// The evaluation panel and its true effects exactly as <see cref="CohortSimulator.Simulate"/> writes them
    /// (evaluation/panel.csv, truth/effect.json), without simulating the returns, which the study does not read and
    /// which take about nine tenths of a cohort's simulation time. The same registry and panel streams as the
    /// simulator; a test checks that the bytes are the same.
    /// </summary>
    internal static (byte[] Csv, IReadOnlyList<SimulatedEffect> Effects) SimulatePanel(SimulationOptions options)
    {
        options.Check();
        var registry = SimulatedRegistry.Build(options, new SeededRandom(options.Seed, 1));
        return SimulatedPanel.Build(registry, options, new SeededRandom(options.Seed, 3));
    }

    /// <summary>Runs the study.</summary>
    /// <param name="options">Replications, cohort size, true effect, bootstrap draws, first seed.</param>
    /// <param name="progress">Told the number of replications done, now and then (may be null).</param>
    /// <exception cref="ArgumentOutOfRangeException">Replications under 2, or a simulation setting out of range.</exception>
    public static CoverageStudyResult Run(CoverageStudyOptions options, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Replications, 2);
        var evaluation = new EvaluationOptions { Bootstrap = options.Bootstrap }.Validated();
        var runs = new (double Estimate, double Truth, double Se, bool Covered, bool BandCovered, double? Pretrend)[options.Replications];
        var done = 0;
        Parallel.For(0, options.Replications, r =>
        {
            var seed = options.FirstSeed + r;
            var (csv, effects) = SimulatePanel(new SimulationOptions
            {
                Workshops = options.Workshops,
                Quarters = options.Quarters,
                Seed = seed,
                TrueEffectJobs = options.TrueEffectJobs,
            });
            var panel = PanelCsv.Read(Encoding.UTF8.GetString(csv));
            var effect = effects.Single(e => e.Outcome == ImpactEstimator.DefaultOutcome);
            var truth = (double)effect.AttSimple;
            var result = ImpactEstimator.Estimate(panel, ImpactEstimator.DefaultOutcome, evaluation with { Seed = seed });
            var curve = effect.EventTime.ToDictionary(p => p.EventTime, p => (double)p.Effect);
            var bandCovered = result.EventStudy.All(p => curve.GetValueOrDefault(p.EventTime) is var tau && p.BandLow <= tau && tau <= p.BandHigh);
            var s = result.Summary;
            runs[r] = (s.OverallAtt, truth, s.Se, s.CiLow <= truth && truth <= s.CiHigh, bandCovered, s.PretrendPValue);
            var count = Interlocked.Increment(ref done);
            if (count % 50 == 0 || count == options.Replications)
            {
                progress?.Report(count);
            }
        });

        var errors = runs.Select(x => x.Estimate - x.Truth).ToList();
        var bias = errors.Average();
        var sd = Math.Sqrt(errors.Sum(e => (e - bias) * (e - bias)) / (errors.Count - 1));
        return new CoverageStudyResult
        {
            Options = options,
            Covered = runs.Count(x => x.Covered),
            BandCovered = runs.Count(x => x.BandCovered),
            MeanTruth = runs.Average(x => x.Truth),
            Bias = bias,
            BiasMonteCarloSe = sd / Math.Sqrt(errors.Count),
            EstimateSd = sd,
            MeanSe = runs.Average(x => x.Se),
            PretrendRejections = runs.Count(x => x.Pretrend <= 0.05),
            PretrendTests = runs.Count(x => x.Pretrend is not null),
        };
    }
}
