using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Impact.Simulation;
using Impact.Cli.Running;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact bench [--workshops 3500] [--quarters 12] [--seed 1]`: the scale benchmark of the quarterly run on the
/// folder adapter. Simulates a cohort into a temporary folder, runs the pipeline on it (first run: every return
/// ingested) and again (rerun: nothing new), and prints wall time per stage and the process's peak memory.
/// Build in Release for figures worth quoting.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var workshops = new Option<int>("--workshops") { Description = "Manufactures simulées.", DefaultValueFactory = _ => 3500 };
        var quarters = new Option<int>("--quarters") { Description = "Trimestres simulés.", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Graine.", DefaultValueFactory = _ => 1 };
        var keep = new Option<bool>("--keep") { Description = "Garde le dossier de travail." };
        var site = new Option<bool>("--site") { Description = "Inclut la publication du tableau de bord (une page et ses graphiques par manufacture)." };
        var command = new Command("bench", "Mesure l'exécution du pipeline sur une grande cohorte simulée (temps par étape, mémoire maximale).")
        {
            workshops, quarters, seed, keep, site,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new SimulationOptions { Workshops = parseResult.GetValue(workshops), Quarters = parseResult.GetValue(quarters), Seed = parseResult.GetValue(seed) };
            var root = Directory.CreateTempSubdirectory("impact-bench-").FullName;
            try
            {
                var clock = Stopwatch.StartNew();
                var cohort = CohortSimulator.Simulate(options);
                await SimulateCommand.WriteAsync(cohort, Path.Combine(root, "input"), cancellationToken);
                var simulated = clock.Elapsed;
                cohort = null;

                var storage = new FolderStorage(PipelineFolders.Layout(Path.Combine(root, "input"), Path.Combine(root, "output")));
                var run = new QuarterRun(storage, console.Time, new RunOptions { PublishSite = parseResult.GetValue(site) }, options.Reporting);
                clock.Restart();
                var first = await run.RunAsync(options.LastQuarter, null, cancellationToken);
                var firstTime = clock.Elapsed;
                clock.Restart();
                var rerun = await run.RunAsync(options.LastQuarter, null, cancellationToken);
                var rerunTime = clock.Elapsed;

                using var process = Process.GetCurrentProcess();
                var inv = CultureInfo.InvariantCulture;
                await console.Output.WriteLineAsync(string.Create(inv,
                    $"impact bench: {options.Workshops} workshops x {options.Quarters} quarters (seed {options.Seed}), {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
                await console.Output.WriteLineAsync(string.Create(inv, $"simulate + write: {simulated.TotalSeconds:0.0} s ({first.ReturnsRead} return files)"));
                await console.Output.WriteLineAsync("| run | " + string.Join(" | ", first.Stages.Select(t => t.Stage)) + " | total | accepted | rejected | unchanged |");
                await console.Output.WriteLineAsync("|---|" + string.Concat(first.Stages.Select(_ => "---:|")) + "---:|---:|---:|---:|");
                foreach (var (name, summary, total) in new[] { ("first", first, firstTime), ("rerun", rerun, rerunTime) })
                {
                    var stages = string.Join(" | ", summary.Stages.Select(t => string.Create(inv, $"{t.Elapsed.TotalSeconds:0.0} s")));
                    await console.Output.WriteLineAsync(string.Create(inv,
                        $"| {name} | {stages} | {total.TotalSeconds:0.0} s | {summary.Accepted} | {summary.Rejected} | {summary.Unchanged} |"));
                }

                await console.Output.WriteLineAsync(string.Create(inv, $"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024.0):0} MiB"));
                return ExitCodes.Ok;
            }
            finally
            {
                if (parseResult.GetValue(keep))
                {
                    await console.Output.WriteLineAsync("Dossier de travail : " + root);
                }
                else
                {
                    Directory.Delete(root, recursive: true);
                }
            }
        });
        return command;
    }
}
