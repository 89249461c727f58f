using System.Text.Json.Nodes;

namespace Impact.Infra.Tests;

/// <summary>The compiled main.bicep creates a locked-down storage account with exactly the pipeline's layout.</summary>
public class StorageTemplateTests
{
    [Fact]
    public async Task Main_template_storage_account_is_secure_and_has_exactly_the_layout()
    {
        var template = await CompiledTemplates.MainAsync();

        var problems = StorageTemplateChecker.Check(template, StorageLayout.Pipeline);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Main_template_storage_account_properties_are_the_exact_literals()
    {
        var template = await CompiledTemplates.MainAsync();
        var account = Assert.Single(StorageTemplateChecker.Flatten(template), r => (string?)r.Node["type"] == StorageTemplateChecker.StorageAccountType);
        var properties = account.Node["properties"]!;

        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Main_template_outputs_hold_no_keys_or_connection_strings()
    {
        var template = await CompiledTemplates.MainAsync();

        foreach (var context in TemplateModel.Templates(template))
        {
            var outputs = context.Template["outputs"] as JsonObject ?? [];
            var outputText = outputs.ToJsonString();
            Assert.DoesNotContain("listKeys", outputText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey", outputText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("connectionString", outputText, StringComparison.OrdinalIgnoreCase);
            Assert.All(outputs, output => Assert.Equal("string", (string?)output.Value?["type"]));
        }

        // The one listKeys of the deployment is the Event Grid webhook's key, inside the subscription.
        var text = template.ToJsonString();
        Assert.Equal(1, text.Split("listKeys(").Length - 1);
        var subscription = Assert.Single(StorageTemplateChecker.Flatten(template), r => r.Is(DeploymentSecurityChecker.EventSubscriptionType));
        Assert.Contains("listKeys(", (string?)subscription.Node["properties"]?["destination"]?["properties"]?["endpointUrl"], StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
    }
}
