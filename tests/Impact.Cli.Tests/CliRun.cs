using Microsoft.Extensions.Time.Testing;

namespace Impact.Cli.Tests;

/// <summary>Runs the CLI in-process, with captured output and a fixed clock.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static readonly DateTimeOffset Now = new(2024, 11, 5, 9, 0, 0, TimeSpan.Zero);

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ImpactCli.RunAsync(args, output, error, new FakeTimeProvider(Now));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder laid out like an input folder (registry/, returns/), deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Directory.CreateTempSubdirectory("impact-cli-").FullName;
    }

    public string Root { get; }

    public string Write(string relativePath, byte[] content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
