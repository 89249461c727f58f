using System.Text.Json.Nodes;

namespace Impact.Infra.Tests;

/// <summary>The deployment checker itself: each regression planted in a copy of the compiled main template is reported.</summary>
public class DeploymentSecurityCheckerTests
{
    public static TheoryData<string, string> Regressions() => new()
    {
        // storage (the storage checker, through the deployment checker)
        { "shared key access on", "allowSharedKeyAccess" },
        { "static website off", "staticWebsite" },
        { "lifecycle rule on returns", "lifecycle rule delete-old-reports: prefixMatch \"returns/\"" },
        { "lifecycle rule on the whole account", "prefixMatch is missing" },
        // function app
        { "plan not Flex Consumption", "sku.name must be the literal \"FC1\"" },
        { "no managed identity on the app", "managed identity missing" },
        { "HTTP allowed on the app", "httpsOnly" },
        { "TLS 1.0 on the app", "minTlsVersion" },
        { "runtime version 10", "runtime.version must be the literal \"10.0\"" },
        { "deployment package by connection string", "deployment package must be read with the managed identity" },
        { "FTP publishing allowed", "basic publishing credentials (ftp)" },
        { "SCM basic auth allowed", "basic publishing credentials (scm)" },
        // app settings
        { "host storage by connection string", "AzureWebJobsStorage must not be set" },
        { "data connection without identity", "ImpactStorage__credential must be the literal \"managedidentity\"" },
        { "host client id not the app identity", "AzureWebJobsStorage__clientId must be the client id" },
        { "telemetry without Entra ID", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" },
        { "SMTP password in plain text", "Alerts__SmtpPassword must be a Key Vault reference" },
        { "worker runtime setting on Flex", "FUNCTIONS_WORKER_RUNTIME must not be set" },
        { "training schedule missing", "RISK_TRAINING_SCHEDULE is missing" },
        // telemetry
        { "App Insights local auth on", "DisableLocalAuth must be the literal true" },
        { "Log Analytics local auth on", "features.disableLocalAuth" },
        // Key Vault and secrets
        { "Key Vault access policies", "enableRbacAuthorization" },
        { "Key Vault purge protection off", "enablePurgeProtection" },
        { "secret from a literal", "Key Vault secret" },
        { "password parameter not secure", "alertsSmtpPassword: looks like a secret but is not @secure()" },
        { "secure parameter with a default", "alertsSmtpPassword: a secure parameter must have no default value" },
        { "account key in an output", "reads a key with a list*() function" },
        { "listKeys outside the webhook", "listKeys: used 1 time(s) outside the Event Grid webhook URL" },
        { "secure parameter in an output", "returns a secure parameter (alertsSmtpPassword)" },
        { "connection string in a module output", "returns a connection string or a secret" },
        // role assignments
        { "Owner instead of Blob Data Owner", "unexpected Owner on Microsoft.Storage/storageAccounts for the function app identity" },
        { "role on the resource group", "unexpected Storage Queue Data Contributor on the resource group" },
        { "duplicated role assignment", "unexpected Storage Table Data Contributor" },
        { "metrics publisher missing", "missing Monitoring Metrics Publisher on Microsoft.Insights/components" },
        { "dead-letter writer on the whole account", "unexpected Storage Blob Data Contributor on Microsoft.Storage/storageAccounts for the Event Grid system topic identity" },
        { "principal type unset", "principalType" },
        // Event Grid
        { "subscription for every container", "subjectBeginsWith must be the literal \"/blobServices/default/containers/returns/\"" },
        { "deleted blobs too", "includedEventTypes" },
        { "webhook of another function", "the endpoint must be the blob extension webhook of IngestReturn" },
        { "no retry policy", "retryPolicy.maxDeliveryAttempts is missing" },
        { "key-based dead-lettering", "deadLetterDestination (without identity) must not be used" },
        { "system topic without identity", "Event Grid system topic: identity.type" },
    };

    [Theory]
    [MemberData(nameof(Regressions))]
    public async Task Reports_the_planted_regression(string regression, string expectedInProblem)
    {
        var template = await CompiledTemplates.MainAsync();
        Assert.Empty(DeploymentSecurityChecker.Check(template));

        Plant(template, regression);
        var problems = DeploymentSecurityChecker.Check(template);

        Assert.Contains(problems, p => p.Contains(expectedInProblem, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_an_empty_template()
    {
        var problems = DeploymentSecurityChecker.Check(JsonNode.Parse("""{ "resources": [] }""")!);

        Assert.Contains($"expected exactly one {DeploymentSecurityChecker.SiteType}, found 0", problems);
        Assert.Contains($"expected exactly one {DeploymentSecurityChecker.KeyVaultType}, found 0", problems);
        Assert.Contains(problems, p => p.StartsWith("role assignments: missing", StringComparison.Ordinal));
    }

    private static void Plant(JsonNode template, string regression)
    {
        switch (regression)
        {
            case "shared key access on": Properties(template, StorageTemplateChecker.StorageAccountType)["allowSharedKeyAccess"] = true; break;
            case "static website off": Properties(template, StorageTemplateChecker.BlobServiceType)["staticWebsite"]!["enabled"] = false; break;
            case "lifecycle rule on returns": Rules(template)[0]!["definition"]!["filters"]!["prefixMatch"] = new JsonArray("returns/"); break;
            case "lifecycle rule on the whole account": Rules(template)[1]!["definition"]!["filters"]!.AsObject().Remove("prefixMatch"); break;

            case "plan not Flex Consumption": Resource(template, DeploymentSecurityChecker.PlanType)["sku"]!["name"] = "Y1"; break;
            case "no managed identity on the app": Resource(template, DeploymentSecurityChecker.SiteType).Remove("identity"); break;
            case "HTTP allowed on the app": Properties(template, DeploymentSecurityChecker.SiteType)["httpsOnly"] = false; break;
            case "TLS 1.0 on the app": Properties(template, DeploymentSecurityChecker.SiteType)["siteConfig"]!["minTlsVersion"] = "1.0"; break;
            case "runtime version 10": Properties(template, DeploymentSecurityChecker.SiteType)["functionAppConfig"]!["runtime"]!["version"] = "10"; break;
            case "deployment package by connection string":
                Properties(template, DeploymentSecurityChecker.SiteType)["functionAppConfig"]!["deployment"]!["storage"]!["authentication"] =
                    new JsonObject { ["type"] = "StorageAccountConnectionString", ["storageAccountConnectionStringName"] = "DEPLOYMENT_STORAGE_CONNECTION_STRING" };
                break;
            case "FTP publishing allowed": Publishing(template, "ftp")["allow"] = true; break;
            case "SCM basic auth allowed": Publishing(template, "scm").Remove("allow"); break;

            case "host storage by connection string":
                EditAppSettings(template, "'AzureWebJobsStorage__accountName', parameters('storageAccountName')",
                    "'AzureWebJobsStorage', 'DefaultEndpointsProtocol=https;AccountName=x;Account" + "Key=planted-by-this-test'");
                break;
            case "data connection without identity": EditAppSettings(template, "'ImpactStorage__credential', 'managedidentity'", "'ImpactStorage__credential', 'connectionstring'"); break;
            case "host client id not the app identity": EditAppSettings(template, "'AzureWebJobsStorage__clientId', parameters('identityClientId')", "'AzureWebJobsStorage__clientId', '00000000-0000-0000-0000-000000000000'"); break;
            case "telemetry without Entra ID": EditAppSettings(template, "format('Authorization=AAD;ClientId={0}'", "format('ClientId={0}'"); break;
            case "SMTP password in plain text": PipelineSettings(template)["Alerts__SmtpPassword"] = "[parameters('alertsSmtpPassword')]"; break;
            case "worker runtime setting on Flex": PipelineSettings(template)["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated"; break;
            case "training schedule missing": PipelineSettings(template).Remove("RISK_TRAINING_SCHEDULE"); break;

            case "App Insights local auth on": Properties(template, DeploymentSecurityChecker.AppInsightsType)["DisableLocalAuth"] = false; break;
            case "Log Analytics local auth on": Properties(template, DeploymentSecurityChecker.WorkspaceType)["features"]!.AsObject().Remove("disableLocalAuth"); break;

            case "Key Vault access policies": Properties(template, DeploymentSecurityChecker.KeyVaultType)["enableRbacAuthorization"] = false; break;
            case "Key Vault purge protection off": Properties(template, DeploymentSecurityChecker.KeyVaultType)["enablePurgeProtection"] = "[parameters('purge')]"; break;
            case "secret from a literal": Properties(template, DeploymentSecurityChecker.SecretType)["value"] = "hunter2"; break;
            case "password parameter not secure": template["parameters"]!["alertsSmtpPassword"]!["type"] = "string"; break;
            case "secure parameter with a default": template["parameters"]!["alertsSmtpPassword"]!["defaultValue"] = "changeme"; break;
            case "account key in an output":
                template["outputs"]!["LEAK"] = new JsonObject { ["type"] = "string", ["value"] = "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2026-06-01').keys[0].value]" };
                break;
            case "listKeys outside the webhook":
                Properties(template, DeploymentSecurityChecker.SiteType)["siteConfig"]!["cors"] =
                    new JsonObject { ["allowedOrigins"] = "[createArray(listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2026-06-01').keys[0].value)]" };
                break;
            case "secure parameter in an output": template["outputs"]!["LEAK"] = new JsonObject { ["type"] = "string", ["value"] = "[parameters('alertsSmtpPassword')]" }; break;
            case "connection string in a module output":
                NestedTemplateOf(template, DeploymentSecurityChecker.AppInsightsType)["outputs"]!["connection"] =
                    new JsonObject { ["type"] = "string", ["value"] = "[reference(resourceId('Microsoft.Insights/components', parameters('appInsightsName')), '2020-02-02').ConnectionString]" };
                break;

            case "Owner instead of Blob Data Owner":
                Assert.Single(TemplateModel.Templates(template), t => t.Template["variables"]?["storageBlobDataOwner"] is not null)
                    .Template["variables"]!["storageBlobDataOwner"] = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
                break;
            case "role on the resource group": Assignment(template, "storageQueueDataContributor").Remove("scope"); break;
            case "duplicated role assignment": Duplicate(Assignment(template, "storageTableDataContributor")); break;
            case "metrics publisher missing": Remove(Assignment(template, "monitoringMetricsPublisher")); break;
            case "dead-letter writer on the whole account":
                Assignment(template, "storageBlobDataContributor")["scope"] = "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]";
                break;
            case "principal type unset": Assignment(template, "keyVaultSecretsUser")["properties"]!.AsObject().Remove("principalType"); break;

            case "subscription for every container": Properties(template, DeploymentSecurityChecker.EventSubscriptionType)["filter"]!["subjectBeginsWith"] = "/blobServices/default/containers/"; break;
            case "deleted blobs too": Properties(template, DeploymentSecurityChecker.EventSubscriptionType)["filter"]!["includedEventTypes"]!.AsArray().Add("Microsoft.Storage.BlobDeleted"); break;
            case "webhook of another function":
                var destination = Properties(template, DeploymentSecurityChecker.EventSubscriptionType)["destination"]!["properties"]!;
                destination["endpointUrl"] = ((string)destination["endpointUrl"]!).Replace("Host.Functions.IngestReturn", "Host.Functions.Other", StringComparison.Ordinal);
                break;
            case "no retry policy": Properties(template, DeploymentSecurityChecker.EventSubscriptionType).Remove("retryPolicy"); break;
            case "key-based dead-lettering":
                var subscription = Properties(template, DeploymentSecurityChecker.EventSubscriptionType);
                subscription["deadLetterDestination"] = subscription["deadLetterWithResourceIdentity"]!["deadLetterDestination"]!.DeepClone();
                subscription.Remove("deadLetterWithResourceIdentity");
                break;
            case "system topic without identity": Resource(template, DeploymentSecurityChecker.SystemTopicType).Remove("identity"); break;

            default: throw new ArgumentOutOfRangeException(nameof(regression), regression, null);
        }
    }

    private static JsonObject Resource(JsonNode template, string type) =>
        Assert.Single(TemplateModel.Flatten(template), r => r.Is(type)).Node;

    private static JsonObject Properties(JsonNode template, string type) => Resource(template, type)["properties"]!.AsObject();

    private static JsonArray Rules(JsonNode template) =>
        Properties(template, StorageTemplateChecker.ManagementPolicyType)["policy"]!["rules"]!.AsArray();

    private static JsonObject Publishing(JsonNode template, string channel) =>
        Assert.Single(TemplateModel.Flatten(template), r => r.Is(DeploymentSecurityChecker.PublishingPolicyType)
            && ((string?)r.Node["name"])?.Contains($"'{channel}'", StringComparison.Ordinal) == true).Node["properties"]!.AsObject();

    private static void EditAppSettings(JsonNode template, string from, string to)
    {
        // The app settings, not the authentication settings (authsettingsV2) beside them.
        var properties = Assert.Single(TemplateModel.Flatten(template), r => r.Is(DeploymentSecurityChecker.SiteConfigType)
            && ((string?)r.Node["name"])?.Contains("'appsettings'", StringComparison.Ordinal) == true).Node;
        var text = (string)properties["properties"]!;
        Assert.Contains(from, text, StringComparison.Ordinal);
        properties["properties"] = text.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>The pipeline settings object main passes to the function app module.</summary>
    private static JsonObject PipelineSettings(JsonNode template) =>
        Assert.Single(TemplateModel.Flatten(template), r => r.Is(TemplateModel.DeploymentType) && r.Node["properties"]?["parameters"]?["pipelineSettings"] is not null)
            .Node["properties"]!["parameters"]!["pipelineSettings"]!["value"]!.AsObject();

    /// <summary>The nested template of the module that declares a resource of the type.</summary>
    private static JsonObject NestedTemplateOf(JsonNode template, string type) =>
        Assert.Single(TemplateModel.Flatten(template), r => r.Is(TemplateModel.DeploymentType)
            && r.Node["properties"]?["template"]?["resources"] is JsonNode resources
            && (resources is JsonArray array ? array.Select(n => n) : resources.AsObject().Select(p => p.Value)).Any(n => (string?)n?["type"] == type))
            .Node["properties"]!["template"]!.AsObject();

    /// <summary>The role assignment whose role definition is the named variable of its template.</summary>
    private static JsonObject Assignment(JsonNode template, string roleVariable) =>
        Assert.Single(TemplateModel.Flatten(template), r => r.Is(DeploymentSecurityChecker.RoleAssignmentType)
            && ((string?)r.Node["properties"]?["roleDefinitionId"])?.Contains($"variables('{roleVariable}')", StringComparison.Ordinal) == true).Node;

    private static void Remove(JsonObject resource)
    {
        switch (resource.Parent)
        {
            case JsonArray array: array.Remove(resource); break;
            case JsonObject obj: obj.Remove(resource.GetPropertyName()); break;
            default: throw new InvalidOperationException("A resource without a parent.");
        }
    }

    private static void Duplicate(JsonObject resource)
    {
        switch (resource.Parent)
        {
            case JsonArray array: array.Add(resource.DeepClone()); break;
            case JsonObject obj: obj[$"{resource.GetPropertyName()}Copy"] = resource.DeepClone(); break;
            default: throw new InvalidOperationException("A resource without a parent.");
        }
    }
}
