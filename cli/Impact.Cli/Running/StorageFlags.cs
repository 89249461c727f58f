using System.CommandLine;

namespace Impact.Cli.Running;

/// <summary>
/// Where a command works: `--in DIR --out DIR` (folders, the embedded default) or `--storage CONNECTION` (Azure Storage
/// or Azurite), one or the other, with the same French errors for every command that offers both (run, replay).
/// </summary>
internal sealed class StorageFlags(string inputDescription, string outputDescription)
{
    public Option<DirectoryInfo?> Input { get; } = new("--in") { Description = inputDescription };

    public Option<DirectoryInfo?> Output { get; } = new("--out") { Description = outputDescription };

    public Option<string?> Storage { get; } = new("--storage") { Description = "Chaîne de connexion Azure Storage (ou Azurite) au lieu des dossiers." };

    /// <summary>Adds the three options and the rule that folders and storage exclude each other, and that --in and --out go together.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Input);
        command.Options.Add(Output);
        command.Options.Add(Storage);
        command.Validators.Add(result =>
        {
            var hasFolders = result.GetValue(Input) is not null || result.GetValue(Output) is not null;
            if (hasFolders == (result.GetValue(Storage) is not null))
            {
                result.AddError("Indiquez soit --in et --out (dossiers), soit --storage (Azure Storage).");
            }
            else if (hasFolders && (result.GetValue(Input) is null || result.GetValue(Output) is null))
            {
                result.AddError("--in et --out vont ensemble.");
            }
        });
    }
}
