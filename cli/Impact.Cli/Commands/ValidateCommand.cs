using System.CommandLine;
using System.Text;
using Impact.Analytics;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using Impact.Analytics.Settings;
using Impact.Analytics.Validation;
using Impact.Cli.Running;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Storage;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact validate FILE [--registry workshops.csv] [--json]`: prints the validation report;
/// exit 0 accepted, 1 rejected, 2 usage or I/O error.
/// When FILE lies in an input folder (…/returns/{id}/{yyyy}-Qn.ext), the ingestion use case judges it in a dry run
/// (<see cref="ReturnIngestion.DryRunAsync"/>): its path is checked like an upload's, the folder's registry/workshops.csv
/// is used unless --registry is given, and the previous quarter (as the folder's last run recorded it, or its pending
/// upload) feeds the implausible-jump warnings.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "Le retour à valider (.csv, .xlsx ou .json)." };
        var registry = new Option<FileInfo?>("--registry") { Description = "Le registre des manufactures (workshops.csv)." };
        var json = new Option<bool>("--json") { Description = "Écrit le rapport en JSON plutôt qu'en texte." };
        var command = new Command("validate", "Valide un retour trimestriel et affiche le rapport en français.")
        {
            file,
            registry,
            json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(file);
            if (Directory.Exists(path))
            {
                await console.Error.WriteLineAsync($"Erreur : {path} est un dossier. Donnez le fichier du retour à valider (.csv, .xlsx ou .json), par exemple {Path.Combine(path, "2024-Q3.csv")}.");
                return ExitCodes.UsageOrIo;
            }

            var validated = await ValidateAsync(path, parseResult.GetValue(registry), console.Time, cancellationToken);
            if (validated is not var (result, checkedRegistry))
            {
                await console.Error.WriteLineAsync($"Erreur : fichier introuvable : {parseResult.GetRequiredValue(file)}");
                return ExitCodes.UsageOrIo;
            }

            if (parseResult.GetValue(json))
            {
                await console.Output.WriteLineAsync(Encoding.UTF8.GetString(result.Report.ToJson()));
            }
            else
            {
                await console.Output.WriteAsync(result.Report.ToFrenchText());
            }

            if (!checkedRegistry)
            {
                await console.Error.WriteLineAsync(RegistryNotChecked);
            }

            return result.Report.Status == ValidationStatus.Accepted ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary>What a file checked without any registry was not checked for (written after its report).</summary>
    internal const string RegistryNotChecked =
        "Attention : le registre des manufactures n'a pas été consulté (fichier hors d'un dossier d'entrée, sans --registry). "
        + "L'identifiant de la manufacture et sa période de déclaration n'ont donc pas été vérifiés ; le dépôt réel les vérifiera. "
        + "Pour les vérifier ici : impact validate FICHIER --registry registry/workshops.csv.";

    /// <summary>
    /// Validates a local file; null when it does not exist. In an input folder, the ingestion use case judges it in a dry
    /// run, as the upload would be judged (path, size, registry, reporting window, previous quarter), writing nothing;
    /// a file on its own is checked by the validator alone, with the registry when one is given.
    /// </summary>
    private static async Task<(ValidationResult Result, bool RegistryChecked)?> ValidateAsync(string path, FileInfo? registryFile, TimeProvider time, CancellationToken cancellationToken)
    {
        var segments = path.Replace('\\', '/').Split('/');
        var returnsAt = Array.LastIndexOf(segments, ReturnPath.Container);
        var info = new FileInfo(path);
        if (returnsAt >= 0)
        {
            var blobName = string.Join('/', segments[(returnsAt + 1)..]);
            var inputRoot = returnsAt == 0 ? "." : string.Join('/', segments[..returnsAt]);
            if (ReturnPath.TryParse(blobName, out _) is not null && !info.Exists)
            {
                return null;
            }

            var storage = new FolderStorage(PipelineFolders.Layout(inputRoot, Path.Combine(inputRoot, "output")));
            var ingestion = new ReturnIngestion(storage, time, ReportingOptions.Default);
            return (await ingestion.DryRunAsync(blobName, path, info.Exists ? info.Length : 0,
                ct => info.Exists ? File.ReadAllBytesAsync(path, ct) : Task.FromResult(Array.Empty<byte>()),
                await ReadRegistryAsync(registryFile, cancellationToken), cancellationToken), true);
        }

        if (!info.Exists)
        {
            return null;
        }

        if (info.Length > ReturnReader.MaxBytes)
        {
            return (ReturnValidator.Reject(path, ReturnFormats.FromExtension(info.Extension), ReturnReader.TooLarge(), null), registryFile is not null);
        }

        var context = new ValidationContext
        {
            Registry = await ReadRegistryAsync(registryFile, cancellationToken),
            Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
        };
        return (ReturnValidator.ValidateFile(await File.ReadAllBytesAsync(path, cancellationToken), path, context), context.Registry is not null);
    }

    /// <summary>The registry given with --registry, or null (the folder's own is then used by the dry run).</summary>
    private static async Task<WorkshopRegistry?> ReadRegistryAsync(FileInfo? registryFile, CancellationToken cancellationToken)
    {
        if (registryFile is null)
        {
            return null;
        }

        return registryFile.Exists
            ? WorkshopRegistry.Read(await File.ReadAllTextAsync(registryFile.FullName, cancellationToken))
            : throw new ImpactException($"registre introuvable : {registryFile.FullName}");
    }
}
