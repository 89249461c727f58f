using System.Text.Json.Nodes;

namespace Impact.Infra.Tests;

/// <summary>The linter configuration really turns findings into errors, and the lint tests would see them.</summary>
public sealed class BicepConfigTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("impact-bicep-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Theory]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("secure-parameter-default")]
    [InlineData("no-hardcoded-env-urls")]
    [InlineData("no-unused-params")]
    [InlineData("no-unused-vars")]
    [InlineData("use-recent-api-versions")]
    [InlineData("prefer-interpolation")]
    [InlineData("simplify-interpolation")]
    [InlineData("no-hardcoded-location")]
    [InlineData("explicit-values-for-loc-params")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("use-description-params")]
    public void Core_rule_is_an_error(string rule)
    {
        var config = JsonNode.Parse(File.ReadAllText(InfraPaths.BicepConfig))!;

        Assert.Equal(true, (bool?)config["analyzers"]?["core"]?["enabled"]);
        Assert.Equal("error", (string?)config["analyzers"]?["core"]?["rules"]?[rule]?["level"]);
    }

    [Fact]
    public async Task A_violating_file_fails_lint_and_build_under_the_repository_config()
    {
        File.Copy(InfraPaths.BicepConfig, Path.Combine(_scratch.FullName, "bicepconfig.json"));
        var file = Path.Combine(_scratch.FullName, "bad.bicep");
        await File.WriteAllTextAsync(file, """
            @description('Never used.')
            param unused string

            @description('Hard-coded region.')
            output region string = 'westeurope'

            """);

        var lint = await BicepCli.RunAsync(_scratch.FullName, "lint", file);
        var build = await BicepCli.RunAsync(_scratch.FullName, "build", file, "--stdout");

        Assert.NotEqual(0, lint.ExitCode);
        Assert.Contains("Error no-unused-params", lint.StandardError + lint.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("Error no-unused-params", build.StandardError, StringComparison.Ordinal);
    }
}
