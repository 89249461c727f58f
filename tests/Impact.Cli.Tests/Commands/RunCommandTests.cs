using Impact.Testing;

namespace Impact.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public RunCommandTests()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*", SearchOption.AllDirectories))
        {
            _folder.Write(Path.Combine("in", Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "samples"), file)), File.ReadAllBytes(file));
        }
    }

    public void Dispose() => _folder.Dispose();

    private string In => Path.Combine(_folder.Root, "in");

    private string Out => Path.Combine(_folder.Root, "out");

    [Fact]
    public async Task Run_OnFoldersWritesTheOutputLayout()
    {
        var run = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("- retours lus : 3 ; traités par cette exécution : 3 acceptés, 0 refusé ; déjà traités avant elle (au dépôt ou par une exécution précédente) : 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("- indicateurs calculés : 3 (manufacture × trimestre)", run.Output, StringComparison.Ordinal);
        foreach (var output in new[] { "indicators/indicators.csv", "indicators/aggregates.csv", "completeness/completeness.csv", "completeness/missing_by_coach.csv", "run/summary.json", "reports/MP-002/2024-Q3.txt" })
        {
            Assert.True(File.Exists(Path.Combine(Out, output)), output);
        }

        Assert.Equal(4, File.ReadAllLines(Path.Combine(Out, "indicators", "indicators.csv")).Length);

        // summary.json names the files and folders where they are, not storage names ($web, results/).
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Out, "run", "summary.json")));
        var outputs = summary.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).ToList();
        Assert.Contains(Path.Combine(Out, "indicators", "indicators.csv"), outputs);
        Assert.Contains(Path.Combine(Out, "site", "index.html"), outputs);
        Assert.Contains(Path.Combine(Out, "tables", "Indicators"), outputs);
        Assert.Contains(Path.Combine(Out, "queues", "risk-alerts"), outputs);
        Assert.All(outputs, o => Assert.True(o.StartsWith(Out + Path.DirectorySeparatorChar, StringComparison.Ordinal), o));
        Assert.All(outputs.Where(o => !o.Contains("queues", StringComparison.Ordinal) && !o.Contains("tables", StringComparison.Ordinal)), o => Assert.True(File.Exists(o), o));
        Assert.True(Directory.Exists(Path.Combine(Out, "tables", "Returns")));
        Assert.Equal(["registry", "returns"], Directory.GetDirectories(In).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_OnASimulatedCohort_LabelsEveryPage_AndOnARealOneNone()
    {
        var real = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");
        Assert.Equal(0, real.ExitCode);
        var pages = Directory.EnumerateFiles(Path.Combine(Out, "site"), "*.html", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.DoesNotContain("Données simulées", File.ReadAllText(page), StringComparison.Ordinal));

        // The simulator's mark in the registry folder: every page says it.
        _folder.Write(Path.Combine("in", "registry", "simulation.json"), "{ \"simulated\": true }"u8.ToArray());
        var simulated = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");

        Assert.Equal(0, simulated.ExitCode);
        var labelled = Directory.EnumerateFiles(Path.Combine(Out, "site"), "*.html", SearchOption.AllDirectories).ToList();
        Assert.Equal(pages.Count, labelled.Count);
        Assert.All(labelled, page => Assert.Contains("<span class=\"fr-notice__title\">Données simulées.</span>", File.ReadAllText(page), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OnFoldersDeletesReportsPastTheRetentionAsTheLifecycleRuleDoes()
    {
        // A report last modified 731 days before the clock (2024-11-05), one 729 days before.
        var old = Path.Combine(Out, "reports", "MP-009", "2022-Q2.json");
        var recent = Path.Combine(Out, "reports", "MP-009", "2022-Q3.json");
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        File.WriteAllText(old, "{}");
        File.WriteAllText(recent, "{}");
        File.SetLastWriteTimeUtc(old, CliRun.Now.AddDays(-731).UtcDateTime);
        File.SetLastWriteTimeUtc(recent, CliRun.Now.AddDays(-729).UtcDateTime);

        var run = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Conservation : 1 fichier(s) de {Path.Combine(Out, "reports")} modifié(s) il y a plus de 730 jours supprimé(s) (rapports de validation, versions du registre ; docs/privacy.md).",
            run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));

        var shorter = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3", "--report-retention-days", "100");
        Assert.False(File.Exists(recent));
        Assert.Contains("Conservation : 1 fichier(s) de ", shorter.Output, StringComparison.Ordinal);

        var wrong = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--report-retention-days", "7");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--report-retention-days attend un nombre de jours de 30 à 3650 (reçu : « 7 »).", wrong.Error, StringComparison.Ordinal);
    }

    /// <summary>Without --as-of, on data older than the clock's quarter, the run stops at the newest return's quarter and says so.</summary>
    [Fact]
    public async Task Run_WithoutAsOf_OnOlderData_RunsToTheNewestReturnsQuarterAndSaysSo()
    {
        File.Delete(Path.Combine(In, "returns", "MP-001", "2024-Q3.json"));
        File.Delete(Path.Combine(In, "returns", "MP-002", "2024-Q3.csv"));

        var run = await CliRun.RunAsync("run", "--in", In, "--out", Out);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "Sans --as-of : exécution jusqu'au T2 2024, le dernier trimestre des retours déposés (d'après l'horloge, ce serait le T3 2024). Indiquez --as-of pour en choisir un autre.\nExécution du pipeline jusqu'au T2 2024…\n",
            run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Exécution trimestrielle jusqu'au T2 2024 (2024-Q2)", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Without --as-of, on current data, the run takes the quarter that has just ended and says nothing more.</summary>
    [Fact]
    public async Task Run_WithoutAsOf_OnCurrentData_RunsToTheClocksQuarter()
    {
        var run = await CliRun.RunAsync("run", "--in", In, "--out", Out);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Sans --as-of", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exécution trimestrielle jusqu'au T3 2024 (2024-Q3)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TwiceChangesNothingTheSecondTime()
    {
        await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");
        var before = File.ReadAllBytes(Path.Combine(Out, "indicators", "indicators.csv"));

        var again = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("- retours lus : 3 ; traités par cette exécution : 0 accepté, 0 refusé ; déjà traités avant elle (au dépôt ou par une exécution précédente) : 3", again.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(Out, "indicators", "indicators.csv")));
    }

    [Fact]
    public async Task Run_RefusesAFolderAnotherRunHoldsAndWritesNothing()
    {
        var layout = Running.PipelineFolders.Layout(In, Out);
        using (Pipeline.Storage.FolderLock.Acquire(layout))
        {
            var second = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");

            Assert.Equal(2, second.ExitCode);
            Assert.Equal($"Erreur : Le dossier {Out} est déjà utilisé par une autre exécution d'impact (verrou {Path.Combine(Out, ".impact.lock")}). " +
                "Attendez qu'elle se termine, puis relancez : deux exécutions sur le même dossier mélangeraient leurs écritures." + Environment.NewLine, second.Error);
            Assert.Equal([".impact.lock"], Directory.EnumerateFileSystemEntries(Out).Select(Path.GetFileName));
        }

        Assert.Equal(0, (await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3")).ExitCode);
    }

    [Fact]
    public async Task Run_RemovesTheTempFilesOfAnInterruptedRunAndNeverPublishesThem()
    {
        await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");
        // What a kill during a write leaves: a temporary file beside its target, one of them in the published site.
        var leftovers = new[] { Path.Combine(Out, "site", $".~{Guid.NewGuid():N}.tmp"), Path.Combine(Out, "tables", "Returns", $".~{Guid.NewGuid():N}.tmp") };
        foreach (var file in leftovers)
        {
            await File.WriteAllTextAsync(file, "moitié d'écriture");
        }

        var storage = new Pipeline.Storage.FolderStorage(Running.PipelineFolders.Layout(In, Out));
        var site = new List<string>();
        await foreach (var blob in storage.ListBlobsAsync(Pipeline.Storage.StorageNames.Containers.Web))
        {
            site.Add(blob.Name);
        }

        var again = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");

        Assert.DoesNotContain(site, n => n.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal(0, again.ExitCode);
        Assert.StartsWith("2 fichier(s) temporaire(s) laissé(s) par une exécution interrompue supprimé(s).", again.Output, StringComparison.Ordinal);
        Assert.All(leftovers, file => Assert.False(File.Exists(file), file));
        Assert.Empty(Directory.EnumerateFiles(Out, ".~*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Run_OnUnreachableStorageSaysWhichAccountAndExitsTwo()
    {
        var port = SmtpServerFixture.FreePort();
        var account = $"http://127.0.0.1:{port}/{AzuriteFixture.AccountName}";
        var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};BlobEndpoint={account};QueueEndpoint={account};TableEndpoint={account};";

        var run = await CliRun.RunAsync("run", "--storage", connection, "--as-of", "2024-Q3");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"Erreur : Le stockage est injoignable : le compte « devstoreaccount1 » (http://127.0.0.1:{port}) ne répond pas. " +
            "Vérifiez la chaîne de connexion (--storage ou ImpactStorage), le réseau et, en local, qu'Azurite est démarré ; puis relancez : ce qui a été écrit est repris sans doublon." + Environment.NewLine, run.Error);
    }

    [Theory]
    [InlineData(new[] { "run" }, "Indiquez soit --in et --out (dossiers), soit --storage (Azure Storage).")]
    [InlineData(new[] { "run", "--in", "x" }, "--in et --out vont ensemble.")]
    [InlineData(new[] { "run", "--in", "x", "--out", "y", "--storage", "UseDevelopmentStorage=true" }, "Indiquez soit --in et --out (dossiers), soit --storage (Azure Storage).")]
    [InlineData(new[] { "run", "--in", "x", "--out", "y", "--as-of", "2024-T9" }, "Trimestre invalide : « 2024-T9 » (attendu AAAA-Qn, par exemple 2024-Q3).")]
    public async Task Run_UsageErrorsExitTwoInFrench(string[] args, string message)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingInputFolderIsAnIoError()
    {
        var run = await CliRun.RunAsync("run", "--in", Path.Combine(_folder.Root, "nope"), "--out", Out);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Erreur : dossier d'entrée introuvable :", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutRegistryIsAFrenchError()
    {
        File.Delete(Path.Combine(In, "registry", "workshops.csv"));
        var run = await CliRun.RunAsync("run", "--in", In, "--out", Out, "--as-of", "2024-Q3");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Erreur : Registre des manufactures absent : registry/workshops.csv.\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Demo_SimulatesTrainsRunsAndSaysWhereTheResultsAre()
    {
        var demo = Path.Combine(_folder.Root, "demo");
        var run = await CliRun.RunAsync("demo", "--out", demo);

        Assert.Equal(0, run.ExitCode);
        // Training ingests the 951 simulated files first; the run then finds them all ingested.
        Assert.Contains("Données : 100 manufactures, ", run.Output, StringComparison.Ordinal);
        // The demo says in French which source serves and why; on its cohort the scorecard beats the learned model.
        Assert.Contains("La grille de points sert : le modèle appris ne classe pas mieux que la meilleure règle simple. Hors pli, sur 598 lignes dont 96 suivies de difficultés dans l'année : modèle appris : AUPRC ", run.Output, StringComparison.Ordinal);
        Assert.Contains("- risque : ", run.Output, StringComparison.Ordinal);
        Assert.Contains("(source : grille de points, version 20241105T090000Z)", run.Output, StringComparison.Ordinal);
        Assert.Contains("- retours lus : 951 ; traités par cette exécution : 0 accepté, 0 refusé ; déjà traités avant elle (au dépôt ou par une exécution précédente) : 951", run.Output, StringComparison.Ordinal);
        Assert.Contains("- retours attendus : 995, reçus : 919", run.Output, StringComparison.Ordinal);
        Assert.Contains("- effet estimé du dispositif : +1,3 emploi salarié par manufacture", run.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(demo, "output", "indicators", "indicators.csv"), run.Output, StringComparison.Ordinal);
        Assert.Equal(920, File.ReadAllLines(Path.Combine(demo, "output", "indicators", "indicators.csv")).Length);
        Assert.True(File.Exists(Path.Combine(demo, "output", "site", "index.html")));
        var queued = int.Parse(System.Text.RegularExpressions.Regex.Match(run.Output, @"- alertes aux accompagnateurs : (\d+) en file").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var emails = Directory.GetFiles(Path.Combine(demo, "output", "alerts"), "*.eml").Select(f => Path.GetFileName(f)!).ToList();
        int Named(string part) => emails.Count(e => e.Contains(part, StringComparison.Ordinal));
        // One dispatcher writes them all: the coaches' alerts (mp-007.2024-q3.red.eml); for each of the 32 uploads the
        // simulation left rejected, its workshop's notice of the errors; the follow-up round's reminders of the returns still
        // missing in the two open quarters (2024-Q2 and 2024-Q3, both past their deadline on 2024-11-05) and the coaches' digests.
        Assert.Equal(queued, emails.Count(e => e.EndsWith(".red.eml", StringComparison.Ordinal) || e.EndsWith(".amber.eml", StringComparison.Ordinal)));
        Assert.Equal((32, 0, 20, 9), (Named(".return-rejected."), Named(".reminder-before-deadline."), Named(".reminder-after-deadline."), Named(".coach-digest.2024-w45.")));
        Assert.Equal(queued + 32 + 20 + 9, emails.Count);
        Assert.Contains("Relances : 0 rappel(s) avant la date limite, 20 après, 9 point(s) hebdomadaire(s) aux accompagnateurs, 0 alerte(s) sans suite renvoyée(s).", run.Output, StringComparison.Ordinal);
        Assert.Contains($"E-mails (alertes aux accompagnateurs, avis aux manufactures) : {queued + 61} écrit(s) dans ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ReportsEachRunItsThroughputAndPeakMemory()
    {
        var run = await CliRun.RunAsync("bench", "--workshops", "12", "--quarters", "4", "--seed", "3");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("simulation et dépôt", lines[1][..lines[1].IndexOf(" :", StringComparison.Ordinal)]);
        Assert.EndsWith("(24 fichiers de retours)", lines[1], StringComparison.Ordinal);
        Assert.Equal("| exécution | ingestion | lecture des versions | indicateurs | risques et alertes | évaluation d'impact | écriture | site | tables et file d'alertes "
            + "| total | retours/s | tas géré max. | mémoire de travail max. | acceptés | rejetés | inchangés |", lines[2]);
        // 24 uploads: 23 accepted and 1 rejected; the rerun decides nothing again; the correction (a 25th upload) is the one accepted.
        Assert.Matches(@"^\| premier \| (\d+,\d s \| ){9}\d+ \| \d+ Mio \| \d+ Mio \| 23 \| 1 \| 0 \|$", lines[4]);
        Assert.Matches(@"^\| relance \| (\d+,\d s \| ){9}\d+ \| \d+ Mio \| \d+ Mio \| 0 \| 0 \| 24 \|$", lines[5]);
        Assert.Matches(@"^\| une correction \| (\d+,\d s \| ){9}\d+ \| \d+ Mio \| \d+ Mio \| 1 \| 0 \| 24 \|$", lines[6]);
        Assert.Matches(@"^mémoire de travail maximale du processus : \d+ Mio$", lines[7]);
    }
}
