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
        var text = template.ToJsonString();

        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("connectionString", text, StringComparison.OrdinalIgnoreCase);
        var outputs = Assert.IsType<JsonObject>(template["outputs"]);
        Assert.All(outputs, output => Assert.Equal("string", (string?)output.Value?["type"]));
    }
}
