using System.Text.Json.Nodes;

namespace Impact.Infra.Tests;

/// <summary>The compiled main.bicep (every module included) is secure by default; see <see cref="DeploymentSecurityChecker"/>.</summary>
public class DeploymentSecurityTests
{
    [Fact]
    public async Task Main_template_has_no_security_problem()
    {
        var template = await CompiledTemplates.MainAsync();

        Assert.Empty(DeploymentSecurityChecker.Check(template));
    }

    [Fact]
    public async Task Role_assignments_are_exactly_the_needed_ones()
    {
        var template = await CompiledTemplates.MainAsync();

        var grants = DeploymentSecurityChecker.Grants(TemplateModel.Flatten(template));

        Assert.Equal(
            DeploymentSecurityChecker.ExpectedGrants.Select(g => g.ToString()).Order(StringComparer.Ordinal),
            grants.Select(g => g.ToString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(grants, g => g.Role is "Owner" or "Contributor" or "User Access Administrator" or "Storage Account Contributor");
    }

    [Fact]
    public async Task Function_app_is_flex_consumption_dotnet_isolated_10_with_the_parameters_memory_and_scale()
    {
        var template = await CompiledTemplates.MainAsync();
        var resources = TemplateModel.Flatten(template);
        var site = Assert.Single(resources, r => r.Is(DeploymentSecurityChecker.SiteType));
        var config = site.Node["properties"]!["functionAppConfig"]!;

        Assert.Equal("FC1", (string?)Assert.Single(resources, r => r.Is(DeploymentSecurityChecker.PlanType)).Node["sku"]?["name"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]?["version"]);
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)config["scaleAndConcurrency"]?["instanceMemoryMB"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)config["scaleAndConcurrency"]?["maximumInstanceCount"]);
        Assert.Equal("blobContainer", (string?)config["deployment"]?["storage"]?["type"]);
        Assert.Equal(2048, (int?)template["parameters"]?["functionInstanceMemoryMB"]?["defaultValue"]);
        Assert.NotNull(template["parameters"]?["functionMaximumInstanceCount"]?["defaultValue"]);
    }

    [Fact]
    public async Task Platform_authentication_and_the_api_trust_setting_are_turned_on_together()
    {
        var template = await CompiledTemplates.MainAsync();
        var resources = TemplateModel.Flatten(template);
        var auth = Assert.Single(resources, r => r.Is(DeploymentSecurityChecker.SiteConfigType)
            && ((string?)r.Node["name"])?.Contains("'authsettingsV2'", StringComparison.Ordinal) == true).Node;
        var settings = DeploymentSecurityChecker.AppSettings(Assert.Single(resources, r => r.Is(DeploymentSecurityChecker.SiteConfigType)
            && ((string?)r.Node["name"])?.Contains("'appsettings'", StringComparison.Ordinal) == true))!;

        Assert.Equal("[variables('platformAuthentication')]", (string?)auth["condition"]);
        Assert.True((bool?)auth["properties"]?["globalValidation"]?["requireAuthentication"]);
        Assert.Equal("RedirectToLoginPage", (string?)auth["properties"]?["globalValidation"]?["unauthenticatedClientAction"]);
        Assert.Equal("azureactivedirectory", (string?)auth["properties"]?["globalValidation"]?["redirectToProvider"]);
        Assert.Equal(["/runtime/webhooks/blobs"], auth["properties"]?["globalValidation"]?["excludedPaths"]?.AsArray().Select(p => (string?)p));
        Assert.Equal("if(variables('platformAuthentication'), 'true', 'false')", settings["Http__TrustPlatformAuthentication"].Origin().Text);
    }

    [Fact]
    public async Task App_settings_are_identity_based_and_carry_every_pipeline_setting()
    {
        var template = await CompiledTemplates.MainAsync();
        var config = Assert.Single(TemplateModel.Flatten(template), r => r.Is(DeploymentSecurityChecker.SiteConfigType)
            && ((string?)r.Node["name"])?.Contains("'appsettings'", StringComparison.Ordinal) == true);

        var settings = DeploymentSecurityChecker.AppSettings(config)!;

        Assert.NotNull(settings);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"].LiteralString);
        Assert.Equal("managedidentity", settings["ImpactStorage__credential"].LiteralString);
        Assert.All(DeploymentSecurityChecker.PipelineSettings, name => Assert.True(settings.ContainsKey(name), name));
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.StartsWith("format('@Microsoft.KeyVault(SecretUri={0})'", settings["Alerts__SmtpPassword"].Origin().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_grid_subscription_is_conditional_and_filters_blob_created_under_returns()
    {
        var template = await CompiledTemplates.MainAsync();
        var resources = TemplateModel.Flatten(template);
        var module = Assert.Single(resources, r => r.Is(TemplateModel.DeploymentType)
            && r.Node["properties"]?["template"]?.ToJsonString().Contains(DeploymentSecurityChecker.EventSubscriptionType, StringComparison.Ordinal) == true);
        var subscription = Assert.Single(resources, r => r.Is(DeploymentSecurityChecker.EventSubscriptionType)).Node["properties"]!;

        Assert.Equal("[parameters('deployEventGridSubscription')]", (string?)module.Node["condition"]);
        Assert.False((bool?)template["parameters"]?["deployEventGridSubscription"]?["defaultValue"]);
        Assert.Equal(["Microsoft.Storage.BlobCreated"], subscription["filter"]!["includedEventTypes"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("/blobServices/default/containers/returns/", (string?)subscription["filter"]!["subjectBeginsWith"]);
        Assert.Contains("listKeys(", (string?)subscription["destination"]!["properties"]!["endpointUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hook_deploys_the_same_event_grid_module_as_main()
    {
        var main = await CompiledTemplates.MainAsync();
        var standalone = await CompiledTemplates.BlobEventsAsync();
        var nested = Assert.Single(TemplateModel.Flatten(main), r => r.Is(TemplateModel.DeploymentType)
            && r.Node["properties"]?["template"]?.ToJsonString().Contains(DeploymentSecurityChecker.EventSubscriptionType, StringComparison.Ordinal) == true)
            .Node["properties"]!["template"]!;

        Assert.True(JsonNode.DeepEquals(standalone["resources"], nested["resources"]), "the resources of modules/blob-events.bicep differ from main's nested copy");
        Assert.True(JsonNode.DeepEquals(standalone["parameters"], nested["parameters"]), "the parameters of modules/blob-events.bicep differ from main's nested copy");
    }
}
