using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Impact.Infra.Tests;

/// <summary>The storage layout a template must create, exactly.</summary>
internal sealed record StorageLayout(IReadOnlyList<string> Containers, IReadOnlyList<string> Tables, IReadOnlyList<string> Queues)
{
    /// <summary>
    /// The layout of ARCHITECTURE.md ($web comes from the static website setting, not from a container resource),
    /// the Flex Consumption deployment package and the Event Grid dead letters.
    /// </summary>
    public static StorageLayout Pipeline { get; } = new(
        ["returns", "reports", "registry", "evaluation", "models", "results", "app-package", "eventgrid-deadletter"],
        ["Submissions", "Returns", "Indicators", "RiskScores", "Alerts", "Notices", "FollowUps", "Uploads"],
        ["risk-alerts", "risk-alerts-poison"]);
}

/// <summary>
/// Reads a compiled ARM template (nested module deployments included) and lists every way its storage
/// account departs from the secure defaults and the expected layout. An empty list means compliant.
/// A value that is an expression rather than the exact literal counts as a departure.
/// </summary>
internal static partial class StorageTemplateChecker
{
    public const string StorageAccountType = "Microsoft.Storage/storageAccounts";
    public const string BlobServiceType = "Microsoft.Storage/storageAccounts/blobServices";
    public const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    public const string QueueType = "Microsoft.Storage/storageAccounts/queueServices/queues";
    public const string ManagementPolicyType = "Microsoft.Storage/storageAccounts/managementPolicies";

    /// <summary>The only blob prefixes a lifecycle rule may delete under: validation reports and Event Grid dead letters.</summary>
    public static IReadOnlyList<string> DeletablePrefixes { get; } = ["reports/", "eventgrid-deadletter/"];

    public static IReadOnlyList<string> Check(JsonNode template, StorageLayout expected)
    {
        var problems = new List<string>();
        var resources = Flatten(template);

        var accounts = resources.Where(r => Is(r, StorageAccountType)).ToList();
        if (accounts.Count != 1)
        {
            problems.Add($"expected exactly one {StorageAccountType}, found {accounts.Count}");
            return problems;
        }

        var account = accounts[0].Node["properties"];
        ExpectLiteral(problems, "storage account", account, "allowSharedKeyAccess", false);
        ExpectLiteral(problems, "storage account", account, "allowBlobPublicAccess", false);
        ExpectLiteral(problems, "storage account", account, "minimumTlsVersion", "TLS1_2");
        ExpectLiteral(problems, "storage account", account, "supportsHttpsTrafficOnly", true);
        ExpectLiteral(problems, "storage account", account, "defaultToOAuthAuthentication", true);

        var blobServices = resources.Where(r => Is(r, BlobServiceType)).ToList();
        if (blobServices.Count != 1)
        {
            problems.Add($"expected exactly one {BlobServiceType}, found {blobServices.Count}");
        }
        else
        {
            var blob = blobServices[0].Node["properties"];
            ExpectLiteral(problems, "blob service", blob, "isVersioningEnabled", true);
            ExpectLiteral(problems, "blob service deleteRetentionPolicy", blob?["deleteRetentionPolicy"], "enabled", true);
            ExpectLiteral(problems, "blob service containerDeleteRetentionPolicy", blob?["containerDeleteRetentionPolicy"], "enabled", true);
            ExpectLiteral(problems, "blob service staticWebsite", blob?["staticWebsite"], "enabled", true);
        }

        CheckLifecycle(problems, resources);

        foreach (var container in resources.Where(r => Is(r, ContainerType)))
        {
            ExpectLiteral(problems, $"container {container.Node["name"]}", container.Node["properties"], "publicAccess", "None");
        }

        ExpectNames(problems, "containers", resources, ContainerType, expected.Containers);
        ExpectNames(problems, "tables", resources, TableType, expected.Tables);
        ExpectNames(problems, "queues", resources, QueueType, expected.Queues);
        return problems;
    }

    /// <summary>Every resource of the template and of its nested deployments, with the literal parameter values in force there.</summary>
    public static IReadOnlyList<TemplateResource> Flatten(JsonNode template) => TemplateModel.Flatten(template);

