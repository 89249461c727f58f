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
/// ingested), again (rerun: nothing new), and after one corrected return, and prints wall time per stage, throughput and
/// the peak managed heap and working set of each run.
/// Build in Release for figures worth quoting.
/// </summary>
internal static class BenchCommand
{
    private const double Mib = 1024.0 * 1024.0;

    /// <summary>The highest managed heap and working set seen during a run.</summary>
    private readonly record struct MemoryPeak(long GcHeap, long WorkingSet);

    /// <summary>Samples the managed heap (GC.GetTotalMemory, without collecting) and the working set every 50 ms until stopped.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private long _heap;
        private long _workingSet;

        public MemorySampler()
        {
            Sample();
            _timer = new Timer(_ => Sample(), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        }

        public MemoryPeak Stop()
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            Sample();
            return new MemoryPeak(Interlocked.Read(ref _heap), Interlocked.Read(ref _workingSet));
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            Max(ref _heap, GC.GetTotalMemory(forceFullCollection: false));
            Max(ref _workingSet, Environment.WorkingSet);
        }

        private static void Max(ref long peak, long value)
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen)
            {
            }
        }
    }

    public static Command Create(CliConsole console)
    {
        var workshops = new Option<int>("--workshops") { Description = "Manufactures simulées.", DefaultValueFactory = _ => 3500 };
        var quarters = new Option<int>("--quarters") { Description = "Trimestres simulés.", DefaultValueFactory = _ => 12 };
        var seed = new Option<int>("--seed") { Description = "Graine.", DefaultValueFactory = _ => 1 };
        var keep = new Option<bool>("--keep") { Description = "Garde le dossier de travail." };
        var site = new Option<bool>("--site") { Description = "Inclut la publication du site public." };
        var account = new Option<string?>("--storage")
        {
            Description = "Chaîne de connexion d'un compte Azure Storage vide (Azurite) : la cohorte y est déposée et le pipeline s'y exécute, au lieu d'un dossier temporaire.",
        };
        var command = new Command("bench", "Mesure l'exécution du pipeline sur une grande cohorte simulée : première exécution, relance, puis une correction (temps par étape, débit, mémoire maximale).")
        {
            workshops, quarters, seed, keep, site, account,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new SimulationOptions { Workshops = parseResult.GetValue(workshops), Quarters = parseResult.GetValue(quarters), Seed = parseResult.GetValue(seed) };
            var root = Directory.CreateTempSubdirectory("impact-bench-").FullName;
            try
            {
                var clock = Stopwatch.StartNew();
                var cohort = CohortSimulator.Simulate(options);
                IImpactStorage storage;
                if (parseResult.GetValue(account) is { } connection)
                {
                    // Into the account as uploads arrive: each blob's time is its upload's (the service sets it).
                    storage = AzureStorage.FromConnectionString(connection);
                    await Parallel.ForEachAsync(cohort.Files.Where(f => !f.Path.StartsWith("truth/", StringComparison.Ordinal)),
                        new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                        async (file, ct) =>
                        {
                            var slash = file.Path.IndexOf('/', StringComparison.Ordinal);
                            await storage.WriteBlobAsync(file.Path[..slash], file.Path[(slash + 1)..], file.Content, "application/octet-stream", ct);
                        });
                }
                else
                {
                    await SimulateCommand.WriteAsync(cohort, Path.Combine(root, "input"), cancellationToken);
                    storage = new FolderStorage(PipelineFolders.Layout(Path.Combine(root, "input"), Path.Combine(root, "output")));
                }

                var simulated = clock.Elapsed;
                cohort = null;

                var run = new QuarterRun(storage, console.Time, new RunOptions { PublishSite = parseResult.GetValue(site) }, options.Reporting);
                var runs = new List<(string Name, RunSummary Summary, TimeSpan Wall, MemoryPeak Peak)>();
                async Task MeasureAsync(string name)
                {
                    using var sampler = new MemorySampler();
                    var watch = Stopwatch.StartNew();
                    var summary = await run.RunAsync(options.LastQuarter, null, cancellationToken);
                    runs.Add((name, summary, watch.Elapsed, sampler.Stop()));
                }

                await MeasureAsync("premier");
                await MeasureAsync("relance");

                // One corrected return: the first workshop's last accepted quarter sent again as JSON, one figure changed.
                var workshop = (await new Impact.Pipeline.Registry.RegistrySource(storage).GetAsync(cancellationToken)).Workshops[0].WorkshopId;
                var latest = (await new Impact.Pipeline.Ingestion.ReturnHistory(storage).CurrentByQuarterAsync(workshop, cancellationToken))[^1].Current.Return;
                var corrected = System.Text.Json.Nodes.JsonNode.Parse(latest.ToCanonicalJson())!.AsObject();
                corrected["cash_end"] = latest.CashEnd + 100;
                await storage.WriteBlobAsync(StorageNames.Containers.Returns, $"{workshop}/{latest.Quarter}.json",
                    System.Text.Encoding.UTF8.GetBytes(corrected.ToJsonString()), "application/json", cancellationToken);
                await MeasureAsync("une correction");

                using var process = Process.GetCurrentProcess();
                var fr = CultureInfo.GetCultureInfo("fr-FR");
                var first = runs[0].Summary;
                await console.Output.WriteLineAsync(string.Create(fr,
                    $"impact bench : {options.Workshops} manufactures × {options.Quarters} trimestres (graine {options.Seed}), {(storage is AzureStorage ? "compte Azure Storage" : "dossier local")}{(parseResult.GetValue(site) ? ", site public compris" : "")}, {Environment.ProcessorCount} cœurs, .NET {Environment.Version}"));
                await console.Output.WriteLineAsync(string.Create(fr, $"simulation et dépôt : {simulated.TotalSeconds:0.0} s ({first.ReturnsRead} fichiers de retours)"));
                await console.Output.WriteLineAsync("| exécution | " + string.Join(" | ", first.Stages.Select(t => t.Stage)) + " | total | retours/s | tas géré max. | mémoire de travail max. | acceptés | rejetés | inchangés |");
                await console.Output.WriteLineAsync("|---|" + string.Concat(first.Stages.Select(_ => "---:|")) + "---:|---:|---:|---:|---:|---:|---:|");
                foreach (var (name, summary, total, peak) in runs)
                {
                    var stages = string.Join(" | ", summary.Stages.Select(t => string.Create(fr, $"{t.Elapsed.TotalSeconds:0.0} s")));
                    var rate = summary.ReturnsRead / Math.Max(total.TotalSeconds, 1e-3);
                    await console.Output.WriteLineAsync(string.Create(fr,
                        $"| {name} | {stages} | {total.TotalSeconds:0.0} s | {rate:0} | {peak.GcHeap / Mib:0} Mio | {peak.WorkingSet / Mib:0} Mio | {summary.Accepted} | {summary.Rejected} | {summary.Unchanged} |"));
                }

                await console.Output.WriteLineAsync(string.Create(fr, $"mémoire de travail maximale du processus : {process.PeakWorkingSet64 / Mib:0} Mio"));
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
