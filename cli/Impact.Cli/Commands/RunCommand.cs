using System.CommandLine;
using Impact.Analytics;
using Impact.Analytics.Returns;
using Impact.Analytics.Settings;
using Impact.Cli.Running;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.FollowUp;
using Impact.Pipeline.Retention;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact run --in DIR --out DIR [--as-of 2024-Q3]` (a folder, the embedded default) or
/// `impact run --storage CONNECTION [--as-of …]` (Azure Storage or Azurite): the whole quarterly job.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var where = new StorageFlags("Dossier d'entrée (registry/, returns/, evaluation/).", "Dossier de sortie (créé au besoin).");
        var (input, output, storage) = (where.Input, where.Output, where.Storage);
        var asOf = AsOfOption();
        var retention = new Option<int>("--report-retention-days")
        {
            Description = "Sur dossiers : durée de conservation, en jours, des rapports de validation et des versions gardées du registre (30 à 3650 ; 730 par défaut, comme reportRetentionDays dans Azure).",
            DefaultValueFactory = _ => RetentionOptions.Default.ReportDays,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days is >= 30 and <= 3650)
                {
                    return days;
                }

                result.AddError($"--report-retention-days attend un nombre de jours de 30 à 3650 (reçu : « {text} »).");
                return 0;
            },
        };
        var contact = new Option<string?>("--contact-email")
        {
            Description = "Adresse que le site public donne pour l'accessibilité et les données personnelles (par défaut aucune : les pages disent qu'elle reste à fixer).",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value.Trim();
                if (Analytics.Registry.WorkshopRegistry.IsAddress(text))
                {
                    return text;
                }

                result.AddError($"--contact-email attend une adresse électronique, par exemple accessibilite@exemple.gouv.fr (reçu : « {text} »).");
                return null;
            },
        };
        var reporting = new ReportingFlags();
        var command = new Command("run", RunDescription);
        where.AddTo(command);
        command.Options.Add(asOf);
        command.Options.Add(retention);
        command.Options.Add(contact);
        reporting.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new RunOptions { ContactEmail = parseResult.GetValue(contact), ReportRetentionDays = parseResult.GetValue(retention) };
            var rules = reporting.From(parseResult);
            var connection = parseResult.GetValue(storage);
            if (connection is not null)
            {
                var azure = AzureStorage.FromConnectionString(connection);
                var summary = await RunAsync(console, azure, options, rules, parseResult.GetValue(asOf), null, cancellationToken);
                await console.Output.WriteLineAsync("Résultats écrits dans le compte de stockage : " + string.Join(", ", summary.Outputs));
                return ExitCodes.Ok;
            }

            var inputDir = parseResult.GetRequiredValue(input)!;
            if (!inputDir.Exists)
            {
                await console.Error.WriteLineAsync($"Erreur : dossier d'entrée introuvable : {inputDir.FullName}");
                return ExitCodes.UsageOrIo;
            }

            await RunFolderAsync(console, inputDir.FullName, parseResult.GetRequiredValue(output)!.FullName, options, rules, parseResult.GetValue(asOf), cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>What `impact run --help` says the run does: every stage, in order.</summary>
    internal const string RunDescription =
        "Exécute tout le travail trimestriel, dans l'ordre : ingestion des nouveaux retours (rapports de validation), "
        + "indicateurs, complétude et délais, scores de risque et alertes aux accompagnateurs, évaluation d'impact, "
        + "site public et tables, relances et avis aux manufactures ; sur des dossiers, écrit aussi les e-mails dans "
        + "OUT/alerts/ et supprime les rapports plus anciens que la durée de conservation.";

    /// <summary>The --as-of option, parsed as a quarter with a French error.</summary>
    public static Option<Quarter?> AsOfOption() => new("--as-of")
    {
        Description = "Dernier trimestre pris en compte (AAAA-Qn) ; par défaut le dernier trimestre terminé.",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Quarter.TryParse(text, out var quarter))
            {
                return quarter;
            }

            result.AddError($"Trimestre invalide : « {text} » (attendu AAAA-Qn, par exemple 2024-Q3).");
            return null;
        },
    };

    /// <summary>
    /// Runs on folders, then delivers the queued alerts as .eml files in output/alerts/ (what the DispatchAlert
    /// function does by e-mail in Azure), and prints where each result is.
    /// </summary>
    public static async Task<RunSummary> RunFolderAsync(CliConsole console, string input, string output, RunOptions options, ReportingOptions reporting, Quarter? asOf, CancellationToken cancellationToken)
    {
        var layout = PipelineFolders.Layout(input, output);
        using var folderLock = await PipelineFolders.LockAsync(console, layout);
        var storage = new FolderStorage(layout);
        // The e-mails link to the workshop's page as `impact serve` serves it on its default address.
        var alerts = new AlertOptions { DashboardBaseUrl = ServeCommand.DefaultBaseUrl };
        var summary = await RunAsync(console, storage, options, reporting, asOf, alerts, cancellationToken);
        // What the daily FollowUpRound function does in Azure: reminders, the coaches' digest, alerts sent again.
        var round = await new FollowUpRound(storage, console.Time, reporting, FollowUpOptions.Default, alerts, options).RunAsync(summary.AsOf, cancellationToken);
        await console.Output.WriteLineAsync(round.ToFrenchText());
        await DrainToOutboxAsync(console, storage, output, alerts, cancellationToken);

        // What the lifecycle rule of the storage account does in Azure (docs/privacy.md).
        var retained = new RetentionOptions { ReportDays = options.ReportRetentionDays };
        var expired = await new RetentionSweep(storage, console.Time, retained).SweepAsync(cancellationToken);
        if (expired > 0)
        {
            await console.Output.WriteLineAsync($"Conservation : {expired} fichier(s) de {layout.ContainerDirectory(StorageNames.Containers.Reports)} modifié(s) il y a plus de {retained.ReportDays} jours supprimé(s) (rapports de validation, versions du registre ; docs/privacy.md).");
        }

        await console.Output.WriteLineAsync("Résultats :");
        foreach (var name in summary.Outputs.Where(o => o.Contains('/', StringComparison.Ordinal)))
        {
            await console.Output.WriteLineAsync("  " + PipelineFolders.FileOf(layout, name));
        }

        await console.Output.WriteLineAsync("  " + layout.ContainerDirectory(StorageNames.Containers.Reports) + Path.DirectorySeparatorChar + " (rapports de validation)");
        if (options.PublishSite)
        {
            await console.Output.WriteLineAsync("Tableau de bord public (anonyme, secret statistique) : " + new Uri(Path.Combine(layout.ContainerDirectory(StorageNames.Containers.Web), "index.html")).AbsoluteUri);
        }

        await console.Output.WriteLineAsync($"Espace connecté (manufactures, accompagnateurs, ministère) : impact serve --in \"{Path.GetFullPath(input)}\" --out \"{Path.GetFullPath(output)}\"");
        return summary;
    }

    /// <summary>
    /// Writes every e-mail queued on a folder to OUT/alerts/ as .eml (what DispatchAlert sends in Azure) and prints the
    /// count in French, with each failure; returns the drain's result.
    /// </summary>
    public static async Task<DrainResult> DrainToOutboxAsync(CliConsole console, IImpactStorage storage, string output, AlertOptions alerts, CancellationToken cancellationToken)
    {
        var outbox = Path.Combine(Path.GetFullPath(output), "alerts");
        var drained = await new AlertDispatch(storage, new PickupFolderAlertSender(outbox), console.Time, alerts).DrainQueueAsync(cancellationToken);
        await console.Output.WriteLineAsync($"E-mails (alertes aux accompagnateurs, avis aux manufactures) : {drained.Sent} écrit(s) dans {outbox}{(drained.AlreadySent > 0 ? $", {drained.AlreadySent} déjà envoyé(s)" : "")}{(drained.Failed.Count > 0 ? $", {drained.Failed.Count} en échec laissé(s) en file" : "")}.");
        foreach (var failure in drained.Failed)
        {
            await console.Error.WriteLineAsync($"E-mail {failure.MessageId} non envoyé : {failure.Reason}");
        }

        return drained;
    }

    /// <summary>
    /// The quarter of a run without --as-of: the quarter the clock says has just ended, unless the newest return
    /// deposited is older (a copied folder, an archive, a demo): then that newest quarter, said in one line, so that a
    /// run on old data never reports every later quarter as missing.
    /// </summary>
    internal static async Task<Quarter> DataAsOfAsync(CliConsole console, IImpactStorage storage, Quarter clockQuarter, CancellationToken cancellationToken)
    {
        Quarter? newest = null;
        await foreach (var blob in storage.ListBlobsAsync(StorageNames.Containers.Returns, cancellationToken: cancellationToken))
        {
            if (ReturnPath.TryParse(blob.Name, out _) is { } path && (newest is null || path.Quarter.CompareTo(newest.Value) > 0))
            {
                newest = path.Quarter;
            }
        }

        if (newest is not { } data || data.CompareTo(clockQuarter) >= 0)
        {
            return clockQuarter;
        }

        await console.Output.WriteLineAsync(
            $"Sans --as-of : exécution jusqu'au {data.ToFrench()}, le dernier trimestre des retours déposés (d'après l'horloge, ce serait le {clockQuarter.ToFrench()}). Indiquez --as-of pour en choisir un autre.");
        return data;
    }

    private static async Task<RunSummary> RunAsync(CliConsole console, IImpactStorage storage, RunOptions options, ReportingOptions reporting, Quarter? asOf, AlertOptions? alerts,
        CancellationToken cancellationToken)
    {
        var run = new QuarterRun(storage, console.Time, options, reporting, alertOptions: alerts);
        asOf ??= await DataAsOfAsync(console, storage, run.DefaultAsOf(), cancellationToken);
        await console.Output.WriteLineAsync($"Exécution du pipeline jusqu'au {asOf.Value.ToFrench()}…");
        var summary = await run.RunAsync(asOf, new ConsoleProgress(console.Output), cancellationToken);
        await console.Output.WriteAsync(summary.ToFrenchText());
        return summary;
    }
}
