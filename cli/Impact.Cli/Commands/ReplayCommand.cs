using System.CommandLine;
using Impact.Analytics.Settings;
using Impact.Cli.Running;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Replay;
using Impact.Pipeline.Storage;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact replay --storage CONNECTION [--base-url URL]`: after a fix, puts the e-mails of <c>risk-alerts-poison</c> back on
/// <c>risk-alerts</c> (the DispatchAlert function sends each once) and ingests the uploads whose Event Grid events were
/// dead-lettered (<see cref="FailedWorkReplay"/>). `impact replay --in DIR --out DIR` does the same on folders (no Event
/// Grid there) and then writes the queued e-mails to OUT/alerts/, as `impact run` does.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var where = new StorageFlags("Dossier d'entrée (registry/, returns/).", "Dossier de sortie de impact run (files d'attente dans queues/).");
        var (input, output, storage) = (where.Input, where.Output, where.Storage);
        var baseUrl = new Option<Uri?>("--base-url")
        {
            Description = "Adresse de l'espace connecté, pour les liens des avis envoyés aux manufactures (par exemple https://func-impact-prod-….azurewebsites.net/).",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                {
                    return uri;
                }

                result.AddError($"Adresse invalide : « {text} » (attendu une adresse complète, par exemple https://exemple.fr/).");
                return null;
            },
        };
        var command = new Command("replay", "Après correction, renvoie les e-mails en échec définitif (risk-alerts-poison) et ingère les dépôts dont l'événement Event Grid n'a pas été remis.");
        where.AddTo(command);
        command.Options.Add(baseUrl);
        var reporting = new ReportingFlags();
        reporting.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var connection = parseResult.GetValue(storage);
            if (connection is not null)
            {
                var azure = AzureStorage.FromConnectionString(connection);
                var alerts = new AlertOptions { DashboardBaseUrl = parseResult.GetValue(baseUrl) };
                var result = await ReplayAsync(console, azure, reporting.From(parseResult), alerts, deadLetters: true, cancellationToken);
                await console.Output.WriteLineAsync(result.PoisonRequeued > 0
                    ? "La fonction DispatchAlert envoie les messages remis en file ; un e-mail déjà envoyé ne l'est pas une seconde fois."
                    : "Rien à renvoyer.");
                return ExitCodes.Ok;
            }

            var inputDir = parseResult.GetRequiredValue(input)!;
            if (!inputDir.Exists)
            {
                await console.Error.WriteLineAsync($"Erreur : dossier d'entrée introuvable : {inputDir.FullName}");
                return ExitCodes.UsageOrIo;
            }

            var outputDir = parseResult.GetRequiredValue(output)!.FullName;
            var layout = PipelineFolders.Layout(inputDir.FullName, outputDir);
            using var folderLock = await PipelineFolders.LockAsync(console, layout);
            var folder = new FolderStorage(layout);
            var folderAlerts = new AlertOptions { DashboardBaseUrl = parseResult.GetValue(baseUrl) ?? ServeCommand.DefaultBaseUrl };
            await ReplayAsync(console, folder, reporting.From(parseResult), folderAlerts, deadLetters: false, cancellationToken);
            var drained = await RunCommand.DrainToOutboxAsync(console, folder, outputDir, folderAlerts, cancellationToken);
            return drained.Failed.Count > 0 ? ExitCodes.UsageOrIo : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<ReplayResult> ReplayAsync(CliConsole console, IImpactStorage storage, ReportingOptions reporting, AlertOptions alerts, bool deadLetters,
        CancellationToken cancellationToken)
    {
        var ingestion = new ReturnIngestion(storage, console.Time, reporting, FollowUpOptions.Default, alerts);
        var result = await new FailedWorkReplay(storage, ingestion, console.Time).ReplayAsync(deadLetters, cancellationToken);
        await console.Output.WriteAsync(result.ToFrenchText());
        return result;
    }
}
