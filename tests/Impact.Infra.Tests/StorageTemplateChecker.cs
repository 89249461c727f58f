using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Impact.Infra.Tests;

/// <summary>The storage layout a template must create, exactly.</summary>
internal sealed record StorageLayout(IReadOnlyList<string> Containers, IReadOnlyList<string> Tables, IReadOnlyList<string> Queues)
{
    /// <summary>The layout of ARCHITECTURE.md ($web comes from the static website setting, not from a container resource).</summary>
    public static StorageLayout Pipeline { get; } = new(
        ["returns", "reports", "registry", "evaluation", "models", "results"],
        ["Submissions", "Returns", "Indicators", "RiskScores", "Alerts"],
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

    private const string DeploymentType = "Microsoft.Resources/deployments";

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
        }

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
    public static IReadOnlyList<TemplateResource> Flatten(JsonNode template)
    {
        var result = new List<TemplateResource>();
        Collect(template, LiteralDefaults(template, []), result);
        return result;
    }

    private static void Collect(JsonNode template, Dictionary<string, JsonNode> parameters, List<TemplateResource> result)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(pair => pair.Value).OfType<JsonObject>(), // languageVersion 2.0
            _ => [],
        };
        foreach (var resource in resources)
        {
            var entry = new TemplateResource(resource, parameters);
            result.Add(entry);
            if (Is(entry, DeploymentType) && resource["properties"]?["template"] is JsonObject nested)
            {
                var supplied = new Dictionary<string, JsonNode>(StringComparer.OrdinalIgnoreCase);
                if (resource["properties"]?["parameters"] is JsonObject values)
                {
                    foreach (var (name, value) in values)
                    {
                        if (value?["value"] is JsonNode literal && IsLiteral(literal))
                        {
                            supplied[name] = literal;
                        }
                    }
                }

                Collect(nested, LiteralDefaults(nested, supplied), result);
            }
        }
    }

    private static Dictionary<string, JsonNode> LiteralDefaults(JsonNode template, Dictionary<string, JsonNode> supplied)
    {
        var parameters = new Dictionary<string, JsonNode>(supplied, StringComparer.OrdinalIgnoreCase);
        if (template["parameters"] is JsonObject declared)
        {
            foreach (var (name, declaration) in declared)
            {
                if (!parameters.ContainsKey(name) && declaration?["defaultValue"] is JsonNode value && IsLiteral(value))
                {
                    parameters[name] = value;
                }
            }
        }

        return parameters;
    }

    private static bool IsLiteral(JsonNode node) =>
        node.GetValueKind() != JsonValueKind.String || !node.GetValue<string>().StartsWith('[');

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

/// <summary>One resource of a (possibly nested) template and the literal parameter values of its template.</summary>
internal sealed record TemplateResource(JsonObject Node, IReadOnlyDictionary<string, JsonNode> Parameters)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Node["type"]} {Node["name"]}");
}
