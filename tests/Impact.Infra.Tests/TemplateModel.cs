using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Impact.Infra.Tests;

/// <summary>
/// One template of a compiled deployment (the main one or a module's nested one): its literal parameter values and
/// variables, and the raw values its parent deployment passes in, so that a value can be followed up to where it
/// comes from.
/// </summary>
internal sealed class TemplateContext
{
    private TemplateContext(JsonNode template, TemplateContext? parent, IReadOnlyDictionary<string, JsonNode> supplied)
    {
        Template = template;
        Parent = parent;
        Supplied = supplied;

        var parameters = new Dictionary<string, JsonNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, raw) in supplied)
        {
            if (parent?.ResolveLiteral(raw) is { } literal)
            {
                parameters[name] = literal;
            }
        }

        foreach (var (name, declaration) in Declared)
        {
            if (!supplied.ContainsKey(name) && declaration?["defaultValue"] is JsonNode value && IsLiteral(value))
            {
                parameters[name] = value.DeepClone();
            }
        }

        Parameters = parameters;
        var variables = new Dictionary<string, JsonNode>(StringComparer.OrdinalIgnoreCase);
        Variables = variables;
        if (template["variables"] is JsonObject declaredVariables)
        {
            foreach (var (name, raw) in declaredVariables)
            {
                if (raw is not null && name != "copy" && ResolveLiteral(raw) is { } literal)
                {
                    variables[name] = literal;
                }
            }
        }
    }

    public JsonNode Template { get; }

    public TemplateContext? Parent { get; }

    /// <summary>Literal parameter values in force: passed by the parent (resolved there), or literal defaults.</summary>
    public IReadOnlyDictionary<string, JsonNode> Parameters { get; }

    /// <summary>Variables whose value is known without deploying.</summary>
    public IReadOnlyDictionary<string, JsonNode> Variables { get; }

    /// <summary>The raw values (expressions included) the parent deployment passes in.</summary>
    public IReadOnlyDictionary<string, JsonNode> Supplied { get; }

    public IEnumerable<KeyValuePair<string, JsonNode?>> Declared =>
        Template["parameters"] as JsonObject ?? [];

    /// <summary>Resources by symbolic name (languageVersion 2.0 templates), for reference('name').</summary>
    public JsonObject? SymbolicResources => Template["resources"] as JsonObject;

    public static TemplateContext Root(JsonNode template) =>
        new(template, parent: null, new Dictionary<string, JsonNode>(StringComparer.OrdinalIgnoreCase));

    public TemplateContext Nested(JsonNode template, JsonObject? parameterValues)
    {
        var supplied = new Dictionary<string, JsonNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameterValues ?? [])
        {
            if (value?["value"] is JsonNode raw)
            {
                supplied[name] = raw;
            }
        }

        return new TemplateContext(template, this, supplied);
    }

    public bool IsSecureParameter(string name) =>
        Declared.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?["type"] is JsonNode type
        && ((string?)type)?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The literal a raw template value stands for here, when it is known without deploying; otherwise null.</summary>
    public JsonNode? ResolveLiteral(JsonNode raw)
    {
        switch (raw)
        {
            case JsonArray array:
            {
                var result = new JsonArray();
                foreach (var item in array)
                {
                    if (item is null || ResolveLiteral(item) is not { } resolved)
                    {
                        return null;
                    }

                    result.Add(resolved);
                }

                return result;
            }

            case JsonObject obj:
            {
                var result = new JsonObject();
                foreach (var (name, item) in obj)
                {
                    if (item is null || ResolveLiteral(item) is not { } resolved)
                    {
                        return null;
                    }

                    result[name] = resolved;
                }

                return result;
            }

            default:
                if (raw.GetValueKind() != JsonValueKind.String)
                {
                    return raw.DeepClone();
                }

                var node = ArmExpression.ParseValue(raw.GetValue<string>());
                return ResolveLiteral(node) is { } text ? JsonValue.Create(text) : LiteralNode(node);
        }
    }

    /// <summary>The string an expression evaluates to when it is a literal, parameters('x') or variables('x') known here.</summary>
    public string? ResolveLiteral(ArmNode node) => node switch
    {
        ArmLiteral { Value: string s } => s,
        ArmCall call when call.Is("parameters") && call.SingleStringArgument is { } p && Parameters.TryGetValue(p, out var value) && value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        ArmCall call when call.Is("variables") && call.SingleStringArgument is { } v && Variables.TryGetValue(v, out var value) && value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => null,
    };

    private JsonNode? LiteralNode(ArmNode node) => node switch
    {
        ArmLiteral { Value: long n } => JsonValue.Create(n),
        ArmCall call when call.Is("parameters") && call.SingleStringArgument is { } p && Parameters.TryGetValue(p, out var value) => value.DeepClone(),
        ArmCall call when call.Is("variables") && call.SingleStringArgument is { } v && Variables.TryGetValue(v, out var value) => value.DeepClone(),
        ArmCall call when call.Is("true") && call.Arguments.Count == 0 => JsonValue.Create(true),
        ArmCall call when call.Is("false") && call.Arguments.Count == 0 => JsonValue.Create(false),
        _ => null,
    };

    private static bool IsLiteral(JsonNode node) =>
        node.GetValueKind() != JsonValueKind.String || !ArmExpression.IsExpression(node.GetValue<string>());
}

