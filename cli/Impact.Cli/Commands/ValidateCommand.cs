using System.CommandLine;
using System.Text;
using Impact.Analytics;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using Impact.Analytics.Validation;

namespace Impact.Cli.Commands;

/// <summary>
/// `impact validate FILE [--registry workshops.csv] [--json]`: prints the validation report;
/// exit 0 accepted, 1 rejected, 2 usage or I/O error.
/// When FILE lies in an input folder (…/returns/{id}/{yyyy}-Qn.ext), its path is checked like an upload,
/// the folder's registry/workshops.csv is used unless --registry is given, and the previous quarter's
/// return, if any, feeds the implausible-jump warnings.
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
            var result = await ValidateAsync(parseResult.GetRequiredValue(file), parseResult.GetValue(registry), console.Time, cancellationToken);
            if (result is null)
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

            return result.Report.Status == ValidationStatus.Accepted ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary>Validates a local file; null when it does not exist.</summary>
    private static async Task<ValidationResult?> ValidateAsync(string path, FileInfo? registryFile, TimeProvider time, CancellationToken cancellationToken)
    {
        var segments = path.Replace('\\', '/').Split('/');
        var returnsAt = Array.LastIndexOf(segments, ReturnPath.Container);
        ReturnPath? returnPath = null;
        string? inputRoot = null;
        if (returnsAt >= 0)
        {
            // The file sits in an input folder: check its path as the pipeline checks an upload's.
            returnPath = ReturnPath.TryParse(string.Join('/', segments[(returnsAt + 1)..]), out var pathFinding);
            if (returnPath is null)
            {
                return ReturnValidator.Reject(path, ReturnFormats.FromExtension(Path.GetExtension(path)), pathFinding!, null);
            }

            inputRoot = returnsAt == 0 ? "." : string.Join('/', segments[..returnsAt]);
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        if (info.Length > ReturnReader.MaxBytes)
        {
            return ReturnValidator.Reject(path, ReturnFormats.FromExtension(info.Extension), ReturnReader.TooLarge(), returnPath);
        }

        var context = new ValidationContext
        {
            Path = returnPath,
            Registry = await ReadRegistryAsync(registryFile, inputRoot, cancellationToken),
            Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
        };
        if (returnPath is not null && inputRoot is not null)
        {
            context = context with { Previous = await ReadPreviousAsync(inputRoot, returnPath, cancellationToken) };
        }

        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return ReturnValidator.ValidateFile(content, path, context);
    }

    private static async Task<WorkshopRegistry?> ReadRegistryAsync(FileInfo? registryFile, string? inputRoot, CancellationToken cancellationToken)
    {
        var file = registryFile ?? (inputRoot is null ? null : new FileInfo(Path.Combine(inputRoot, "registry", "workshops.csv")));
        if (file is null || (registryFile is null && !file.Exists))
        {
            return null;
        }

        if (!file.Exists)
        {
            throw new ImpactException($"registre introuvable : {file.FullName}");
        }

        return WorkshopRegistry.Read(await File.ReadAllTextAsync(file.FullName, cancellationToken));
    }

    /// <summary>The previous quarter's return in the same folder, when there is one that validates on its own.</summary>
    private static async Task<QuarterlyReturn?> ReadPreviousAsync(string inputRoot, ReturnPath path, CancellationToken cancellationToken)
    {
        var previousQuarter = path.Quarter.AddQuarters(-1);
        foreach (var format in Enum.GetValues<ReturnFormat>())
        {
            var candidate = Path.Combine(inputRoot, ReturnPath.Container, path.WorkshopId, $"{previousQuarter}.{format.Extension()}");
            if (File.Exists(candidate) && new FileInfo(candidate).Length <= ReturnReader.MaxBytes)
            {
                var content = await File.ReadAllBytesAsync(candidate, cancellationToken);
                return ReturnValidator.Validate(content, format, candidate, ValidationContext.None).Return;
            }
        }

        return null;
    }
}
