using System.Diagnostics;
using System.Reflection;

namespace Impact.Infra.Tests;

/// <summary>Runs the Bicep CLI restored from its NuGet package (path baked in by the build as assembly metadata).</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> LazyPath = new(ResolvePath);

    public static string ExecutablePath => LazyPath.Value;

    public static string ExpectedVersion => Metadata("BicepCliVersion");

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, environment: null, arguments);

    /// <summary>Runs bicep with extra environment variables (bicepparam files read some with readEnvironmentVariable).</summary>
    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static string ResolvePath()
    {
        var path = Metadata("BicepCliPath");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Bicep CLI not found at {path}; restore the test project (PackageDownload Azure.Bicep.CommandLine.linux-x64).", path);
        }

        // NuGet extraction does not promise an executable bit for every user; add it if missing.
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(path);
            if ((mode & Execute) != Execute)
            {
                File.SetUnixFileMode(path, mode | Execute);
            }
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing; see Impact.Infra.Tests.csproj.");
}

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}stderr:{Environment.NewLine}{StandardError}";
}
