using System.Text.Json.Nodes;

namespace Impact.Infra.Tests;

/// <summary>The checker itself: each regression planted in a copy of the compiled template is reported.</summary>
public class StorageTemplateCheckerTests
{
    public static TheoryData<string, string> Regressions() => new()
    {
        { "shared key access on", "allowSharedKeyAccess" },
        { "shared key access unset", "allowSharedKeyAccess" },
        { "shared key access from a parameter", "allowSharedKeyAccess" },
        { "public blob access on", "allowBlobPublicAccess" },
        { "TLS 1.0", "minimumTlsVersion" },
        { "HTTP allowed", "supportsHttpsTrafficOnly" },
        { "OAuth not default", "defaultToOAuthAuthentication" },
        { "versioning off", "isVersioningEnabled" },
        { "container soft delete off", "containerDeleteRetentionPolicy: enabled" },
        { "blob soft delete off", "blob service deleteRetentionPolicy: enabled" },
        { "public container", "publicAccess" },
        { "models container missing", "containers: missing models" },
        { "extra queue", "queues: unexpected extra" },
        { "table renamed", "tables: missing Alerts" },
        { "static website off", "blob service staticWebsite: enabled" },
        { "lifecycle rule on returns", "lifecycle rule delete-old-reports: prefixMatch \"returns/\"" },
        { "lifecycle rule on a returns sub-folder", "lifecycle rule delete-old-dead-letters: prefixMatch \"returns/W001/\"" },
        { "lifecycle rule without prefix", "lifecycle rule delete-old-reports: prefixMatch is missing" },
    };

    [Theory]
    [MemberData(nameof(Regressions))]
    public async Task Reports_the_planted_regression(string regression, string expectedInProblem)
    {
        var template = await CompiledTemplates.MainAsync();
        Assert.Empty(StorageTemplateChecker.Check(template, StorageLayout.Pipeline));

        Plant(template, regression);
        var problems = StorageTemplateChecker.Check(template, StorageLayout.Pipeline);

        Assert.Contains(problems, p => p.Contains(expectedInProblem, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_a_template_without_storage_account()
    {
        var problems = StorageTemplateChecker.Check(JsonNode.Parse("""{ "resources": [] }""")!, StorageLayout.Pipeline);

        Assert.Equal(["expected exactly one Microsoft.Storage/storageAccounts, found 0"], problems);
    }

    [Fact]
    public void Reads_a_plain_template_with_literal_names()
    {
        var template = JsonNode.Parse("""
            {
              "resources": [
                { "type": "Microsoft.Storage/storageAccounts", "name": "st", "properties": {
                    "allowSharedKeyAccess": false, "allowBlobPublicAccess": false, "minimumTlsVersion": "TLS1_2",
                    "supportsHttpsTrafficOnly": true, "defaultToOAuthAuthentication": true } },
                { "type": "Microsoft.Storage/storageAccounts/blobServices", "name": "st/default", "properties": {
                    "isVersioningEnabled": true, "deleteRetentionPolicy": { "enabled": true },
                    "containerDeleteRetentionPolicy": { "enabled": true }, "staticWebsite": { "enabled": true } } },
                { "type": "Microsoft.Storage/storageAccounts/blobServices/containers", "name": "st/default/returns", "properties": { "publicAccess": "None" } },
                { "type": "Microsoft.Storage/storageAccounts/tableServices/tables", "name": "[format('{0}/{1}/{2}', parameters('n'), 'default', 'Alerts')]" },
                { "type": "Microsoft.Storage/storageAccounts/queueServices/queues", "name": "st/default/risk-alerts" }
              ]
            }
            """)!;

        Assert.Empty(StorageTemplateChecker.Check(template, new StorageLayout(["returns"], ["Alerts"], ["risk-alerts"])));
        Assert.Equal(
            ["containers: missing models", "tables: unexpected Alerts"],
            StorageTemplateChecker.Check(template, new StorageLayout(["returns", "models"], [], ["risk-alerts"])));
    }

    private static void Plant(JsonNode template, string regression)
    {
        var account = Properties(template, StorageTemplateChecker.StorageAccountType);
        var blob = Properties(template, StorageTemplateChecker.BlobServiceType);
        switch (regression)
        {
            case "shared key access on": account["allowSharedKeyAccess"] = true; break;
            case "shared key access unset": account.Remove("allowSharedKeyAccess"); break;
            case "shared key access from a parameter": account["allowSharedKeyAccess"] = "[parameters('allowSharedKeyAccess')]"; break;
            case "public blob access on": account["allowBlobPublicAccess"] = true; break;
            case "TLS 1.0": account["minimumTlsVersion"] = "TLS1_0"; break;
            case "HTTP allowed": account["supportsHttpsTrafficOnly"] = false; break;
            case "OAuth not default": account["defaultToOAuthAuthentication"] = false; break;
            case "versioning off": blob["isVersioningEnabled"] = false; break;
            case "container soft delete off": blob["containerDeleteRetentionPolicy"]!["enabled"] = false; break;
            case "blob soft delete off": blob.Remove("deleteRetentionPolicy"); break;
            case "public container": Properties(template, StorageTemplateChecker.ContainerType)["publicAccess"] = "Blob"; break;
            case "models container missing": NameList(template, "containerNames").RemoveAt(4); break;
            case "extra queue": NameList(template, "queueNames").Add("extra"); break;
            case "table renamed": NameList(template, "tableNames")[4] = "Alert"; break;
            case "static website off": blob.Remove("staticWebsite"); break;
            case "lifecycle rule on returns": Rules(template)[0]!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Add("returns/"); break;
            case "lifecycle rule on a returns sub-folder": Rules(template)[1]!["definition"]!["filters"]!["prefixMatch"]![0] = "returns/W001/"; break;
            case "lifecycle rule without prefix": Rules(template)[0]!["definition"]!["filters"]!.AsObject().Remove("prefixMatch"); break;
            default: throw new ArgumentOutOfRangeException(nameof(regression), regression, null);
        }
    }

    private static JsonArray Rules(JsonNode template) =>
        Properties(template, StorageTemplateChecker.ManagementPolicyType)["policy"]!["rules"]!.AsArray();

    private static JsonObject Properties(JsonNode template, string type) =>
        Assert.Single(StorageTemplateChecker.Flatten(template), r => (string?)r.Node["type"] == type).Node["properties"]!.AsObject();

    /// <summary>The literal name array the module deployment passes in (main.bicep's storage layout).</summary>
    private static JsonArray NameList(JsonNode template, string parameter) =>
        Assert.Single(Descendants(template), n => n is JsonObject o && o[parameter]?["value"] is JsonArray)![parameter]!["value"]!.AsArray();

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Descendants))
        {
            yield return descendant;
        }
    }
}
