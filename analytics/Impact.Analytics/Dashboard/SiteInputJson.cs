using System.Text.Json;
using System.Text.Json.Serialization;
using Impact.Analytics.Registry;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// A <see cref="SiteInput"/> as JSON: what the quarterly run computed for the dashboard, kept private in the results
/// container (<c>run/site-input.json</c>) so that the signed-in views are rendered on request from the latest run's
/// records (<see cref="SignedInSite"/>) instead of a page per workshop in the batch. Round-trips exactly: the site built
/// from what <see cref="Read"/> returns is byte for byte the site built from the input given to <see cref="Write"/>.
/// </summary>
public static class SiteInputJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // The evaluation's event study is a list of value tuples: their elements are fields.
        IncludeFields = true,
        Converters = { new JsonStringEnumConverter(), new QuarterJsonConverter(), new RegistryConverter() },
    };

    /// <summary>The input as UTF-8 JSON (the audience is not kept: a reader decides it).</summary>
    public static byte[] Write(SiteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.SerializeToUtf8Bytes(input with { Audience = SiteAudience.SignedIn }, Options);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="ImpactException">The content is not a site input (a damaged or foreign file).</exception>
    public static SiteInput Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<SiteInput>(json, Options) ?? throw new ImpactException("Données du tableau de bord vides.");
        }
        catch (JsonException ex)
        {
            throw new ImpactException("Données du tableau de bord illisibles : " + ex.Message, ex);
        }
    }

    /// <summary>The registry as the list of its workshops (it has no settable state of its own).</summary>
    private sealed class RegistryConverter : JsonConverter<WorkshopRegistry>
    {
        public override WorkshopRegistry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<List<Workshop>>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, WorkshopRegistry value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Workshops, options);
    }
}
