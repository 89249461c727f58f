using System.Globalization;
using System.Text.Json;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Returns.Reading;

/// <summary>
/// JSON returns: one object whose properties are the field keys. Numbers may be JSON numbers or
/// strings with a '.' decimal; yes/no fields may be booleans. Keys starting with '$' (e.g. the
/// template's <c>$comment</c>) are annotations and are ignored.
/// </summary>
internal static class JsonReturnReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 4,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ReturnDocument Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (ligne {line + 1}, position {ex.BytePositionInLine + 1})")
                : "";
            return ReturnDocument.Unreadable(ReturnFormat.Json, Findings.FileError("json.invalid",
                $"Le fichier n'est pas un JSON valide{where} ; il est peut-être tronqué.",
                "Vérifiez la syntaxe (accolades, guillemets, virgules) ou repartez du modèle JSON."));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ReturnDocument.Unreadable(ReturnFormat.Json, Findings.FileError("json.not_object",
                    "Le fichier JSON doit contenir un objet { \"clé\": valeur, … }.",
                    "Repartez du modèle JSON : un seul objet dont les propriétés sont les clés des champs."));
            }

            try
            {
                return ReadObject(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json parses "\ud800" but refuses to turn a lone surrogate into a string: a finding, not a crash.
                return ReturnDocument.Unreadable(ReturnFormat.Json, Findings.FileError("json.invalid_escape",
                    "Le fichier JSON contient un caractère Unicode incomplet (une séquence \\uD800 à \\uDFFF isolée) dans une clé ou un texte.",
                    "Retapez le texte concerné ou enregistrez le fichier à nouveau depuis le modèle JSON."));
            }
        }
    }

    private static ReturnDocument ReadObject(JsonElement root)
    {
        var entries = new List<RawEntry>();
        var findings = new List<ValidationFinding>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.StartsWith('$'))
            {
                continue;
            }

            var location = $"propriété « {ValidationFinding.Echo(property.Name)} »";
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    var s = value.GetString();
                    entries.Add(new RawEntry(property.Name.Trim(), string.IsNullOrWhiteSpace(s) ? null : s.Trim(), location));
                    break;
                case JsonValueKind.Number:
                    entries.Add(new RawEntry(property.Name.Trim(), value.GetRawText(), location));
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    entries.Add(new RawEntry(property.Name.Trim(), value.ValueKind == JsonValueKind.True ? "yes" : "no", location));
                    break;
                case JsonValueKind.Null:
                    entries.Add(new RawEntry(property.Name.Trim(), null, location));
                    break;
                default:
                    findings.Add(Findings.KeyError("json.nested_value", property.Name, null,
                        $"La {location} contient un objet ou une liste ; une valeur simple est attendue.",
                        "Indiquez un nombre, un texte, true/false ou null."));
                    break;
            }
        }

        return new ReturnDocument(ReturnFormat.Json, DecimalMark.Point, entries, findings);
    }
}
