using System.CommandLine;
using Impact.Simulation;
using Impact.Analytics.Risk;
using Impact.Cli.Running;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Impact.Analytics.Csv;
using Impact.Analytics.Registry;
using Impact.Web.Access;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact demo [--out DIR]`: simulates 100 workshops over 12 quarters into DIR/input, trains the risk model and runs
/// the whole pipeline into DIR/output, and prints where the results are. Rerunning it replaces the simulated files and changes nothing else.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Dossier de la démonstration (par défaut ./impact-demo).",
            DefaultValueFactory = _ => new DirectoryInfo("impact-demo"),
        };
        var command = new Command("demo", "Démonstration : simule 100 manufactures sur 12 trimestres, exécute le pipeline et indique où lire les résultats.")
        {
            output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = parseResult.GetRequiredValue(output).FullName;
            var options = new SimulationOptions { Workshops = 100, Quarters = 12, Seed = 42 };
            var input = Path.Combine(root, "input");
            await console.Output.WriteLineAsync($"Simulation de {options.Workshops} manufactures de {options.FirstQuarter.ToFrench()} à {options.LastQuarter.ToFrench()} (graine {options.Seed})…");
            var cohort = CohortSimulator.Simulate(options);
            await SimulateCommand.WriteAsync(cohort, input, cancellationToken);
            await console.Output.WriteLineAsync($"Dossier d'entrée : {input} ({cohort.ReturnsWritten} retours, {cohort.MissingReturns} manquants, {cohort.LateReturns} en retard, {cohort.ErroneousReturns} erronés)");

            var accounts = Path.Combine(input, "registry", AccountDirectory.BlobName);
            await File.WriteAllTextAsync(accounts, DemoAccounts(WorkshopRegistry.Read(await File.ReadAllTextAsync(Path.Combine(input, "registry", "workshops.csv"), cancellationToken))), cancellationToken);
            await console.Output.WriteLineAsync($"Comptes de démonstration (une manufacture, un accompagnateur, le ministère chacun) : {accounts}");

            var outputDir = Path.Combine(root, "output");
            var layout = PipelineFolders.Layout(input, outputDir);
            using (await PipelineFolders.LockAsync(console, layout))
            {
                await TrainCommand.TrainAsync(console, new FolderStorage(layout), options.LastQuarter, options.Reporting, RiskOptions.Default, cancellationToken);
            }

            await RunCommand.RunFolderAsync(console, input, outputDir, new RunOptions(), options.Reporting, options.LastQuarter, cancellationToken);
            await console.Output.WriteLineAsync("Puis ouvrez http://127.0.0.1:7070/connexion et choisissez un compte.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// registry/accounts.csv for a cohort: one account per workshop (<c>mp-001@atelier.exemple.fr</c>), one per coach (their
    /// registry e-mail), one for the ministry; example domains only, for the local sign-in of <c>impact serve</c>.
    /// </summary>
    public static string DemoAccounts(WorkshopRegistry registry)
    {
        var rows = new List<IReadOnlyList<string?>> { (IReadOnlyList<string?>)["ministere@exemple.gouv.fr", "ministry", ""] };
        rows.AddRange(registry.Workshops.GroupBy(w => w.CoachId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string?>)[g.First().CoachEmail, "coach", g.Key]));
        rows.AddRange(registry.Workshops.Select(w => (IReadOnlyList<string?>)[$"{w.WorkshopId.ToLowerInvariant()}@atelier.exemple.fr", "workshop", w.WorkshopId]));
        return CsvTable.Write(AccountDirectory.Columns, rows);
    }
}
