using System.CommandLine;
using Impact.Analytics;
using Impact.Cli.Commands;

namespace Impact.Cli;

/// <summary>
/// The `impact` command line: builds the commands and runs them with the contract's exit codes.
/// Users see French messages, never a stack trace (set IMPACT_DEBUG=1 to see one).
/// </summary>
internal static class ImpactCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken = default)
    {
        // The command-line library's own texts (help, parse errors) come from its French satellite resources: users
        // read French whatever the machine's language.
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        var console = new CliConsole(output, error, time);
        var root = new RootCommand("impact : le pipeline d'impact des manufactures de proximité (retours trimestriels, indicateurs, risques, évaluation).")
        {
            TemplateCommand.Create(console),
            ValidateCommand.Create(console),
            SimulateCommand.Create(console),
            RunCommand.Create(console),
            DemoCommand.Create(console),
            BenchCommand.Create(console),
            TrainCommand.Create(console),
            EvaluateCommand.Create(console),
            ServeCommand.Create(console),
            ReplayCommand.Create(console),
        };

        foreach (var help in root.Options.OfType<System.CommandLine.Help.HelpOption>())
        {
            help.Description = CliFrench.HelpDescription;
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // Tokens the command does not know: an unknown option is named as such (with the nearest known one), and
            // the value typed after it is not blamed as a stray argument (nor, in « validate », taken for the file).
            var command = parseResult.CommandResult.Command;
            var name = command == root ? "impact" : $"impact {command.Name}";
            var unmatched = parseResult.UnmatchedTokens;
            var said = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < unmatched.Count; i++)
            {
                var token = unmatched[i];
                said.Add(token);
                if (token.StartsWith('-'))
                {
                    await error.WriteLineAsync($"Erreur d'utilisation : {CliFrench.UnknownOption(token, name, command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)))}");
                    if (i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith('-'))
                    {
                        said.Add(unmatched[++i]);
                    }
                }
                else if (command == root)
                {
                    // A mistyped command: the library would add that no command was given.
                    await error.WriteLineAsync($"Erreur d'utilisation : commande inconnue : « {token} ». Commandes : {string.Join(", ", root.Subcommands.Select(c => c.Name))}.");
                    await error.WriteLineAsync("Voir « impact --help ».");
                    return ExitCodes.UsageOrIo;
                }
                else
                {
                    await error.WriteLineAsync($"Erreur d'utilisation : argument en trop pour « {name} » : « {token} ».");
                }
            }

            foreach (var parseError in parseResult.Errors.Where(e => !said.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal))))
            {
                await error.WriteLineAsync($"Erreur d'utilisation : {CliFrench.Error(parseError.Message)}");
            }

            await error.WriteLineAsync($"Voir « {name} --help ».");
            return ExitCodes.UsageOrIo;
        }

        if (parseResult.Action is System.CommandLine.Help.HelpAction)
        {
            // The library writes its help with a few English words left: written to a buffer, then in French.
            using var helpText = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            var code = await parseResult.InvokeAsync(new InvocationConfiguration { Output = helpText, Error = error }, cancellationToken);
            await output.WriteAsync(CliFrench.Help(helpText.ToString()));
            return code;
        }

        try
        {
            return await parseResult.InvokeAsync(
                new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (Pipeline.Storage.StorageUnavailableException ex)
        {
            await error.WriteLineAsync($"Erreur : {ex.Message}");
            return ExitCodes.UsageOrIo;
        }
        catch (Azure.RequestFailedException ex)
        {
            // The account answered, and refused: a wrong key, a missing right, a throttled or failing service.
            var code = string.IsNullOrEmpty(ex.ErrorCode) ? "" : $", {ex.ErrorCode}";
            await error.WriteLineAsync($"Erreur : le stockage a refusé l'opération (HTTP {ex.Status}{code}). Vérifiez la chaîne de connexion (--storage), la clé ou les droits de l'identité sur le compte, puis relancez : ce qui a été écrit est repris sans doublon.");
            return ExitCodes.UsageOrIo;
        }
        catch (ImpactException ex)
        {
            await error.WriteLineAsync($"Erreur : {ex.Message}");
            return ExitCodes.UsageOrIo;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Erreur d'entrée-sortie : {CliFrench.Io(ex)}");
            return ExitCodes.UsageOrIo;
        }
#pragma warning disable CA1031 // The outermost edge: a bug must still end in one French line, not a stack trace.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync("Erreur interne inattendue : merci de la signaler avec la commande lancée. (IMPACT_DEBUG=1 affiche le détail.)");
            if (Environment.GetEnvironmentVariable("IMPACT_DEBUG") == "1")
            {
                await error.WriteLineAsync(ex.ToString());
            }

            return ExitCodes.Internal;
        }
    }
}

/// <summary>Where commands write, and the clock they read.</summary>
internal sealed record CliConsole(TextWriter Output, TextWriter Error, TimeProvider Time);
