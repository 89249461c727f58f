using System.Text.Json;
using System.Text.Json.Serialization;

namespace Impact.Analytics.FollowUp;

/// <summary>What a notice tells its recipient.</summary>
public enum NoticeKind
{
    /// <summary>To a workshop: its return was rejected; the errors to correct.</summary>
    ReturnRejected,

    /// <summary>To a workshop: its return was accepted with warnings; the values to check.</summary>
    ReturnWarnings,

    /// <summary>To a workshop, when a setting asks for receipts: its return was accepted without warning.</summary>
    ReturnReceipt,

    /// <summary>To a workshop: the deadline of a quarter is near and no return has arrived.</summary>
    ReminderBeforeDeadline,

    /// <summary>To a workshop: the deadline of a quarter has passed and no return has arrived.</summary>
    ReminderAfterDeadline,

    /// <summary>To a coach: missing returns, alerts without follow-up, alerts held back by the capacity.</summary>
    CoachDigest,

    /// <summary>To a coach: an alert sent some days ago has no follow-up yet; sent again, once.</summary>
    AlertReminder,
}

/// <summary>
/// An e-mail other than a risk alert, composed when it is decided and queued on <c>risk-alerts</c> with the alerts (the
/// same dispatcher sends both). Its identity is <see cref="Partition"/> (the workshop or the coach it concerns) and
/// <see cref="Row"/> (<c>{kind}~{what}</c>): it is sent at most once, and recorded with its recipient, kind and time.
/// </summary>
public sealed record Notice
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The kind: the queue message's discriminator (an alert has no <c>notice</c> property).</summary>
    [JsonPropertyName("notice")]
    public required NoticeKind Kind { get; init; }

    /// <summary>The workshop or coach the notice concerns (the Notices table's partition).</summary>
    public required string Partition { get; init; }

    /// <summary>What it is about, unique within the partition: <c>return-rejected~2024-Q3~3f2a…</c>.</summary>
    public required string Row { get; init; }

    /// <summary>The recipient's address.</summary>
    public required string Recipient { get; init; }

    /// <summary>The e-mail's subject, in French.</summary>
    public required string Subject { get; init; }

    /// <summary>The e-mail's text, in French (plain text: nothing in it is markup).</summary>
    public required string Body { get; init; }

    /// <summary>The e-mail's Message-ID: the same at every attempt, so a duplicate can be spotted.</summary>
    [JsonIgnore]
    public string MessageId => $"{Partition}.{Row.Replace('~', '.')}@avis.manufactures".ToLowerInvariant();

    /// <summary>The notice as a queue message.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a queue message: the notice, or null when the message is not one (a risk alert).</summary>
    /// <exception cref="ImpactException">The message is not JSON.</exception>
    public static Notice? TryFromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("notice", out _)
                ? document.RootElement.Deserialize<Notice>(JsonOptions)
                : null;
        }
        catch (JsonException ex)
        {
            throw new ImpactException("Message de la file d'envoi illisible : " + ex.Message, ex);
        }
    }

    /// <summary>The row-key spelling of a kind: <c>return-rejected</c>, <c>reminder-after-deadline</c>, …</summary>
    public static string KindKey(NoticeKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
