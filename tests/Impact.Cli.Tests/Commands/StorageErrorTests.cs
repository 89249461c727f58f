using Impact.Testing;

namespace Impact.Cli.Tests.Commands;

/// <summary>A storage account that answers and refuses (here: the wrong key, on a real Azurite) is one French line and exit 2.</summary>
[Collection("Azurite")]
public sealed class StorageErrorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_WithTheWrongAccountKeySaysTheStorageRefusedAndExitsTwo()
    {
        var wrongKey = azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);

        var run = await CliRun.RunAsync("run", "--storage", wrongKey, "--as-of", "2024-Q3");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Erreur : le stockage a refusé l'opération (HTTP 403, AuthorizationFailure). Vérifiez la chaîne de connexion (--storage), la clé ou les droits de l'identité sur le compte, puis relancez : ce qui a été écrit est repris sans doublon." + Environment.NewLine, run.Error);
    }
}
