using System.Text.Json;
using System.Text.Json.Serialization;
using Impact.Analytics.Risk;

namespace Impact.Analytics.Alerts;

/// <summary>The identity of an alert: sent at most once per workshop, quarter and level.</summary>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="Quarter">The scored quarter.</param>
/// <param name="Level">The level alerted.</param>
public sealed record AlertKey(string WorkshopId, Quarter Quarter, RiskLevel Level);

/// <summary>The identity of an alert in URLs and in the API: <c>{quarter}~{workshop}~{level}</c>, for example <c>2024-Q3~MP-002~red</c>.</summary>
public static class AlertIds
{
    /// <summary>The identity of <paramref name="key"/>.</summary>
    public static string Of(AlertKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{key.Quarter}~{key.WorkshopId}~{RiskLevels.Key(key.Level)}";
    }

    /// <summary>Reads an identity written by <see cref="Of"/>; false when it is not one.</summary>
    public static bool TryParse(string? id, out AlertKey key)
    {
        key = null!;
        var parts = (id ?? "").Split('~');
        if (parts.Length != 3 || !Quarter.TryParse(parts[0], out var quarter) || parts[1].Length == 0 || RiskLevels.Parse(parts[2]) is not { } level)
        {
            return false;
        }

        key = new AlertKey(parts[1], quarter, level);
        return true;
    }
}

/// <summary>An alert for a coach: a workshop they follow is amber or red and they had not been told of that level.</summary>
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

    /// <summary>The quarter of the first alert about this workshop held back by the coach's capacity and not sent since, or null.</summary>
    public Quarter? HeldSince { get; init; }

    /// <summary>The alert's identity in the API: <c>2024-Q3~MP-002~red</c>.</summary>
    [JsonIgnore]
    public string Id => AlertIds.Of(Key);

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
