using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Impact.Infra.Tests;

/// <summary>A role assignment as the checker sees it: which built-in role, on what, for whom.</summary>
internal sealed record RoleGrant(string Role, string Scope, string Principal)
{
    public override string ToString() => $"{Role} on {Scope} for {Principal}";
}

/// <summary>
/// Reads the compiled main template (every module included) and lists every way the deployment departs from
/// "secure by default": the storage checks of <see cref="StorageTemplateChecker"/>, and a managed identity with
/// identity-based connections only, exactly the role assignments it needs, local authentication off on telemetry,
/// Key Vault in RBAC mode with purge protection, the SMTP password only as a Key Vault reference, Event Grid
/// delivering BlobCreated under returns/ only, with retries and identity-based dead-lettering, and no secret in any
/// output. An empty list means compliant. Where a literal is expected, an expression counts as a departure.
/// </summary>
internal static partial class DeploymentSecurityChecker
{
    public const string SiteType = "Microsoft.Web/sites";
    public const string PlanType = "Microsoft.Web/serverfarms";
    public const string SiteConfigType = "Microsoft.Web/sites/config";
    public const string PublishingPolicyType = "Microsoft.Web/sites/basicPublishingCredentialsPolicies";
    public const string AppInsightsType = "Microsoft.Insights/components";
    public const string WorkspaceType = "Microsoft.OperationalInsights/workspaces";
    public const string KeyVaultType = "Microsoft.KeyVault/vaults";
    public const string SecretType = "Microsoft.KeyVault/vaults/secrets";
    public const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";
    public const string SystemTopicType = "Microsoft.EventGrid/systemTopics";
    public const string EventSubscriptionType = "Microsoft.EventGrid/systemTopics/eventSubscriptions";
    public const string UserAssignedIdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";

    public const string AppIdentity = "the function app identity";
    public const string TopicIdentity = "the Event Grid system topic identity";

    /// <summary>Built-in role definition IDs (the same in every tenant) and their names.</summary>
    public static IReadOnlyDictionary<string, string> BuiltInRoles { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["17d1049b-9a84-46fb-8f53-869881c3d3ab"] = "Storage Account Contributor",
    };

    /// <summary>Exactly the role assignments the deployment must make, no more.</summary>
    public static IReadOnlyList<RoleGrant> ExpectedGrants { get; } =
    [
        new("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts", AppIdentity),
        new("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts", AppIdentity),
        new("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts", AppIdentity),
        new("Monitoring Metrics Publisher", "Microsoft.Insights/components", AppIdentity),
        new("Key Vault Secrets User", "Microsoft.KeyVault/vaults", AppIdentity),
        new("Storage Blob Data Contributor", "Microsoft.Storage/storageAccounts/blobServices/containers/eventgrid-deadletter", TopicIdentity),
    ];

    /// <summary>The settings the worker reads (names from its code and local.settings.example.json), besides the connections.</summary>
    public static IReadOnlyList<string> PipelineSettings { get; } =
    [
        "QUARTERLY_RUN_SCHEDULE", "RISK_TRAINING_SCHEDULE", "Reporting__DeadlineDays", "Reporting__FollowUpQuarters",
        "Alerts__SmtpHost", "Alerts__SmtpPort", "Alerts__SmtpUser", "Alerts__SmtpPassword", "Alerts__Sender",
        "Alerts__DashboardBaseUrl", "Alerts__CapacityPerCoach", "QuarterlyRun__ContactEmail", "QuarterlyRun__ReportRetentionDays",
    ];

    public const string ReturnsSubject = "/blobServices/default/containers/returns/";
    public const string BlobWebhook = "/runtime/webhooks/blobs?functionName=Host.Functions.IngestReturn&code=";

    public static IReadOnlyList<string> Check(JsonNode template)
    {
        var problems = new List<string>(StorageTemplateChecker.Check(template, StorageLayout.Pipeline));
        var resources = TemplateModel.Flatten(template);
        CheckFunctionApp(problems, resources);
        CheckAppSettings(problems, resources);
        CheckTelemetry(problems, resources);
        CheckKeyVault(problems, resources);
        CheckRoleAssignments(problems, resources);
        CheckEventGrid(problems, resources);
        CheckSecrets(problems, template);
        return problems;
    }

