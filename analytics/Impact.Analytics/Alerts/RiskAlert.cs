using System.Text.Json;
using System.Text.Json.Serialization;
using Impact.Analytics.Risk;

namespace Impact.Analytics.Alerts;

/// <summary>The identity of an alert: sent at most once per workshop, quarter and level.</summary>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="Quarter">The scored quarter.</param>
/// <param name="Level">The level alerted.</param>
public sealed record AlertKey(string WorkshopId, Quarter Quarter, RiskLevel Level);

/// <summary>An alert for a coach: a workshop they follow entered amber or red, or rose a level.</summary>
public sealed record RiskAlert
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new QuarterJsonConverter() },
    };

#pragma warning disable CS1591 // Plain data, named for what it holds.
    public required string WorkshopId { get; init; }
    public required string WorkshopName { get; init; }
    public required Quarter Quarter { get; init; }
    public required RiskLevel Level { get; init; }
    public RiskLevel? PreviousLevel { get; init; }
    public required double Score { get; init; }
    public required string Source { get; init; }
    public required string CoachId { get; init; }
    public required string CoachEmail { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
#pragma warning restore CS1591

    /// <summary>The alert's identity.</summary>
    [JsonIgnore]
    public AlertKey Key => new(WorkshopId, Quarter, Level);

    /// <summary>The alert as a queue message (UTF-8 JSON, snake_case).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a queue message written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ImpactException">The message is not an alert.</exception>
    public static RiskAlert FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RiskAlert>(json, JsonOptions) ?? throw new ImpactException("Message d'alerte vide.");
        }
        catch (JsonException ex)
        {
            throw new ImpactException("Message d'alerte illisible : " + ex.Message, ex);
        }
    }
}
