using System.CommandLine;
using Impact.Simulation;
using Impact.Analytics.Risk;
using Impact.Cli.Running;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;

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

            var outputDir = Path.Combine(root, "output");
            var layout = PipelineFolders.Layout(input, outputDir);
            using (await PipelineFolders.LockAsync(console, layout))
            {
                await TrainCommand.TrainAsync(console, new FolderStorage(layout), options.LastQuarter, options.Reporting, RiskOptions.Default, cancellationToken);
            }

            await RunCommand.RunFolderAsync(console, input, outputDir, new RunOptions(), options.Reporting, options.LastQuarter, cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
