using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Impact.Infra.Tests;

/// <summary>
/// What ties the deployment together outside Bicep: azure.yaml (what `azd up` provisions and deploys), the postdeploy
/// hooks (the Event Grid step, fed by main.bicep's outputs) and the operator's walk-through in docs/deployment.md.
/// </summary>
public partial class DeploymentFilesTests
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([InfraPaths.Root, .. path]));

    [Fact]
    public void Azure_yaml_provisions_infra_bicep_and_deploys_the_functions_project_to_a_function_app()
    {
        var yaml = Read("azure.yaml");

        Assert.Matches(@"(?m)^infra:\s*\n\s+provider: bicep\s*\n\s+path: infra-bicep\s*\n\s+module: main\s*$", yaml);
        Assert.Matches(@"(?m)^services:\s*\n\s+functions:\s*\n\s+project: \./functions/Impact\.Functions\s*\n\s+language: dotnet\s*\n\s+host: function\s*$", yaml);
        Assert.True(File.Exists(Path.Combine(InfraPaths.Root, "functions", "Impact.Functions", "Impact.Functions.csproj")));
        Assert.True(File.Exists(Path.Combine(InfraPaths.InfraDirectory, "main.parameters.json")), "azd reads infra-bicep/main.parameters.json");
        foreach (Match hook in HookScript().Matches(yaml))
        {
            Assert.True(File.Exists(Path.Combine(InfraPaths.Root, hook.Groups["path"].Value)), $"hook {hook.Groups["path"].Value} does not exist");
        }

        Assert.Equal(2, HookScript().Count(yaml));
    }

    [Fact]
    public async Task Function_app_carries_the_azd_service_tag()
    {
        var template = await CompiledTemplates.MainAsync();
        var site = Assert.Single(TemplateModel.Flatten(template), r => r.Is(DeploymentSecurityChecker.SiteType));

        Assert.Contains("'azd-service-name', 'functions'", (string?)site.Node["tags"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postdeploy.sh")]
    [InlineData("postdeploy.ps1")]
    public async Task Postdeploy_hook_deploys_the_event_grid_module_with_its_parameters_from_main_outputs(string hook)
    {
        var script = Read("infra-bicep", "hooks", hook);
        var main = await CompiledTemplates.MainAsync();
        var module = await CompiledTemplates.BlobEventsAsync();
        var outputs = main["outputs"]!.AsObject().Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var moduleParameters = module["parameters"]!.AsObject();

        Assert.Contains("--template-file infra-bicep/modules/blob-events.bicep", script, StringComparison.Ordinal);
        var passed = ParameterAssignment().Matches(script).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(passed, name => Assert.True(moduleParameters.ContainsKey(name), $"{hook} passes {name}, not a parameter of blob-events.bicep"));
        Assert.All(moduleParameters.Where(p => p.Value?["defaultValue"] is null), p => Assert.Contains(p.Key, passed));
        var variables = EnvironmentVariable().Matches(script).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(variables);
        Assert.All(variables, name => Assert.True(outputs.Contains(name), $"{hook} reads {name}, which main.bicep does not output"));
        Assert.Contains("azd env set DEPLOY_EVENT_GRID_SUBSCRIPTION true", script, StringComparison.Ordinal);
        var commands = string.Join('\n', script.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));
        Assert.DoesNotContain("listKeys", commands, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("keys list", commands, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Posix_hook_is_executable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(Path.Combine(InfraPaths.InfraDirectory, "hooks", "postdeploy.sh"));
        Assert.True((mode & UnixFileMode.UserExecute) != 0, "postdeploy.sh must be executable (git keeps the bit)");
    }

    [Fact]
    public void Walk_through_names_every_command_in_order()
    {
        var doc = Read("docs", "deployment.md");
        string[] steps =
        [
            "az bicep install",
            "az provider register",
            "az login",
            "azd auth login",
            "azd env new",
            "azd env set AZURE_RESOURCE_GROUP",
            "azd env set ALERTS_SMTP_HOST",
            "azd env set ALERTS_SMTP_PASSWORD",
            "azd up",
            "az deployment group create",
            "azd env set DEPLOY_EVENT_GRID_SUBSCRIPTION true",
            "azd hooks run postdeploy",
            "az eventgrid system-topic event-subscription show",
            "--role \"Storage Blob Data Contributor\"",
            "az storage blob upload",
            "az functionapp function list",
            "/admin/functions/QuarterlyRun",
            "azd provision",
            "az functionapp restart",
            "func start",
        ];

        var position = 0;
        foreach (var step in steps)
        {
            var found = doc.IndexOf(step, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"docs/deployment.md does not name `{step}` after `{doc[Math.Max(0, position - 40)..position]}`");
            position = found + step.Length;
        }

    }

    [Fact]
    public void Walk_through_explains_every_app_setting_and_every_azd_value()
    {
        var doc = Read("docs", "deployment.md");
        var parameters = JsonNode.Parse(Read("infra-bicep", "main.parameters.json"))!["parameters"]!.AsObject();

        Assert.All(DeploymentSecurityChecker.PipelineSettings, setting => Assert.Contains($"`{setting}`", doc, StringComparison.Ordinal));
        foreach (var (name, value) in parameters)
        {
            var variable = AzdVariable().Match((string)value!["value"]!).Groups["name"].Value;
            if (variable is "AZURE_ENV_NAME" or "AZURE_LOCATION")
            {
                continue;
            }

            Assert.True(doc.Contains($"`{variable}`", StringComparison.Ordinal) || doc.Contains($"azd env set {variable} ", StringComparison.Ordinal), $"{variable} ({name}) is not explained");
        }
    }

    [GeneratedRegex(@"run: \./(?<path>infra-bicep/hooks/[\w.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex HookScript();

    [GeneratedRegex(@"(?<name>\b[a-z][A-Za-z]+)=""?\$[A-Za-z{]", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterAssignment();

    [GeneratedRegex(@"\$(?:\{|env:)?(?<name>(?:AZURE|EVENT_GRID)_[A-Z_]+)", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentVariable();

    [GeneratedRegex(@"^\$\{(?<name>[A-Z_]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AzdVariable();
}