    /// <summary>Every role assignment of the deployment, read as role, scope and principal.</summary>
    public static IReadOnlyList<RoleGrant> Grants(IReadOnlyList<TemplateResource> resources, List<string>? problems = null)
    {
        var grants = new List<RoleGrant>();
        foreach (var assignment in resources.Where(r => r.Is(RoleAssignmentType)))
        {
            var roleId = RoleGuid(assignment.Value("properties", "roleDefinitionId"));
            var role = roleId is null ? "an unresolved role" : BuiltInRoles.GetValueOrDefault(roleId, roleId);
            grants.Add(new RoleGrant(role, ScopeOf(assignment), PrincipalOf(assignment.Value("properties", "principalId"))));
            if (assignment.Value("properties", "principalType").LiteralString != "ServicePrincipal")
            {
                problems?.Add($"role assignment {role}: principalType must be the literal \"ServicePrincipal\", found {assignment.Value("properties", "principalType")}");
            }
        }

        return grants;
    }

    private static void CheckFunctionApp(List<string> problems, IReadOnlyList<TemplateResource> resources)
    {
        var plan = Single(problems, resources, PlanType);
        if (plan is not null)
        {
            ExpectString(problems, "plan", plan, "FC1", "sku", "name");
            ExpectString(problems, "plan", plan, "FlexConsumption", "sku", "tier");
        }

        var site = Single(problems, resources, SiteType);
        if (site is null)
        {
            return;
        }

        if (site.Value("kind").LiteralString is not { } kind || !kind.Contains("functionapp", StringComparison.Ordinal) || !kind.Contains("linux", StringComparison.Ordinal))
        {
            problems.Add($"function app: kind must be a literal Linux function app, found {site.Value("kind")}");
        }

        if (site.Value("identity", "type").LiteralString is not ("UserAssigned" or "SystemAssigned" or "SystemAssigned, UserAssigned"))
        {
            problems.Add($"function app: managed identity missing (identity.type {site.Value("identity", "type")})");
        }

        ExpectBool(problems, "function app", site, true, "properties", "httpsOnly");
        ExpectString(problems, "function app", site, "1.2", "properties", "siteConfig", "minTlsVersion");
        ExpectString(problems, "function app", site, "Disabled", "properties", "siteConfig", "ftpsState");
        ExpectString(problems, "function app", site, "dotnet-isolated", "properties", "functionAppConfig", "runtime", "name");
        ExpectString(problems, "function app", site, "10.0", "properties", "functionAppConfig", "runtime", "version");
        if (site.Value("properties", "functionAppConfig", "deployment", "storage", "authentication", "type").LiteralString
            is not ("UserAssignedIdentity" or "SystemAssignedIdentity"))
        {
            problems.Add($"function app: the deployment package must be read with the managed identity (functionAppConfig.deployment.storage.authentication.type {site.Value("properties", "functionAppConfig", "deployment", "storage", "authentication", "type")})");
        }

        if (site.Value("identity", "type").LiteralString == "UserAssigned" && site.Value("properties", "keyVaultReferenceIdentity").Literal is null && site.Value("properties", "keyVaultReferenceIdentity").Expression is null)
        {
            problems.Add("function app: keyVaultReferenceIdentity must name the user-assigned identity (Key Vault references)");
        }

        foreach (var channel in new[] { "ftp", "scm" })
        {
            var policy = resources.SingleOrDefault(r => r.Is(PublishingPolicyType) && NameEndsWith(r, channel));
            if (policy is null || policy.Value("properties", "allow").Literal?.GetValueKind() != JsonValueKind.False)
            {
                problems.Add($"function app: basic publishing credentials ({channel}) must be disabled with allow: false");
            }
        }
    }

