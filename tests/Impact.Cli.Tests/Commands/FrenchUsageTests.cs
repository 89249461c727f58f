namespace Impact.Cli.Tests.Commands;

/// <summary>The command-line library's texts reach users in French: help, required options, parse errors.</summary>
public sealed class FrenchUsageTests
{
    [Fact]
    public async Task Help_IsFrenchThroughout()
    {
        var run = await CliRun.RunAsync("template", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  --format <csv|json|md|xlsx> (requise)   Format du modèle", run.Output, StringComparison.Ordinal);
        Assert.Contains("  -?, -h, --help                          Affiche l'aide et la façon d'utiliser la commande\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("REQUIRED", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Show help", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHelp_DescribesEveryStage()
    {
        var run = await CliRun.RunAsync("run", "--help");

        Assert.StartsWith("Description:\n  Exécute tout le travail trimestriel, dans l'ordre : ingestion des nouveaux retours (rapports de validation), indicateurs, complétude et délais, scores de risque et alertes aux accompagnateurs, évaluation d'impact, site public et tables, relances et avis aux manufactures ; sur des dossiers, écrit aussi les e-mails dans OUT/alerts/ et supprime les rapports plus anciens que la durée de conservation.\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOption_IsNamedWithTheNearestOne_AndItsValueIsNotBlamed()
    {
        var run = await CliRun.RunAsync("run", "--inn", "/tmp/entrees", "--out", "/tmp/sorties");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "Erreur d'utilisation : « impact run » n'a pas d'option --inn : vouliez-vous dire --in ?\n"
            + "Erreur d'utilisation : --in et --out vont ensemble.\n"
            + "Voir « impact run --help ».\n",
            run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task AWrongFlagOnValidate_IsNotBlamedOnTheFile()
    {
        var run = await CliRun.RunAsync("validate", "retour.csv", "--format", "csv");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Erreur d'utilisation : « impact validate » n'a pas d'option --format.\nVoir « impact validate --help ».\n", run.Error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("introuvable", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStrayArgument_AndAnUnknownCommand_AreSaidAsSuch()
    {
        var stray = await CliRun.RunAsync("validate", "a.csv", "b.csv");
        var unknown = await CliRun.RunAsync("valider", "a.csv");

        Assert.Equal((2, 2), (stray.ExitCode, unknown.ExitCode));
        Assert.Equal("Erreur d'utilisation : argument en trop pour « impact validate » : « b.csv ».\nVoir « impact validate --help ».\n", stray.Error.ReplaceLineEndings("\n"));
        Assert.Equal(
            "Erreur d'utilisation : commande inconnue : « valider ». Commandes : template, validate, simulate, run, demo, bench, train, evaluate, serve, replay.\nVoir « impact --help ».\n",
            unknown.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Help_SaysDefaultsInFrench()
    {
        var run = await CliRun.RunAsync("demo", "--help");

        Assert.Contains("[par défaut : impact-demo]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[default:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredOptions_AreNamedInFrench()
    {
        var run = await CliRun.RunAsync("template");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "Erreur d'utilisation : l'option --format est obligatoire.\nErreur d'utilisation : l'option --out est obligatoire.\nVoir « impact template --help ».\n",
            run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task AnOptionGivenTwice_IsSaidInFrench()
    {
        var run = await CliRun.RunAsync("template", "--format", "csv", "--out", "a.csv", "--out", "b.csv");

        Assert.Equal("Erreur d'utilisation : l'option --out attend une seule valeur, 2 ont été données.\nVoir « impact template --help ».\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("Option '--format' is required.", "l'option --format est obligatoire.")]
    [InlineData("Cannot parse argument 'abc' for option '--seed' as expected type 'System.Int32'.", "la valeur « abc » de l'option --seed n'est pas valable.")]
    [InlineData("Commande ou argument non reconnu : 'x'.", "Commande ou argument non reconnu : 'x'.")]
    public void Error_TranslatesTheLibrarysEnglish(string english, string french) => Assert.Equal(french, CliFrench.Error(english));
}

/// <summary>File-system errors and misdirected paths are said in French, naming the path.</summary>
public sealed class FrenchPathMessageTests
{
    [Fact]
    public async Task Template_IntoAMissingFolder_SaysSoAndCreatesNothing()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Root, "no", "such", "t.csv");

        var run = await CliRun.RunAsync("template", "--format", "csv", "--out", target);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"Erreur : le dossier {Path.Combine(folder.Root, "no", "such")} n'existe pas : créez-le ou choisissez un autre chemin pour --out.\n", run.Error.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(Path.Combine(folder.Root, "no")));
    }

    [Fact]
    public async Task Validate_AFolder_SaysItIsAFolder()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync("validate", folder.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"Erreur : {folder.Root} est un dossier. Donnez le fichier du retour à valider (.csv, .xlsx ou .json), par exemple {Path.Combine(folder.Root, "2024-Q3.csv")}.\n", run.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(typeof(DirectoryNotFoundException), "Could not find a part of the path '/no/such/t.csv'.", "le dossier de /no/such/t.csv n'existe pas.")]
    [InlineData(typeof(UnauthorizedAccessException), "Access to the path '/root/x' is denied.", "accès refusé : /root/x. Vérifiez les droits sur ce fichier ou ce dossier.")]
    [InlineData(typeof(IOException), "No space left on device : '/tmp/out/a.csv'", "lecture ou écriture impossible : /tmp/out/a.csv. Vérifiez le chemin, la place libre sur le disque et que le fichier n'est pas ouvert ailleurs.")]
    public void Io_IsFrenchAndNamesThePath(Type type, string message, string french) =>
        Assert.Equal(french, CliFrench.Io((Exception)Activator.CreateInstance(type, message)!));
}
