using Impact.Testing;

using System.Diagnostics;

namespace Impact.Cli.Tests;

/// <summary>The built `impact` program run as a user runs it: a real process, its exit code and output.</summary>
public sealed class ProcessTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "impact.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Impact_ValidateSampleExitsZeroInFrench()
    {
        var (code, output, error) = await RunAsync("validate", Path.Combine(RepositoryPaths.Root, "samples", "returns", "MP-002", "2024-Q3.csv"));
        Assert.Equal(0, code);
        Assert.Contains("Résultat : ACCEPTÉ.", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Impact_UsageErrorIsFrenchWithoutStackTrace()
    {
        var (code, _, error) = await RunAsync("validate", "--registre", "x");
        Assert.Equal(2, code);
        Assert.Contains("Erreur d'utilisation", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impact_CorruptRegistryIsAFrenchIoErrorWithoutStackTrace()
    {
        var registry = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(registry, "pas,un,registre\n1,2,3\n");
            var (code, _, error) = await RunAsync("validate", Path.Combine(RepositoryPaths.Root, "samples", "returns", "MP-002", "2024-Q3.csv"), "--registry", registry);
            Assert.Equal(2, code);
            Assert.StartsWith("Erreur : Registre des manufactures : colonnes manquantes : workshop_id, name,", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(registry);
        }
    }

    [Fact]
    public async Task Impact_ASecondProcessOnAHeldOutputFolderExitsTwoInFrench()
    {
        using var folder = new TempFolder();
        var samples = Path.Combine(RepositoryPaths.Root, "samples");
        var output = Path.Combine(folder.Root, "out");
        using (Pipeline.Storage.FolderLock.Acquire(Running.PipelineFolders.Layout(samples, output)))
        {
            var (code, _, error) = await RunAsync("run", "--in", samples, "--out", output, "--as-of", "2024-Q3");

            Assert.Equal(2, code);
            Assert.StartsWith($"Erreur : Le dossier {output} est déjà utilisé par une autre exécution d'impact", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(output, "tables")));
        }
    }
}
