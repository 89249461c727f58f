using System.Text.Json;
using System.Text.Json.Serialization;

namespace Impact.Analytics;

/// <summary>A quarter in JSON as its text, <c>"2024-Q3"</c>: the one spelling of a quarter in every JSON the pipeline writes.</summary>
public sealed class QuarterJsonConverter : JsonConverter<Quarter>
{
    /// <inheritdoc />
    public override Quarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Quarter.TryParse(reader.GetString(), out var quarter) ? quarter : throw new JsonException("Expected a quarter such as 2024-Q3.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Quarter value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