    /// <summary>The app settings: identity-based connections only, the pipeline's settings, the password as a Key Vault reference.</summary>
    private static void CheckAppSettings(List<string> problems, IReadOnlyList<TemplateResource> resources)
    {
        var configs = resources.Where(r => r.Is(SiteConfigType) && NameEndsWith(r, "appsettings")).ToList();
        if (configs.Count != 1)
        {
            problems.Add($"app settings: expected exactly one {SiteConfigType} appsettings, found {configs.Count}");
            return;
        }

        var settings = AppSettings(configs[0]);
        if (settings is null)
        {
            problems.Add("app settings: cannot read the settings object (expected an object, union(...) or createObject(...))");
            return;
        }

        foreach (var forbidden in new[] { "AzureWebJobsStorage", "ImpactStorage", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" })
        {
            if (settings.ContainsKey(forbidden))
            {
                problems.Add($"app settings: {forbidden} must not be set (connection strings carry keys; Flex Consumption takes its runtime from functionAppConfig)");
            }
        }

        foreach (var connection in new[] { "AzureWebJobsStorage", "ImpactStorage" })
        {
            ExpectSetting(problems, settings, $"{connection}__credential", "managedidentity");
            if (!settings.TryGetValue($"{connection}__clientId", out var clientId) || !clientId.Origin().ReferencedTypes().Contains(UserAssignedIdentityType))
            {
                problems.Add($"app settings: {connection}__clientId must be the client id of the app's user-assigned identity");
            }
        }

        foreach (var required in new[] { "AzureWebJobsStorage__accountName", "ImpactStorage__blobServiceUri", "ImpactStorage__queueServiceUri", "ImpactStorage__tableServiceUri", "APPLICATIONINSIGHTS_CONNECTION_STRING" }.Concat(PipelineSettings))
        {
            if (!settings.ContainsKey(required))
            {
                problems.Add($"app settings: {required} is missing");
            }
        }

        if (!settings.TryGetValue("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", out var authentication) || !StartsWith(authentication.Origin(), "Authorization=AAD;ClientId="))
        {
            problems.Add("app settings: APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be 'Authorization=AAD;ClientId=<identity client id>' (Entra ID ingestion)");
        }

        if (!settings.TryGetValue("Alerts__SmtpPassword", out var password) || !StartsWith(password.Origin(), "@Microsoft.KeyVault(SecretUri="))
        {
            problems.Add("app settings: Alerts__SmtpPassword must be a Key Vault reference '@Microsoft.KeyVault(SecretUri=...)'");
        }

        foreach (var (name, value) in settings)
        {
            var origin = value.Origin();
            if (origin.SecureParameters().Any())
            {
                problems.Add($"app settings: {name} holds a secure parameter's value ({string.Join(", ", origin.SecureParameters())}); reference Key Vault instead");
            }

            if (ListFunction().IsMatch(origin.Text) || origin.Text.Contains("AccountKey", StringComparison.OrdinalIgnoreCase) || origin.Text.Contains("SharedAccessSignature", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"app settings: {name} carries a key ({origin.Text})");
            }
        }
    }

    private static void CheckTelemetry(List<string> problems, IReadOnlyList<TemplateResource> resources)
    {
        if (Single(problems, resources, AppInsightsType) is { } appInsights)
        {
            ExpectBool(problems, "Application Insights", appInsights, true, "properties", "DisableLocalAuth");
            if (!appInsights.Value("properties", "WorkspaceResourceId").ReferencedTypes().Contains(WorkspaceType))
            {
                problems.Add("Application Insights: WorkspaceResourceId must be the Log Analytics workspace of the deployment");
            }
        }

        if (Single(problems, resources, WorkspaceType) is { } workspace)
        {
            ExpectBool(problems, "Log Analytics", workspace, true, "properties", "features", "disableLocalAuth");
        }
    }

    private static void CheckKeyVault(List<string> problems, IReadOnlyList<TemplateResource> resources)
    {
        if (Single(problems, resources, KeyVaultType) is { } vault)
        {
            ExpectBool(problems, "Key Vault", vault, true, "properties", "enableRbacAuthorization");
            ExpectBool(problems, "Key Vault", vault, true, "properties", "enablePurgeProtection");
            ExpectBool(problems, "Key Vault", vault, true, "properties", "enableSoftDelete");
            if (vault.Node["properties"]?["accessPolicies"] is JsonNode policies && (policies is not JsonArray { Count: 0 }))
            {
                problems.Add("Key Vault: access policies must not be used (RBAC only)");
            }
        }

        foreach (var secret in resources.Where(r => r.Is(SecretType)))
        {
            var value = secret.Value("properties", "value");
            if (value.Literal is not null || !value.Origin().SecureParameters().Any())
            {
                problems.Add($"Key Vault secret {secret.Node["name"]}: the value must come from a @secure() parameter, found {value}");
            }
        }
    }

    private static void CheckRoleAssignments(List<string> problems, IReadOnlyList<TemplateResource> resources)
    {
        var grants = Grants(resources, problems).Select(g => g.ToString()).ToList();
        var expected = ExpectedGrants.Select(g => g.ToString()).ToList();
        foreach (var missing in Minus(expected, grants))
        {
            problems.Add($"role assignments: missing {missing}");
        }

        foreach (var unexpected in Minus(grants, expected))
        {
            problems.Add($"role assignments: unexpected {unexpected}");
        }
    }

    private static void CheckEventGrid(List<string> problems, IReadOnlyList<TemplateResource> resources)
    {
        if (Single(problems, resources, SystemTopicType) is { } topic)
        {
            ExpectString(problems, "Event Grid system topic", topic, "Microsoft.Storage.StorageAccounts", "properties", "topicType");
            ExpectString(problems, "Event Grid system topic", topic, "SystemAssigned", "identity", "type");
            if (!topic.Value("properties", "source").ReferencedTypes().Contains(StorageTemplateChecker.StorageAccountType))
            {
                problems.Add("Event Grid system topic: the source must be the storage account");
            }
        }

        var subscription = Single(problems, resources, EventSubscriptionType);
        if (subscription is null)
        {
            return;
        }

        const string Owner = "Event Grid subscription";
        var types = subscription.Node["properties"]?["filter"]?["includedEventTypes"];
        if (types is not JsonArray { Count: 1 } array || array[0]?.GetValueKind() != JsonValueKind.String || array[0]!.GetValue<string>() != "Microsoft.Storage.BlobCreated")
        {
            problems.Add($"{Owner}: filter.includedEventTypes must be exactly [\"Microsoft.Storage.BlobCreated\"], found {Show(types)}");
        }

        ExpectString(problems, Owner, subscription, ReturnsSubject, "properties", "filter", "subjectBeginsWith");
        ExpectString(problems, Owner, subscription, "WebHook", "properties", "destination", "endpointType");
        var endpoint = subscription.Value("properties", "destination", "properties", "endpointUrl");
        if (!(endpoint.Expression?.Descendants().OfType<ArmLiteral>().Any(l => l.AsString?.Contains(BlobWebhook, StringComparison.Ordinal) == true) ?? false)
            || !endpoint.Text.Contains(".systemKeys.blobs_extension", StringComparison.Ordinal))
        {
            problems.Add($"{Owner}: the endpoint must be the blob extension webhook of IngestReturn with the blobs_extension system key, found {endpoint}");
        }

        if (subscription.Value("properties", "retryPolicy", "maxDeliveryAttempts").Literal is null
            && subscription.Value("properties", "retryPolicy", "maxDeliveryAttempts").Expression is null)
        {
            problems.Add($"{Owner}: retryPolicy.maxDeliveryAttempts is missing");
        }

        if (subscription.Node["properties"]?["deadLetterDestination"] is not null)
        {
            problems.Add($"{Owner}: deadLetterDestination (without identity) must not be used; use deadLetterWithResourceIdentity");
        }

        ExpectString(problems, Owner, subscription, "SystemAssigned", "properties", "deadLetterWithResourceIdentity", "identity", "type");
        ExpectString(problems, Owner, subscription, "StorageBlob", "properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "endpointType");
        var container = subscription.Value("properties", "deadLetterWithResourceIdentity", "deadLetterDestination", "properties", "blobContainerName");
        if (container.LiteralString != "eventgrid-deadletter")
        {
            problems.Add($"{Owner}: events must be dead-lettered into the eventgrid-deadletter container, found {container}");
        }
    }

    /// <summary>
    /// No output of any template (module outputs stay in the deployment history) reads a key (list*()), a secure
    /// parameter or a connection string, and listKeys appears nowhere but in the Event Grid webhook URL.
    /// </summary>
    private static void CheckSecrets(List<string> problems, JsonNode template)
    {
        foreach (var context in TemplateModel.Templates(template))
        {
            foreach (var (name, declaration) in context.Declared)
            {
                var secure = context.IsSecureParameter(name);
                if (SecretName().IsMatch(name) && !secure)
                {
                    problems.Add($"parameter {name}: looks like a secret but is not @secure()");
                }

                if (secure && declaration?["defaultValue"] is not null)
                {
                    problems.Add($"parameter {name}: a secure parameter must have no default value");
                }
            }

            foreach (var (name, output) in context.Template["outputs"] as JsonObject ?? [])
            {
                var value = ArmValue.From(output?["value"], context);
                if (((string?)output?["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
                {
                    problems.Add($"output {name}: secure outputs are not allowed");
                }

                if (ListFunction().IsMatch(value.Text))
                {
                    problems.Add($"output {name}: reads a key with a list*() function");
                }

                if (value.SecureParameters().Any())
                {
                    problems.Add($"output {name}: returns a secure parameter ({string.Join(", ", value.SecureParameters())})");
                }

                if (value.Text.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) || value.Text.Contains("secretUriWithVersion", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"output {name}: returns a connection string or a secret");
                }
            }
        }

        var everywhere = ListKeys().Count(template.ToJsonString());
        var allowed = TemplateModel.Flatten(template).Where(r => r.Is(EventSubscriptionType))
            .Sum(r => ListKeys().Count(r.Value("properties", "destination", "properties", "endpointUrl").Text));
        if (everywhere != allowed)
        {
            problems.Add($"listKeys: used {everywhere - allowed} time(s) outside the Event Grid webhook URL");
        }
    }

    /// <summary>The settings object of an appsettings config resource: a literal object, or union/createObject of parameters.</summary>
    public static Dictionary<string, ArmValue>? AppSettings(TemplateResource config) =>
        ObjectOf(ArmValue.From(config.Node["properties"], config.Context));

    private static Dictionary<string, ArmValue>? ObjectOf(ArmValue value)
    {
        if (value.Literal is JsonObject literal)
        {
            return literal.ToDictionary(p => p.Key, p => ArmValue.From(p.Value, value.Context), StringComparer.Ordinal);
        }

        switch (value.Expression)
        {
            case ArmCall call when call.Is("union") || call.Is("shallowMerge"):
            {
                var merged = new Dictionary<string, ArmValue>(StringComparer.Ordinal);
                foreach (var argument in call.Arguments)
                {
                    if (ObjectOf(new ArmValue(null, argument, value.Context)) is not { } part)
                    {
                        return null;
                    }

                    foreach (var (key, item) in part)
                    {
                        merged[key] = item;
                    }
                }

                return merged;
            }

            case ArmCall call when call.Is("createObject") && call.Arguments.Count % 2 == 0:
            {
                var created = new Dictionary<string, ArmValue>(StringComparer.Ordinal);
                for (var i = 0; i < call.Arguments.Count; i += 2)
                {
                    if (call.Arguments[i] is not ArmLiteral { Value: string key })
                    {
                        return null;
                    }

                    var item = call.Arguments[i + 1];
                    created[key] = item is ArmLiteral literalItem
                        ? new ArmValue(JsonValue.Create(literalItem.Value), null, value.Context)
                        : new ArmValue(null, item, value.Context);
                }

                return created;
            }

            case ArmCall call when call.Is("parameters") && call.SingleStringArgument is { } name
                && value.Context.Supplied.TryGetValue(name, out var raw) && value.Context.Parent is { } parent:
                return ObjectOf(ArmValue.From(raw, parent));

            case ArmCall call when call.Is("variables") && call.SingleStringArgument is { } name
                && VariableOf(value.Context, name) is { } variable:
                return ObjectOf(ArmValue.From(variable, value.Context));

            default:
                return null;
        }
    }

    private static JsonNode? VariableOf(TemplateContext context, string name) =>
        context.Template["variables"] is JsonObject variables ? variables[name] : null;

    private static string? RoleGuid(ArmValue roleDefinitionId)
    {
        if (roleDefinitionId.Expression is ArmCall call && call.Is("subscriptionResourceId") && call.Arguments.Count == 2
            && call.Arguments[0] is ArmLiteral { Value: "Microsoft.Authorization/roleDefinitions" })
        {
            return roleDefinitionId.Context.ResolveLiteral(call.Arguments[1]);
        }

        return null;
    }

    /// <summary>The scope as a resource type (containers with their name); "the resource group" when none is given.</summary>
    private static string ScopeOf(TemplateResource assignment)
    {
        var scope = assignment.Value("scope");
        if (scope.Literal is null && scope.Expression is null)
        {
            return "the resource group";
        }

        if (scope.Expression is ArmCall call && call.Is("resourceId") && call.Arguments.Count >= 2 && call.Arguments[0] is ArmLiteral { Value: string type })
        {
            return type.EndsWith("/containers", StringComparison.OrdinalIgnoreCase)
                ? $"{type}/{scope.Context.ResolveLiteral(call.Arguments[^1]) ?? "?"}"
                : type;
        }

        return $"an unresolved scope {scope}";
    }

    private static string PrincipalOf(ArmValue principalId)
    {
        var types = principalId.Origin().ReferencedTypes();
        return types.Contains(UserAssignedIdentityType) ? AppIdentity
            : types.Contains(SystemTopicType) ? TopicIdentity
            : $"an unknown principal {principalId.Origin()}";
    }

    private static TemplateResource? Single(List<string> problems, IReadOnlyList<TemplateResource> resources, string type)
    {
        var matches = resources.Where(r => r.Is(type)).ToList();
        if (matches.Count != 1)
        {
            problems.Add($"expected exactly one {type}, found {matches.Count}");
            return null;
        }

        return matches[0];
    }

    private static bool NameEndsWith(TemplateResource resource, string lastSegment)
    {
        var name = resource.Value("name");
        return name.LiteralString?.EndsWith($"/{lastSegment}", StringComparison.Ordinal) == true
            || (name.Expression is ArmCall call && call.Is("format") && call.Arguments[^1] is ArmLiteral { Value: string last } && last == lastSegment);
    }

    private static bool StartsWith(ArmValue value, string prefix) =>
        value.LiteralString?.StartsWith(prefix, StringComparison.Ordinal) == true
        || (value.Expression is ArmCall call && call.Is("format") && call.Arguments.Count > 0 && call.Arguments[0] is ArmLiteral { Value: string format }
            && format.StartsWith(prefix, StringComparison.Ordinal));

    private static void ExpectSetting(List<string> problems, Dictionary<string, ArmValue> settings, string name, string expected)
    {
        if (!settings.TryGetValue(name, out var value) || value.LiteralString != expected)
        {
            problems.Add($"app settings: {name} must be the literal \"{expected}\", found {(settings.TryGetValue(name, out var found) ? found.ToString() : "nothing")}");
        }
    }

    private static void ExpectString(List<string> problems, string owner, TemplateResource resource, string expected, params string[] path)
    {
        var value = resource.Value(path);
        if (value.Literal?.GetValueKind() != JsonValueKind.String || value.Literal.GetValue<string>() != expected)
        {
            problems.Add($"{owner}: {string.Join('.', path)} must be the literal \"{expected}\", found {value}");
        }
    }

    private static void ExpectBool(List<string> problems, string owner, TemplateResource resource, bool expected, params string[] path)
    {
        var value = resource.Value(path);
        var kind = value.Literal?.GetValueKind();
        if (kind is not (JsonValueKind.True or JsonValueKind.False) || value.Literal!.GetValue<bool>() != expected)
        {
            problems.Add($"{owner}: {string.Join('.', path)} must be the literal {(expected ? "true" : "false")}, found {value}");
        }
    }

    /// <summary>Multiset difference.</summary>
    private static List<string> Minus(List<string> left, List<string> right)
    {
        var remaining = right.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var item in left)
        {
            if (remaining.TryGetValue(item, out var count) && count > 0)
            {
                remaining[item] = count - 1;
            }
            else
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static string Show(JsonNode? node) => node is null ? "nothing" : node.ToJsonString();

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.CultureInvariant)]
    private static partial Regex ListFunction();

    [GeneratedRegex(@"\blistKeys\(", RegexOptions.CultureInvariant)]
    private static partial Regex ListKeys();

    [GeneratedRegex("password|secret|apikey|token", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