/// <summary>A value of a template property: a literal, or an expression read in its template.</summary>
internal sealed record ArmValue(JsonNode? Literal, ArmNode? Expression, TemplateContext Context)
{
    public static ArmValue From(JsonNode? raw, TemplateContext context) =>
        raw?.GetValueKind() == JsonValueKind.String && ArmExpression.IsExpression(raw.GetValue<string>())
            ? new ArmValue(null, ArmExpression.ParseValue(raw.GetValue<string>()), context)
            : new ArmValue(raw, null, context);

    /// <summary>The string this value certainly is, or null when it is an expression of unknown value.</summary>
    public string? LiteralString =>
        Literal?.GetValueKind() == JsonValueKind.String ? Literal.GetValue<string>()
        : Expression is not null ? Context.ResolveLiteral(Expression)
        : null;

    /// <summary>The value as text (a literal's JSON, or the expression), for searching.</summary>
    public string Text => Expression?.ToString() ?? Literal?.ToJsonString() ?? "null";

    /// <summary>
    /// Follows parameters('x') up through the module deployments that pass x in, to the expression or literal
    /// that really produces the value.
    /// </summary>
    public ArmValue Origin()
    {
        var value = this;
        while (value.Expression is ArmCall call && call.Is("parameters") && call.SingleStringArgument is { } name
            && value.Context.Supplied.TryGetValue(name, out var raw) && value.Context.Parent is { } parent)
        {
            value = From(raw, parent);
        }

        return value;
    }

    /// <summary>The resource types the value refers to: resourceId('Type', ...) and reference('symbolicName').</summary>
    public IReadOnlySet<string> ReferencedTypes()
    {
        var types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var call in (Expression?.Descendants() ?? []).OfType<ArmCall>())
        {
            if ((call.Is("resourceId") || call.Is("subscriptionResourceId") || call.Is("extensionResourceId"))
                && call.Arguments.OfType<ArmLiteral>().Select(a => a.AsString).FirstOrDefault(s => s?.Contains('/', StringComparison.Ordinal) == true) is { } type)
            {
                types.Add(type);
            }
            else if (call.Is("reference") && call.Arguments.Count > 0 && call.Arguments[0] is ArmLiteral { Value: string symbol }
                && Context.SymbolicResources?[symbol]?["type"] is JsonNode symbolType)
            {
                types.Add((string)symbolType!);
            }
        }

        return types;
    }

    /// <summary>Names of secure parameters this value reads, followed up through the module deployments.</summary>
    public IEnumerable<string> SecureParameters()
    {
        foreach (var call in (Expression?.Descendants() ?? []).OfType<ArmCall>())
        {
            if (call.Is("parameters") && call.SingleStringArgument is { } name)
            {
                if (Context.IsSecureParameter(name))
                {
                    yield return name;
                }
                else if (Context.Supplied.TryGetValue(name, out var raw) && Context.Parent is { } parent)
                {
                    foreach (var secure in From(raw, parent).SecureParameters())
                    {
                        yield return secure;
                    }
                }
            }
        }
    }

    public override string ToString() => Text;
}

/// <summary>One resource of a (possibly nested) template, in its template's context.</summary>
internal sealed record TemplateResource(JsonObject Node, TemplateContext Context)
{
    /// <summary>The literal parameter values in force in the resource's template.</summary>
    public IReadOnlyDictionary<string, JsonNode> Parameters => Context.Parameters;

    public string? Type => (string?)Node["type"];

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>A property (dotted path under the resource) as a value read in the resource's template.</summary>
    public ArmValue Value(params string[] path)
    {
        JsonNode? node = Node;
        foreach (var segment in path)
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return ArmValue.From(node, Context);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Node["type"]} {Node["name"]}");
}

internal static class TemplateModel
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    /// <summary>Every resource of the template and of its nested deployments, each with its template's context.</summary>
    public static IReadOnlyList<TemplateResource> Flatten(JsonNode template)
    {
        var result = new List<TemplateResource>();
        Collect(TemplateContext.Root(template), result);
        return result;
    }

    /// <summary>Every template of the deployment: the root and each nested one.</summary>
    public static IReadOnlyList<TemplateContext> Templates(JsonNode template)
    {
        var root = TemplateContext.Root(template);
        var result = new List<TemplateContext> { root };
        result.AddRange(Flatten(template).Where(r => r.Is(DeploymentType) && r.Node["properties"]?["template"] is JsonObject)
            .Select(r => r.Context.Nested(r.Node["properties"]!["template"]!, r.Node["properties"]?["parameters"] as JsonObject)));
        return result;
    }

    private static void Collect(TemplateContext context, List<TemplateResource> result)
    {
        var resources = context.Template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(pair => pair.Value).OfType<JsonObject>(), // languageVersion 2.0
            _ => [],
        };
        foreach (var resource in resources)
        {
            var entry = new TemplateResource(resource, context);
            result.Add(entry);
            if (entry.Is(DeploymentType) && resource["properties"]?["template"] is JsonObject nested)
            {
                Collect(context.Nested(nested, resource["properties"]?["parameters"] as JsonObject), result);
            }
        }
    }
}
