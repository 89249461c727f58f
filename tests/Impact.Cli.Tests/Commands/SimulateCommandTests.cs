using System.Globalization;
using Impact.Simulation;

namespace Impact.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Out => Path.Combine(_folder.Root, "cohorte");

    [Fact]
    public async Task Simulate_WritesTheCohortWithReceiptTimes()
    {
        var run = await CliRun.RunAsync("simulate", "--workshops", "12", "--quarters", "6", "--seed", "7", "--out", Out);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);

        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 12, Quarters = 6, Seed = 7 });
        foreach (var file in cohort.Files)
        {
            var path = Path.Combine(Out, file.Path);
            Assert.Equal(file.Content.ToArray(), File.ReadAllBytes(path));
            if (file.FileTime is { } time)
            {
                Assert.Equal(time.UtcDateTime, File.GetLastWriteTimeUtc(path));
            }
        }

        Assert.Equal(cohort.Files.Count, Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Count());
        Assert.True(File.Exists(Path.Combine(Out, "registry", "workshops.csv")));
        Assert.True(File.Exists(Path.Combine(Out, "registry", "outcomes.csv")));
        Assert.True(File.Exists(Path.Combine(Out, "evaluation", "panel.csv")));
        Assert.True(File.Exists(Path.Combine(Out, "truth", "effect.json")));

        // Timeliness can be read from file times: each return's time is its received_at in the truth.
        var truth = File.ReadAllLines(Path.Combine(Out, "truth", "returns.csv")).Skip(1).Select(l => l.Split(','))
            .Where(cells => cells[3] == "true").ToList();
        Assert.Equal(cohort.ReturnsWritten, truth.Count);
        Assert.All(truth, cells => Assert.Equal(
            DateTime.Parse(cells[4], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            File.GetLastWriteTimeUtc(Path.Combine(Out, cells[11]))));

        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture,
                $"Simulation terminée : 12 manufactures suivies de 2021-Q4 à 2023-Q1 (graine 7, monde default) ; {cohort.ReturnsWritten} retours écrits, dont {cohort.LateReturns} en retard et {cohort.ErroneousReturns} erronés ; {cohort.MissingReturns} retours manquants ; {cohort.Closures} fermetures. Dossier : {Path.GetFullPath(Out)} (registre, retours, panel d'évaluation, vérité terrain dans truth/).\n"),
            run.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Simulate_AnotherWorld_WritesThatWorldsCohort()
    {
        var run = await CliRun.RunAsync("simulate", "--workshops", "20", "--quarters", "6", "--seed", "4", "--world", "revenue-decline", "--out", Out);
        Assert.Equal(0, run.ExitCode);
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 20, Quarters = 6, Seed = 4, World = SimulatedWorld.RevenueDecline });
        Assert.Contains("(graine 4, monde revenue-decline)", run.Output, StringComparison.Ordinal);
        Assert.All(cohort.Files.Where(f => f.Path.StartsWith("returns/", StringComparison.Ordinal)), f =>
            Assert.Equal(f.Content.ToArray(), File.ReadAllBytes(Path.Combine(Out, f.Path))));

        var wrong = await CliRun.RunAsync("simulate", "--world", "mars", "--out", Out);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--world doit valoir default, cash-burn, revenue-decline, calm (reçu : « mars »).", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_DefaultsAreTheSchemeCohort()
    {
        var run = await CliRun.RunAsync("simulate", "--out", Out);
        Assert.Equal(0, run.ExitCode);
        var cohort = CohortSimulator.Simulate(new SimulationOptions());
        Assert.Equal(cohort.ReturnsWritten, Directory.EnumerateFiles(Path.Combine(Out, "returns"), "*.csv", SearchOption.AllDirectories).Count());
        Assert.Contains("100 manufactures suivies de 2021-Q4 à 2024-Q3 (graine 42, monde default)", run.Output, StringComparison.Ordinal);
        Assert.Equal(101, File.ReadAllLines(Path.Combine(Out, "registry", "workshops.csv")).Length);
    }

    [Fact]
    public async Task Simulate_ThenValidate_ValidReturnsAreAcceptedAndErroneousRejected()
    {
        Assert.Equal(0, (await CliRun.RunAsync("simulate", "--workshops", "20", "--quarters", "8", "--seed", "11", "--out", Out)).ExitCode);
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 20, Quarters = 8, Seed = 11 });
        var valid = cohort.Submissions.First(s => s.Submitted && !s.Erroneous);
        var accepted = await CliRun.RunAsync("validate", Path.Combine(Out, valid.Path!));
        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains("Résultat : ACCEPTÉ", accepted.Output, StringComparison.Ordinal);

        var erroneous = cohort.Submissions.First(s => s.Erroneous);
        var rejected = await CliRun.RunAsync("validate", Path.Combine(Out, erroneous.Path!), "--json");
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains($"\"rule\": \"{erroneous.ErrorRule}\"", rejected.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_IntoAFolderThatIsNotEmpty_ReplacesOnlyItsOwnFiles()
    {
        var other = _folder.Write(Path.Combine("cohorte", "notes.txt"), "à garder"u8.ToArray());
        var stale = _folder.Write(Path.Combine("cohorte", "registry", "workshops.csv"), "ancien"u8.ToArray());
        var run = await CliRun.RunAsync("simulate", "--workshops", "5", "--quarters", "2", "--out", Out);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("à garder"u8.ToArray(), File.ReadAllBytes(other));
        Assert.StartsWith("workshop_id,name,", File.ReadAllText(stale), StringComparison.Ordinal);
        Assert.Contains("Le dossier n'était pas vide : seuls les fichiers simulés ont été remplacés, les autres sont restés.", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--workshops", "0", "--workshops doit être un nombre entier compris entre 1 et 10000 (reçu : « 0 »).")]
    [InlineData("--workshops", "10001", "--workshops doit être un nombre entier compris entre 1 et 10000 (reçu : « 10001 »).")]
    [InlineData("--workshops", "cent", "--workshops doit être un nombre entier compris entre 1 et 10000 (reçu : « cent »).")]
    [InlineData("--quarters", "0", "--quarters doit être un nombre entier compris entre 1 et 40 (reçu : « 0 »).")]
    [InlineData("--quarters", "41", "--quarters doit être un nombre entier compris entre 1 et 40 (reçu : « 41 »).")]
    [InlineData("--seed", "-1", "--seed doit être un nombre entier compris entre 0 et 2147483647 (reçu : « -1 »).")]
    public async Task Simulate_OutOfRangeIsAUsageError(string option, string value, string message)
    {
        var run = await CliRun.RunAsync("simulate", option, value, "--out", Out);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Erreur d'utilisation : " + message, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Simulate_WithoutOutIsAUsageError()
    {
        var run = await CliRun.RunAsync("simulate", "--workshops", "3");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
    }
}
