using System.Globalization;
using Impact.Cli;

// Users read French: messages of the command-line parser too.
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");

return await ImpactCli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
