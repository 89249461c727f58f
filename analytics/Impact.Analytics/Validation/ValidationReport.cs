using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Impact.Analytics.Returns;

namespace Impact.Analytics.Validation;

/// <summary>Whether a return was accepted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValidationStatus>))]
public enum ValidationStatus
{
    /// <summary>No error: the return is stored (warnings are shown).</summary>
    Accepted,

    /// <summary>At least one error: the return is not used until corrected.</summary>
    Rejected,
}

/// <summary>
/// The validation report of one uploaded file: JSON for machines (<see cref="ToJson"/>), French text for
/// people (<see cref="ToFrenchText"/>). Findings are sorted: errors first, then schema order.
/// </summary>
public sealed record ValidationReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Accents stay readable; HTML-significant characters (< > & ' ") are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The schema version the file was checked against.</summary>
    public int SchemaVersion { get; init; } = ReturnSchema.Version;

    /// <summary>The workshop, from the upload path or the file; null when unknown.</summary>
    public string? WorkshopId { get; init; }

    /// <summary>The quarter (<c>2024-Q3</c>), from the upload path or the file; null when unknown.</summary>
    public string? Quarter { get; init; }

    /// <summary>The file name as uploaded (no directory).</summary>
    public required string FileName { get; init; }

    /// <summary>The file format; null when the extension is not one of the accepted formats.</summary>
    public required ReturnFormat? Format { get; init; }

    /// <summary>Accepted or rejected.</summary>
    public required ValidationStatus Status { get; init; }

    /// <summary>When the file was received (UTC), when known.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>SHA-256 of the file's bytes (lower-case hex), when known.</summary>
    public string? ContentSha256 { get; init; }

    /// <summary>Number of errors.</summary>
    public int ErrorCount => Findings.Count(f => f.Severity == Severity.Error);

    /// <summary>Number of warnings.</summary>
    public int WarningCount => Findings.Count(f => f.Severity == Severity.Warning);

    /// <summary>The findings, errors first.</summary>
    public required IReadOnlyList<ValidationFinding> Findings { get; init; }

    /// <summary>The report as indented UTF-8 JSON with snake_case keys.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static ValidationReport FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ValidationReport>(json, JsonOptions)
        ?? throw new ImpactException("Rapport de validation illisible.");

    /// <summary>The report in French, for the workshop's manager.</summary>
    public string ToFrenchText()
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var text = new StringBuilder();
        text.AppendLine("Rapport de validation du retour trimestriel");
        text.AppendLine(new string('=', 43));
        text.AppendLine(CultureInfo.InvariantCulture, $"Manufacture : {WorkshopId ?? "inconnue"}");
        var quarterText = Quarter is not null && Analytics.Quarter.TryParse(Quarter, out var q) ? $"{q.ToFrench()} ({Quarter})" : Quarter ?? "inconnu";
        text.AppendLine(CultureInfo.InvariantCulture, $"Trimestre : {quarterText}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Fichier : {FileName}{(Format is { } format ? $" ({format.Extension().ToUpperInvariant()})" : "")}");
        if (ReceivedAt is { } received)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Reçu le : {Dashboard.FrenchFormat.DateTime(received)} (heure de Paris)");
        }

        text.AppendLine();
        text.AppendLine(Status == ValidationStatus.Accepted
            ? $"Résultat : ACCEPTÉ{(WarningCount > 0 ? $" avec {Plural(WarningCount, "avertissement")}" : "")}."
            : $"Résultat : REFUSÉ — {Plural(ErrorCount, "erreur")} à corriger{(WarningCount > 0 ? $", {Plural(WarningCount, "avertissement")}" : "")}.");
        if (Status == ValidationStatus.Rejected)
        {
            text.AppendLine("Corrigez les erreurs ci-dessous puis déposez à nouveau le fichier : la nouvelle version remplacera celle-ci.");
        }

        AppendSection(text, "Erreurs (le retour n'est pas pris en compte tant qu'elles ne sont pas corrigées)", Severity.Error);
        AppendSection(text, "Avertissements (le retour est pris en compte ; vérifiez ces valeurs)", Severity.Warning);
        return text.ToString();
    }

    private void AppendSection(StringBuilder text, string title, Severity severity)
    {
        var findings = Findings.Where(f => f.Severity == severity).ToList();
        if (findings.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine(title + " :");
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            var subject = f.Field is null ? "Fichier" : f.Label is null ? $"Champ « {f.Field} »" : $"{f.Label} ({f.Field})";
            var value = f.Value is null ? "" : $" — valeur reçue : « {f.Value} »";
            text.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {subject}{value}");
            text.AppendLine(CultureInfo.InvariantCulture, $"   Problème : {f.Message}");
            text.AppendLine(CultureInfo.InvariantCulture, $"   Correction : {f.Fix}");
        }
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count > 1 ? "s" : "")}");
}
