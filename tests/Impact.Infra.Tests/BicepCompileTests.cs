namespace Impact.Infra.Tests;

/// <summary>Every Bicep file builds and lints with no diagnostic at all (bicepconfig.json raises the rules to errors).</summary>
public class BicepCompileTests
{
    public static TheoryData<string> BicepFiles() => [.. InfraPaths.BicepFiles()];

    [Fact]
    public void Infra_folder_has_main_and_its_modules()
    {
        var files = InfraPaths.BicepFiles();

        Assert.Equal(
            [
                "main.bicep",
                "modules/app-roles.bicep",
                "modules/blob-events.bicep",
                "modules/event-grid-topic.bicep",
                "modules/function-app.bicep",
                "modules/key-vault.bicep",
                "modules/monitoring.bicep",
                "modules/operations-alerts.bicep",
                "modules/storage.bicep",
            ],
            files);
        Assert.Equal(["main.dev.bicepparam", "main.prod.bicepparam"], InfraPaths.ParameterFiles());
    }

    [Fact]
    public async Task Cli_is_the_pinned_version()
    {
        var result = await BicepCli.RunAsync(InfraPaths.InfraDirectory, "--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Bicep CLI version {BicepCli.ExpectedVersion} ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_succeeds_without_warnings(string file)
    {
        var result = await BicepCli.RunAsync(InfraPaths.InfraDirectory, "build", file, "--stdout");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
        Assert.StartsWith("{", result.StandardOutput.TrimStart(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_reports_nothing(string file)
    {
        var result = await BicepCli.RunAsync(InfraPaths.InfraDirectory, "lint", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardOutput), result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
    }
}
