using System.Text;
using Impact.Simulation;
using Impact.Analytics.Evaluation;

namespace Impact.Cli.Tests.Commands;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string In => Path.Combine(_folder.Root, "in");

    private string Out => Path.Combine(_folder.Root, "out");

    private string PanelFile => Path.Combine(In, "evaluation", "panel.csv");

    private async Task SimulateAsync() =>
        Assert.Equal(0, (await CliRun.RunAsync("simulate", "--workshops", "20", "--quarters", "6", "--seed", "3", "--out", In)).ExitCode);

    [Fact]
    public async Task Evaluate_SimulatedFolder_WritesEveryOutcomeAndPrintsTheFrenchReading()
    {
        await SimulateAsync();

        var run = await CliRun.RunAsync("evaluate", "--in", In, "--out", Out, "--bootstrap", "199", "--seed", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var panel = PanelCsv.Read(File.ReadAllText(PanelFile));
        var results = ImpactEstimator.EstimateAll(panel, new EvaluationOptions { Bootstrap = 199, Seed = 2 });
        var folder = Path.Combine(Out, "evaluation");
        var files = EvaluationFiles.Build(results);
        Assert.Equal(
            ["att.csv", "att_own_revenue_eur.csv", "event_study.csv", "event_study_own_revenue_eur.csv", "summary.json", "summary_own_revenue_eur.json"],
            Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal(file.Content.ToArray(), File.ReadAllBytes(Path.Combine(folder, file.Name)));
        }

        Assert.StartsWith("g,t,att,se,ci_low,ci_high", File.ReadAllText(Path.Combine(folder, "att.csv")), StringComparison.Ordinal);
        Assert.Contains("\"outcome\": \"salaried_headcount\"", File.ReadAllText(Path.Combine(folder, "summary.json")), StringComparison.Ordinal);

        var jobs = results[0];
        var revenue = results[1];
        var expected =
            "Évaluation d'impact : panel de 40 unités de T4 2019 à T1 2023, 20 manufactures labellisées en 3 vagues comparées à 20 candidats jamais labellisés ; bootstrap de 199 tirages, graine 2.\n"
            + "salaried_headcount :\n"
            + "  " + jobs.ToFrenchReading() + ".\n"
            + "  " + jobs.ToFrenchReading(jobs.HorizonWithAllGroups!.Value) + ".\n"
            + "  " + jobs.ToFrenchPretrendReading() + "\n"
            + "own_revenue_eur :\n"
            + "  " + revenue.ToFrenchReading() + ".\n"
            + "  " + revenue.ToFrenchReading(revenue.HorizonWithAllGroups!.Value) + ".\n"
            + "  " + revenue.ToFrenchPretrendReading() + "\n"
            + "Fichiers écrits :\n"
            + string.Concat(files.Select(f => "  " + Path.Combine(Path.GetFullPath(folder), f.Name) + "\n"));
        Assert.Equal(expected, run.Output.ReplaceLineEndings("\n"));
        Assert.Contains(" emploi", jobs.ToFrenchReading(), StringComparison.Ordinal);
        Assert.Equal(2, jobs.HorizonWithAllGroups); // waves at 2021-Q4, 2022-Q1, 2022-Q3; the last quarter is 2023-Q1
    }

    [Fact]
    public async Task Evaluate_OneOutcome_WritesItUnsuffixed()
    {
        await SimulateAsync();

        var run = await CliRun.RunAsync("evaluate", "--in", In, "--out", Out, "--outcome", "own_revenue_eur", "--bootstrap", "99");

        Assert.Equal(0, run.ExitCode);
        var folder = Path.Combine(Out, "evaluation");
        Assert.Equal(["att.csv", "event_study.csv", "summary.json"], Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var expected = ImpactEstimator.Estimate(PanelCsv.Read(File.ReadAllText(PanelFile)), "own_revenue_eur", new EvaluationOptions { Bootstrap = 99, Seed = 1 });
        Assert.Equal(EvaluationJson.WriteSummary(expected), File.ReadAllBytes(Path.Combine(folder, "summary.json")));
        Assert.Contains("€ de recettes propres par manufacture et par trimestre en moyenne depuis la labellisation", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_NoPanel_ExitsTwoInFrenchAndWritesNothing()
    {
        Directory.CreateDirectory(In);

        var run = await CliRun.RunAsync("evaluate", "--in", In, "--out", Out);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"Erreur : panel d'évaluation introuvable : {Path.GetFullPath(PanelFile)} (attendu : evaluation/panel.csv dans le dossier d'entrée).\n", run.Error.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("unit_id,quarter,y\nA,2022-Q1,1\n", "Erreur : panel.csv : colonnes manquantes : first_treated_quarter.")]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,,un\nA,2022-Q2,,2\n",
        "Erreur : panel.csv illisible : ligne 2, colonne y : valeur « un » invalide, un nombre est attendu (point décimal, par exemple 4.25) ou une cellule vide.")]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,,1\nA,2022-Q2,,2\n",
        "Erreur : Évaluation impossible pour « y » : aucune unité labellisée entre 2022-Q2 et 2022-Q2 (il faut au moins un trimestre observé avant la labellisation).")]
    public async Task Evaluate_BadPanel_ExitsTwoInFrench(string csv, string message)
    {
        _folder.Write(Path.Combine("in", "evaluation", "panel.csv"), Encoding.UTF8.GetBytes(csv));

        var run = await CliRun.RunAsync("evaluate", "--in", In, "--out", Out);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message + "\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Evaluate_UnknownOutcome_ExitsTwoInFrench()
    {
        await SimulateAsync();

        var run = await CliRun.RunAsync("evaluate", "--in", In, "--out", Out, "--outcome", "visitors");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Erreur : Colonne de résultat « visitors » absente du panel (colonnes disponibles : salaried_headcount, own_revenue_eur).\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(new[] { "evaluate" }, "Indiquez --in et --out (dossiers d'entrée et de sortie), ou --coverage-study N.")]
    [InlineData(new[] { "evaluate", "--in", "x" }, "Indiquez --in et --out (dossiers d'entrée et de sortie), ou --coverage-study N.")]
    [InlineData(new[] { "evaluate", "--in", "x", "--out", "y", "--bootstrap", "5" }, "--bootstrap doit être un nombre entier compris entre 19 et 100000 (reçu : « 5 »).")]
    [InlineData(new[] { "evaluate", "--in", "x", "--out", "y", "--seed", "-1" }, "--seed doit être un nombre entier compris entre 0 et 2147483647 (reçu : « -1 »).")]
    [InlineData(new[] { "evaluate", "--coverage-study", "10", "--in", "x" }, "--coverage-study simule ses propres panels : il ne se combine pas avec --in, --out ni --outcome.")]
    [InlineData(new[] { "evaluate", "--coverage-study", "1" }, "--coverage-study doit être un nombre entier compris entre 2 et 100000 (reçu : « 1 »).")]
    [InlineData(new[] { "evaluate", "--coverage-study", "10", "--effect", "1,5" }, "--effect doit être un nombre entre -100 et 100, avec un point décimal (reçu : « 1,5 »).")]
    public async Task Evaluate_UsageErrorsExitTwoInFrench(string[] args, string message)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Erreur d'utilisation : {message}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_CoverageStudy_PrintsTheFigures()
    {
        var run = await CliRun.RunAsync("evaluate", "--coverage-study", "4", "--effect", "0.5", "--bootstrap", "49", "--seed", "9");

        Assert.Equal(0, run.ExitCode);
        var expected = CoverageStudy.Run(new CoverageStudyOptions { Replications = 4, TrueEffectJobs = 0.5m, Bootstrap = 49, FirstSeed = 9 });
        Assert.Equal("Étude de couverture sur 4 cohortes simulées…\n" + expected.ToFrenchText().ReplaceLineEndings("\n"), run.Output.ReplaceLineEndings("\n"));
    }
}
