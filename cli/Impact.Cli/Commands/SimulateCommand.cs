using System.CommandLine;
using System.Globalization;
using Impact.Simulation;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact simulate --workshops N --quarters Q --seed S [--world W] --out DIR`: writes a simulated input folder (registry/,
/// returns/, evaluation/) and its truth (truth/). Each return file's last-write time is set to when the workshop
/// sent it, so that timeliness can be measured from file times. An existing DIR is not emptied: the files the
/// simulation writes are replaced, any other file is left as it is.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The worlds as the command line names them.</summary>
    private static readonly (string Key, SimulatedWorld World)[] Worlds =
    [
        ("default", SimulatedWorld.Default),
        ("cash-burn", SimulatedWorld.CashBurn),
        ("revenue-decline", SimulatedWorld.RevenueDecline),
        ("calm", SimulatedWorld.Calm),
    ];

    public static Command Create(CliConsole console)
    {
        var workshops = RangeOption("--workshops", "Nombre de manufactures simulées (1 à 10000).", 100, 1, SimulationOptions.MaxWorkshops);
        var quarters = RangeOption("--quarters", "Nombre de trimestres simulés à partir de 2021-Q4 (1 à 40).", 12, 1, SimulationOptions.MaxQuarters);
        var seed = RangeOption("--seed", "Graine du générateur (0 à 2147483647) : la même graine donne les mêmes fichiers.", 42, 0, int.MaxValue);
        var world = new Option<SimulatedWorld>("--world")
        {
            Description = "Monde simulé, d'où vient la difficulté : default, cash-burn (trésorerie qui fond), revenue-decline (recettes en baisse et retours manquants), calm (cohorte en bonne santé).",
            DefaultValueFactory = _ => SimulatedWorld.Default,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "default" : result.Tokens[0].Value;
                if (Worlds.FirstOrDefault(w => string.Equals(w.Key, text, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found)
                {
                    return found.World;
                }

                result.AddError($"--world doit valoir {string.Join(", ", Worlds.Select(w => w.Key))} (reçu : « {text} »).");
                return SimulatedWorld.Default;
            },
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Dossier à écrire (registry/, returns/, evaluation/, truth/) ; les fichiers existants du même nom sont remplacés, les autres laissés.",
            Required = true,
        };

        var command = new Command("simulate", "Simule une cohorte de manufactures : registre, retours trimestriels, événements, panel d'évaluation et vérité terrain.")
        {
            workshops,
            quarters,
            seed,
            world,
            output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new SimulationOptions
            {
                Workshops = parseResult.GetValue(workshops),
                Quarters = parseResult.GetValue(quarters),
                Seed = parseResult.GetValue(seed),
                World = parseResult.GetValue(world),
            };
            var folder = parseResult.GetRequiredValue(output);
            var wasNotEmpty = folder.Exists && folder.EnumerateFileSystemInfos().Any();
            var cohort = CohortSimulator.Simulate(options);
            await WriteAsync(cohort, folder.FullName, cancellationToken);

            var summary = string.Create(CultureInfo.InvariantCulture,
                $"Simulation terminée : {options.Workshops} manufactures suivies de {options.FirstQuarter} à {options.LastQuarter} (graine {options.Seed}, monde {Worlds.First(w => w.World == options.World).Key}) ; {cohort.ReturnsWritten} retours écrits, dont {cohort.LateReturns} en retard et {cohort.ErroneousReturns} erronés ; {cohort.MissingReturns} retours manquants ; {cohort.Closures} fermetures. Dossier : {folder.FullName} (registre, retours, panel d'évaluation, vérité terrain dans truth/).");
            if (wasNotEmpty)
            {
                summary += " Le dossier n'était pas vide : seuls les fichiers simulés ont été remplacés, les autres sont restés.";
            }

            await console.Output.WriteLineAsync(summary);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes the cohort's files under <paramref name="folder"/>, each return stamped with its receipt time.</summary>
    public static async Task WriteAsync(SimulatedCohort cohort, string folder, CancellationToken cancellationToken)
    {
        foreach (var file in cohort.Files)
        {
            var path = Path.Combine(folder, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await stream.WriteAsync(file.Content, cancellationToken);
            }

            if (file.FileTime is { } time)
            {
                File.SetLastWriteTimeUtc(path, time.UtcDateTime);
            }
        }
    }

    /// <summary>An integer option with a default, refused when not a whole number in [min, max], with a French usage error.</summary>
    private static Option<int> RangeOption(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
            {
                return defaultValue;
            }

            var text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} doit être un nombre entier compris entre {min} et {max} (reçu : « {text} »)."));
            return defaultValue;
        },
    };
}