    /// <summary>
    /// Returns are evidence: a lifecycle rule may only delete under <see cref="DeletablePrefixes"/>, and must say so
    /// with literal prefixes (a rule with no prefix filter applies to the whole account).
    /// </summary>
    private static void CheckLifecycle(List<string> problems, IReadOnlyList<TemplateResource> resources)
    {
        foreach (var policy in resources.Where(r => Is(r, ManagementPolicyType)))
        {
            var rules = policy.Node["properties"]?["policy"]?["rules"] as JsonArray;
            if (rules is null)
            {
                problems.Add($"lifecycle policy: rules must be a literal array, found {Show(policy.Node["properties"]?["policy"]?["rules"])}");
                continue;
            }

            foreach (var rule in rules)
            {
                var name = (string?)rule?["name"] ?? "?";
                var prefixes = rule?["definition"]?["filters"]?["prefixMatch"] as JsonArray;
                if (prefixes is null || prefixes.Count == 0)
                {
                    problems.Add($"lifecycle rule {name}: prefixMatch is missing, so it may delete anywhere (returns included)");
                    continue;
                }

                foreach (var prefix in prefixes)
                {
                    var text = prefix?.GetValueKind() == JsonValueKind.String ? prefix.GetValue<string>() : null;
                    if (text is null || ArmExpression.IsExpression(text) || !DeletablePrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal)))
                    {
                        problems.Add($"lifecycle rule {name}: prefixMatch {Show(prefix)} is outside {string.Join(" and ", DeletablePrefixes)} (returns are never deleted)");
                    }
                }
            }
        }
    }

    private static bool Is(TemplateResource resource, string type) =>
        string.Equals((string?)resource.Node["type"], type, StringComparison.OrdinalIgnoreCase);

    private static void ExpectLiteral(List<string> problems, string owner, JsonNode? parent, string property, bool expected)
    {
        var actual = parent?[property];
        var kind = actual?.GetValueKind();
        if (kind is not (JsonValueKind.True or JsonValueKind.False) || actual!.GetValue<bool>() != expected)
        {
            problems.Add($"{owner}: {property} must be the literal {(expected ? "true" : "false")}, found {Show(actual)}");
        }
    }

    private static void ExpectLiteral(List<string> problems, string owner, JsonNode? parent, string property, string expected)
    {
        var actual = parent?[property];
        if (actual?.GetValueKind() != JsonValueKind.String || !string.Equals(actual.GetValue<string>(), expected, StringComparison.Ordinal))
        {
            problems.Add($"{owner}: {property} must be the literal \"{expected}\", found {Show(actual)}");
        }
    }

    private static void ExpectNames(List<string> problems, string what, IReadOnlyList<TemplateResource> resources, string type, IReadOnlyList<string> expected)
    {
        var actual = new List<string>();
        foreach (var resource in resources.Where(r => Is(r, type)))
        {
            if (ResolveNames(resource) is { } names)
            {
                actual.AddRange(names);
            }
            else
            {
                problems.Add($"{what}: cannot resolve the names of {type} '{resource.Node["name"]}'");
            }
        }

        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var unexpected = actual.Except(expected, StringComparer.Ordinal).ToList();
        var duplicated = actual.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{what}: missing {string.Join(", ", missing)}");
        }

        if (unexpected.Count > 0)
        {
            problems.Add($"{what}: unexpected {string.Join(", ", unexpected)}");
        }

        if (duplicated.Count > 0)
        {
            problems.Add($"{what}: duplicated {string.Join(", ", duplicated)}");
        }
    }

    /// <summary>
    /// The last name segment(s) of a child resource: a literal "account/default/name", a format(...) whose last
    /// argument is a string literal, or a copy loop over an array parameter whose literal value is known.
    /// </summary>
    private static List<string>? ResolveNames(TemplateResource resource)
    {
        var name = (string?)resource.Node["name"];
        if (name is null)
        {
            return null;
        }

        if (resource.Node["copy"] is JsonObject copy)
        {
            var loop = CopyOverParameter().Match(name);
            var count = (string?)copy["count"];
            if (!loop.Success
                || !string.Equals(count, $"[length(parameters('{loop.Groups["p"].Value}'))]", StringComparison.Ordinal)
                || !resource.Parameters.TryGetValue(loop.Groups["p"].Value, out var values)
                || values is not JsonArray array
                || array.Any(v => v?.GetValueKind() != JsonValueKind.String))
            {
                return null;
            }

            return [.. array.Select(v => v!.GetValue<string>())];
        }

        if (!name.StartsWith('['))
        {
            return [name[(name.LastIndexOf('/') + 1)..]];
        }

        var format = FormatWithLiteralLast().Match(name);
        return format.Success ? [format.Groups["n"].Value] : null;
    }

    private static string Show(JsonNode? node) =>
        node is null ? "nothing" : node.ToJsonString();

    [GeneratedRegex(@"parameters\('(?<p>[A-Za-z0-9_]+)'\)\[copyIndex\(\)\]\)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex CopyOverParameter();

    [GeneratedRegex(@"^\[format\(.*, '(?<n>[^']+)'\)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex FormatWithLiteralLast();
}
