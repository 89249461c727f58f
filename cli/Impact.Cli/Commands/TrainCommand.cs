using System.CommandLine;
using System.Globalization;
using Impact.Analytics.Risk;
using Impact.Analytics.Settings;
using Impact.Cli.Running;
using Impact.Pipeline.Risk;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact train --in DIR [--out DIR] [--as-of 2024-Q3]` (or `--storage CONNECTION`): ingests what is new, trains the
/// risk model with nested grouped cross-validation, stores it under models/risk/{version}/ and puts in service the source
/// it chose (the learned model only when it beats both baselines) when that beats what serves; too little data is recorded
/// as « pas entraîné » and exits 0. With folders, --out defaults to DIR/output (where `impact run` writes).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Option<DirectoryInfo?>("--in") { Description = "Dossier d'entrée (registry/, returns/)." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Dossier de sortie (par défaut DIR/output)." };
        var storage = new Option<string?>("--storage") { Description = "Chaîne de connexion Azure Storage (ou Azurite) au lieu des dossiers." };
        var asOf = RunCommand.AsOfOption();
        var seed = new Option<int>("--seed") { Description = "Graine de l'apprentissage.", DefaultValueFactory = _ => RiskOptions.Default.Seed };
        var command = new Command("train", "Entraîne le modèle de risque (ML.NET), le compare à la grille de points et à la règle de trésorerie, et met en service le meilleur.")
        {
            input, output, storage, asOf, seed,
        };
        var reporting = new ReportingFlags();
        reporting.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(input) is null) == (result.GetValue(storage) is null))
            {
                result.AddError("Indiquez soit --in (dossiers), soit --storage (Azure Storage).");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var rules = reporting.From(parseResult);
            IImpactStorage target;
            FolderLock? folderLock = null;
            var connection = parseResult.GetValue(storage);
            if (connection is not null)
            {
                target = AzureStorage.FromConnectionString(connection);
            }
            else
            {
                var inputDir = parseResult.GetRequiredValue(input)!;
                if (!inputDir.Exists)
                {
                    await console.Error.WriteLineAsync($"Erreur : dossier d'entrée introuvable : {inputDir.FullName}");
                    return ExitCodes.UsageOrIo;
                }

                var outputDir = parseResult.GetValue(output)?.FullName ?? Path.Combine(inputDir.FullName, "output");
                var layout = PipelineFolders.Layout(inputDir.FullName, outputDir);
                folderLock = await PipelineFolders.LockAsync(console, layout);
                target = new FolderStorage(layout);
            }

            using (folderLock)
            {
                await TrainAsync(console, target, parseResult.GetValue(asOf), rules, RiskOptions.Default with { Seed = parseResult.GetValue(seed) }, cancellationToken);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Trains and prints the figures and the decision in French (or why it could not train).</summary>
    public static async Task<TrainingOutcome> TrainAsync(CliConsole console, IImpactStorage storage, Analytics.Quarter? asOf, ReportingOptions reporting, RiskOptions risk, CancellationToken cancellationToken)
    {
        await console.Output.WriteLineAsync("Entraînement du modèle de risque (validation croisée imbriquée, groupée par manufacture)…");
        var outcome = await new RiskTraining(storage, console.Time, new RunOptions(), reporting, risk, alertOptions: new Pipeline.Alerts.AlertOptions { DashboardBaseUrl = ServeCommand.DefaultBaseUrl }).TrainAsync(asOf, cancellationToken);
        if (outcome.Metrics is not { } m)
        {
            var serving = outcome.InService is { } version ? $"la version {version} reste en service" : "la grille de points sert, sans calibration";
            await console.Output.WriteLineAsync($"Modèle non entraîné ({outcome.Version}) : {outcome.Reason}. Rien ne change : {serving}.");
            return outcome;
        }

        var fr = CultureInfo.GetCultureInfo("fr-FR");
        await console.Output.WriteLineAsync(string.Format(fr,
            "Données : {0} manufactures, {1} lignes (manufacture × trimestre), {2} en difficulté dans les 4 trimestres suivants (taux de base {3:P1}).",
            m.Workshops, m.Rows, m.Positives, m.BaseRate));
        await console.Output.WriteLineAsync("Hors pli (chaque manufacture jugée par un modèle qui ne l'a pas vue) :");
        foreach (var (name, figures) in new[] { ("modèle appris", m.Model), ("grille de points", m.Scorecard), ("règle de trésorerie", m.Runway) })
        {
            if (figures is null)
            {
                continue;
            }

            var alerts = figures.Alerts.FirstOrDefault(a => a.Level == RiskLevels.Amber);
            await console.Output.WriteLineAsync(string.Format(fr,
                "- {0}{1} : AUPRC {2:0.000}, précision des 10 premiers {3:P0}, des {4} premiers {5:P0}, Brier {6:0.0000}, {7:0.0} alertes orange ou rouge par trimestre{8}",
                name, figures.Name == m.Chosen.Name ? " (en service)" : "", figures.Auprc, figures.PrecisionAt10, figures.Capacity, figures.PrecisionAtCapacity, figures.Brier,
                alerts?.PerQuarter ?? 0, alerts?.Precision is { } p ? string.Format(fr, " (justes à {0:P0})", p) : ""));
        }

        await console.Output.WriteLineAsync(m.FrenchDecision());
        await console.Output.WriteLineAsync($"Version {outcome.Version} {(outcome.Promoted ? "mise en service" : "non mise en service")} : {outcome.Reason}.");
        return outcome;
    }
}
