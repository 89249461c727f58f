using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Impact.Analytics.Evaluation;
using Impact.Simulation;
using Impact.Cli.Running;
using Impact.Pipeline.Evaluation;
using Impact.Pipeline.Storage;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact evaluate --in DIR --out DIR [--outcome salaried_headcount] [--bootstrap 999] [--seed 1]`: estimates the
/// effect of labelling from DIR/evaluation/panel.csv (Callaway and Sant'Anna, docs/impact-evaluation.md) and writes
/// att.csv, event_study.csv and summary.json to DIR/evaluation/ of the output folder, for the named outcome, or for
/// every outcome column (salaried headcount unsuffixed, the others suffixed) when none is named; prints the reading in French.
/// `impact evaluate --coverage-study N [--effect 1.5] [--bootstrap 999] [--seed 1]` instead runs the coverage study
/// on N simulated cohorts of the scheme's size and prints coverage, bias and the pre-trend test's rejection rate.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Option<DirectoryInfo?>("--in") { Description = "Dossier d'entrée : le panel est lu dans evaluation/panel.csv." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Dossier de sortie : les résultats sont écrits dans evaluation/ (créé au besoin)." };
        var outcome = new Option<string?>("--outcome") { Description = "Colonne de résultat à évaluer (par exemple salaried_headcount) ; par défaut toutes les colonnes numériques du panel." };
        var bootstrap = IntOption("--bootstrap", "Nombre de tirages bootstrap (19 à 100000).", EvaluationOptions.DefaultBootstrap, EvaluationOptions.MinBootstrap, EvaluationOptions.MaxBootstrap);
        var seed = IntOption("--seed", "Graine du bootstrap (0 à 2147483647) : la même graine donne les mêmes intervalles.", 1, 0, int.MaxValue);
        var coverage = new Option<int?>("--coverage-study")
        {
            Description = "Étude de couverture : nombre de cohortes simulées (2 à 100000) au lieu d'évaluer un panel.",
            CustomParser = result => ParseInt(result, "--coverage-study", 2, 100_000),
        };
        var effect = new Option<decimal>("--effect")
        {
            Description = "Étude de couverture : effet de long terme vrai sur l'emploi salarié (par défaut 1.5 ; 0 pour une étude sans effet).",
            DefaultValueFactory = _ => 1.5m,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return 1.5m;
                }

                var text = result.Tokens[0].Value;
                if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= 100)
                {
                    return value;
                }

                result.AddError($"--effect doit être un nombre entre -100 et 100, avec un point décimal (reçu : « {text} »).");
                return 0;
            },
        };

        var command = new Command("evaluate", "Évalue l'effet de la labellisation (différences de différences échelonnées, Callaway et Sant'Anna) à partir du panel evaluation/panel.csv.")
        {
            input, output, outcome, bootstrap, seed, coverage, effect,
        };
        command.Validators.Add(result =>
        {
            // Presence only (GetResult): a value that failed to parse already has its own error.
            var study = result.GetResult(coverage) is not null;
            var hasIn = result.GetResult(input) is not null;
            var hasOut = result.GetResult(output) is not null;
            if (study && (hasIn || hasOut || result.GetResult(outcome) is not null))
            {
                result.AddError("--coverage-study simule ses propres panels : il ne se combine pas avec --in, --out ni --outcome.");
            }
            else if (!study && !(hasIn && hasOut))
            {
                result.AddError("Indiquez --in et --out (dossiers d'entrée et de sortie), ou --coverage-study N.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new EvaluationOptions { Bootstrap = parseResult.GetValue(bootstrap), Seed = parseResult.GetValue(seed) }.Validated();
            if (parseResult.GetValue(coverage) is { } replications)
            {
                await CoverageStudyAsync(console, replications, parseResult.GetValue(effect), options);
                return ExitCodes.Ok;
            }

            return await EvaluateAsync(console, parseResult.GetRequiredValue(input)!, parseResult.GetRequiredValue(output)!, parseResult.GetValue(outcome), options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> EvaluateAsync(CliConsole console, DirectoryInfo input, DirectoryInfo output, string? outcome, EvaluationOptions options, CancellationToken cancellationToken)
    {
        var layout = PipelineFolders.Layout(input.FullName, output.FullName);
        var evaluation = new ImpactEvaluation(new FolderStorage(layout), options);
        var run = await evaluation.EvaluateAsync(outcome, cancellationToken);
        if (run is null)
        {
            var panelPath = Path.Combine(input.FullName, StorageNames.Containers.Evaluation, StorageNames.Blobs.Panel);
            await console.Error.WriteLineAsync($"Erreur : panel d'évaluation introuvable : {panelPath} (attendu : evaluation/panel.csv dans le dossier d'entrée).");
            return ExitCodes.UsageOrIo;
        }

        var (panel, results) = (run.Panel, run.Results);
        // The evaluation reads only the input folder; the lock is taken for the writing, so a missing panel writes nothing.
        IReadOnlyList<string> written;
        using (await PipelineFolders.LockAsync(console, layout))
        {
            written = await evaluation.WriteAsync(run, cancellationToken);
        }

        var main = results[0].Summary;
        await console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Évaluation d'impact : panel de {panel.Units.Count} unités de {panel.FirstQuarter.ToFrench()} à {panel.LastQuarter.ToFrench()}, {main.TreatedUnits} manufactures labellisées en {main.Groups.Count} vague{(main.Groups.Count > 1 ? "s" : "")} comparées à {main.ControlUnits} candidats jamais labellisés ; bootstrap de {options.Bootstrap} tirages, graine {options.Seed}."));
        foreach (var result in results)
        {
            await console.Output.WriteLineAsync($"{result.Outcome} :");
            await console.Output.WriteLineAsync($"  {result.ToFrenchReading()}.");
            if (result.HorizonWithAllGroups is { } horizon)
            {
                await console.Output.WriteLineAsync($"  {result.ToFrenchReading(horizon)}.");
            }

            await console.Output.WriteLineAsync($"  {result.ToFrenchPretrendReading()}");
        }

        await console.Output.WriteLineAsync("Fichiers écrits :");
        foreach (var name in written)
        {
            await console.Output.WriteLineAsync("  " + PipelineFolders.FileOf(layout, name));
        }

        return ExitCodes.Ok;
    }

    private static async Task CoverageStudyAsync(CliConsole console, int replications, decimal effect, EvaluationOptions options)
    {
        var study = new CoverageStudyOptions { Replications = replications, TrueEffectJobs = effect, Bootstrap = options.Bootstrap, FirstSeed = options.Seed };
        await console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Étude de couverture sur {replications} cohortes simulées…"));
        var result = CoverageStudy.Run(study);
        await console.Output.WriteAsync(result.ToFrenchText());
    }

    /// <summary>An integer option with a default, refused when not a whole number in [min, max], with a French usage error.</summary>
    private static Option<int> IntOption(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => result.Tokens.Count == 0 ? defaultValue : ParseInt(result, name, min, max) ?? defaultValue,
    };

    private static int? ParseInt(ArgumentResult result, string name, int min, int max)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} doit être un nombre entier compris entre {min} et {max} (reçu : « {text} »)."));
        return null;
    }
}
