using System.Text.Json.Nodes;

namespace Impact.Infra.Tests;

/// <summary>
/// The parameter files: main.dev.bicepparam and main.prod.bicepparam (for `az deployment group create`) build and lint
/// clean, and take the SMTP settings, the password above all, from the deploying shell's environment; main.parameters.json
/// (for azd) maps every required parameter to an azd environment value and holds no value of its own for the secret.
/// </summary>
public class ParameterFileTests
{
    private const string Password = "test-only-password";

    /// <summary>What an operator exports before deploying with a .bicepparam file.</summary>
    private static Dictionary<string, string?> Environment(bool withPassword = true, string? deployEventGrid = null) => new()
    {
        ["ALERTS_SMTP_HOST"] = "smtp.example.invalid",
        ["ALERTS_SMTP_USER"] = "alerts",
        ["ALERTS_SMTP_PASSWORD"] = withPassword ? Password : null,
        ["ALERTS_SENDER"] = "alertes@example.invalid",
        ["OPERATIONS_EMAIL"] = "exploitation@example.invalid",
        ["ALERTS_SMTP_PORT"] = null,
        ["DEPLOY_EVENT_GRID_SUBSCRIPTION"] = deployEventGrid,
    };

    public static TheoryData<string> ParameterFiles() => [.. InfraPaths.ParameterFiles()];

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task Build_succeeds_without_warnings(string file)
    {
        var result = await BicepCli.RunAsync(InfraPaths.InfraDirectory, Environment(), "build-params", file, "--stdout");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task Lint_reports_nothing(string file)
    {
        var result = await BicepCli.RunAsync(InfraPaths.InfraDirectory, Environment(), "lint", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardOutput), result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task Without_the_password_in_the_environment_nothing_is_deployed(string file)
    {
        var result = await BicepCli.RunAsync(InfraPaths.InfraDirectory, Environment(withPassword: false), "build-params", file, "--stdout");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ALERTS_SMTP_PASSWORD", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, await File.ReadAllTextAsync(Path.Combine(InfraPaths.InfraDirectory, file)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("main.dev.bicepparam", "dev", "Standard_LRS")]
    [InlineData("main.prod.bicepparam", "prod", "Standard_ZRS")]
    public async Task Environment_values_and_the_secret_come_through(string file, string environmentName, string sku)
    {
        var parameters = await BuildAsync(file, Environment());

        Assert.Equal(environmentName, (string?)parameters["environmentName"]?["value"]);
        Assert.Equal(sku, (string?)parameters["storageSkuName"]?["value"]);
        Assert.Equal(Password, (string?)parameters["alertsSmtpPassword"]?["value"]);
        Assert.Equal("exploitation@example.invalid", (string?)parameters["operationsEmail"]?["value"]);
        Assert.Equal(587, (int?)parameters["alertsSmtpPort"]?["value"]);
        Assert.Equal(2048, (int?)parameters["functionInstanceMemoryMB"]?["value"]);
        Assert.False((bool?)parameters["deployEventGridSubscription"]?["value"]);
    }

    [Fact]
    public async Task The_event_grid_step_is_switched_on_from_the_environment()
    {
        var parameters = await BuildAsync("main.prod.bicepparam", Environment(deployEventGrid: "true"));

        Assert.True((bool?)parameters["deployEventGridSubscription"]?["value"]);
    }

    [Fact]
    public async Task Azd_parameters_file_covers_every_required_parameter_and_holds_no_secret()
    {
        var template = await CompiledTemplates.MainAsync();
        var declared = template["parameters"]!.AsObject();
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(InfraPaths.InfraDirectory, "main.parameters.json")))!;
        var mapped = file["parameters"]!.AsObject();

        Assert.All(mapped, p => Assert.True(declared.ContainsKey(p.Key), $"{p.Key} is not a parameter of main.bicep"));
        Assert.All(declared.Where(p => p.Value?["defaultValue"] is null), p => Assert.True(mapped.ContainsKey(p.Key), $"required parameter {p.Key} is not in main.parameters.json"));
        Assert.All(mapped, p => Assert.Matches(@"^\$\{[A-Z_]+(=[^}]*)?\}$", (string?)p.Value?["value"]));
        Assert.Equal("${ALERTS_SMTP_PASSWORD}", (string?)mapped["alertsSmtpPassword"]?["value"]);
        Assert.Equal("${AZURE_ENV_NAME}", (string?)mapped["environmentName"]?["value"]);
    }

    private static async Task<JsonObject> BuildAsync(string file, Dictionary<string, string?> environment)
    {
        var result = await BicepCli.RunAsync(InfraPaths.InfraDirectory, environment, "build-params", file, "--stdout");
        Assert.True(result.ExitCode == 0, result.ToString());
        var output = JsonNode.Parse(result.StandardOutput)!;
        return JsonNode.Parse((string)output["parametersJson"]!)!["parameters"]!.AsObject();
    }
}
