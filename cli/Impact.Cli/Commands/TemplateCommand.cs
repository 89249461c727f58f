using System.CommandLine;
using System.Text;
using Impact.Analytics.Returns;

namespace Impact.Cli.Commands;

/// <summary>`impact template --format csv|xlsx|json|md --out FILE`: a blank return template, or the schema documentation.</summary>
internal static class TemplateCommand
{
    public static Command Create(CliConsole console)
    {
        var format = new Option<string>("--format")
        {
            Description = "Format du modèle : csv, xlsx, json (ou md : la documentation du schéma).",
            Required = true,
        };
        format.AcceptOnlyFromAmong("csv", "xlsx", "json", "md");
        var output = new Option<FileInfo>("--out")
        {
            Description = "Fichier à écrire.",
            Required = true,
        };

        var command = new Command("template", "Écrit un modèle vierge de retour trimestriel, avec les libellés et l'aide en français.")
        {
            format,
            output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var chosen = parseResult.GetRequiredValue(format);
            var file = parseResult.GetRequiredValue(output);
            var bytes = chosen == "md"
                ? Encoding.UTF8.GetBytes(ReturnTemplate.SchemaMarkdown())
                : ReturnTemplate.Write(ReturnFormats.FromExtension(chosen)!.Value);
            if (file.Directory is { Exists: false } missing)
            {
                // A mistyped folder is a mistake to report, not a tree to create behind the user's back.
                await console.Error.WriteLineAsync($"Erreur : le dossier {missing.FullName} n'existe pas : créez-le ou choisissez un autre chemin pour --out.");
                return ExitCodes.UsageOrIo;
            }

            await File.WriteAllBytesAsync(file.FullName, bytes, cancellationToken);
            await console.Output.WriteLineAsync($"Modèle {chosen.ToUpperInvariant()} écrit : {file.FullName}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
