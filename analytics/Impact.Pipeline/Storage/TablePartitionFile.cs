using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Impact.Pipeline.Storage;

/// <summary>
/// The JSON file <see cref="FolderStorage"/> keeps one table partition in: its rows sorted by row key
/// (ordinal), each row's properties sorted by name (ordinal), each value with its Azure Table type
/// (<c>Edm.String</c>, <c>Edm.Int32</c>, <c>Edm.Int64</c>, <c>Edm.Double</c>, <c>Edm.Boolean</c>,
/// <c>Edm.DateTime</c>) so that it reads back as the same .NET type. Int64 values are written as strings
/// (as OData does) so that tools with 53-bit numbers do not round them; dates as round-trip ("O") text in UTC.
/// Indented, LF line ends, final newline: the same rows always give the same bytes.
/// <code>
/// {
///   "partitionKey": "W0001",
///   "rows": [
///     {
///       "rowKey": "2024-Q3",
///       "properties": {
///         "Revenue": {
///           "type": "Edm.Double",
///           "value": 1250.5
///         }
///       }
///     }
///   ]
/// }
/// </code>
/// </summary>
internal static class TablePartitionFile
{
    private const string StringType = "Edm.String";
    private const string Int32Type = "Edm.Int32";
    private const string Int64Type = "Edm.Int64";
    private const string DoubleType = "Edm.Double";
    private const string BooleanType = "Edm.Boolean";
    private const string DateTimeType = "Edm.DateTime";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        // The files are data, never embedded in HTML: keep accents and symbols readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's bytes for <paramref name="rows"/>, which must be sorted by row key (ordinal).</summary>
    public static byte[] Write(string partitionKey, IEnumerable<TableRow> rows)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("partitionKey", partitionKey);
            writer.WriteStartArray("rows");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("rowKey", row.RowKey);
                writer.WriteStartObject("properties");
                foreach (var (name, value) in row.Properties.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject(name);
                    WriteValue(writer, value!);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The rows of a file by row key; <paramref name="path"/> only names the file in errors.</summary>
    public static SortedDictionary<string, TableRow> Read(ReadOnlyMemory<byte> content, string partitionKey, string path)
    {
        var rows = new SortedDictionary<string, TableRow>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            var storedKey = Required(root, "partitionKey", JsonValueKind.String, path).GetString();
            if (!string.Equals(storedKey, partitionKey, StringComparison.Ordinal))
            {
                throw Corrupt(path, $"it holds partition '{storedKey}', expected '{partitionKey}'");
            }

            foreach (var rowElement in Required(root, "rows", JsonValueKind.Array, path).EnumerateArray())
            {
                var rowKey = Required(rowElement, "rowKey", JsonValueKind.String, path).GetString()!;
                var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in Required(rowElement, "properties", JsonValueKind.Object, path).EnumerateObject())
                {
                    properties[property.Name] = ReadValue(property.Value, path);
                }

                if (!rows.TryAdd(rowKey, new TableRow(partitionKey, rowKey, properties)))
                {
                    throw Corrupt(path, $"row key '{rowKey}' appears twice");
                }
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Table file '{path}' is not valid JSON: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"Table file '{path}' holds a value that does not match its type: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // JsonElement.GetString, GetInt32... on an element of another kind.
            throw new InvalidDataException($"Table file '{path}' holds a value that does not match its type: {e.Message}", e);
        }

        return rows;
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString("type", StringType);
                writer.WriteString("value", s);
                break;
            case int i:
                writer.WriteString("type", Int32Type);
                writer.WriteNumber("value", i);
                break;
            case long l:
                writer.WriteString("type", Int64Type);
                writer.WriteString("value", l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d when double.IsFinite(d):
                writer.WriteString("type", DoubleType);
                writer.WriteNumber("value", d);
                break;
            case double d:
                // JSON has no NaN or infinities; OData spells them NaN, INF and -INF.
                writer.WriteString("type", DoubleType);
                writer.WriteString("value", double.IsNaN(d) ? "NaN" : d > 0 ? "INF" : "-INF");
                break;
            case bool b:
                writer.WriteString("type", BooleanType);
                writer.WriteBoolean("value", b);
                break;
            case DateTimeOffset t:
                writer.WriteString("type", DateTimeType);
                writer.WriteString("value", t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                // StorageRules.CheckRow lets nothing else through.
                throw new InvalidOperationException($"Unexpected property type {value.GetType().Name}.");
        }
    }

    private static object ReadValue(JsonElement element, string path)
    {
        var type = Required(element, "type", JsonValueKind.String, path).GetString();
        if (!element.TryGetProperty("value", out var value))
        {
            throw Corrupt(path, "a property has no value");
        }

        return type switch
        {
            StringType => value.GetString()!,
            Int32Type => value.GetInt32(),
            Int64Type => long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            DoubleType when value.ValueKind == JsonValueKind.String => value.GetString() switch
            {
                "NaN" => double.NaN,
                "INF" => double.PositiveInfinity,
                "-INF" => double.NegativeInfinity,
                var other => throw Corrupt(path, $"'{other}' is not a double"),
            },
            DoubleType => value.GetDouble(),
            BooleanType => value.GetBoolean(),
            DateTimeType => DateTimeOffset.ParseExact(value.GetString()!, "O", CultureInfo.InvariantCulture, DateTimeStyles.None),
            _ => throw Corrupt(path, $"'{type}' is not a known type"),
        };
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string path) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var element) && element.ValueKind == kind
            ? element
            : throw Corrupt(path, $"'{name}' is missing or is not a JSON {kind.ToString().ToUpperInvariant()}");

    private static InvalidDataException Corrupt(string path, string problem) =>
        new($"Table file '{path}' is not valid: {problem}.");
}
