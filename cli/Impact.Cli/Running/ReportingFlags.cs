using System.CommandLine;
using Impact.Analytics.Settings;

namespace Impact.Cli.Running;

/// <summary>
/// The flags of <see cref="ReportingOptions"/> (`--deadline-days`, `--follow-up-quarters`), shared by every command
/// that judges returns (run, train), so that a command line builds the same record the function app binds from
/// <c>Reporting__*</c>, checked by the same rules.
/// </summary>
internal sealed class ReportingFlags
{
    private readonly Option<int> _deadline = new("--deadline-days")
    {
        Description = "Jours après la fin du trimestre pour rendre un retour à temps.",
        DefaultValueFactory = _ => ReportingOptions.Default.DeadlineDays,
    };

    private readonly Option<int> _followUp = new("--follow-up-quarters")
    {
        Description = "Trimestres de suivi après la fin de l'accompagnement pendant lesquels un retour est attendu.",
        DefaultValueFactory = _ => ReportingOptions.Default.FollowUpQuarters,
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_deadline);
        command.Options.Add(_followUp);
    }

    /// <summary>The record the flags give.</summary>
    /// <exception cref="Analytics.ImpactException">A value is out of range (the message names the setting).</exception>
    public ReportingOptions From(ParseResult parseResult) => SettingsCheck.Checked(
        new ReportingOptions { DeadlineDays = parseResult.GetValue(_deadline), FollowUpQuarters = parseResult.GetValue(_followUp) },
        ReportingOptions.Section);
}
