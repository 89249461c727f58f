using System.Text.RegularExpressions;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Returns;

/// <summary>
/// Where a return was uploaded: <c>returns/{workshop_id}/{yyyy}-Q{n}.{csv|xlsx|json}</c> (ARCHITECTURE.md).
/// The path is what the workshop declared by uploading; the file's own workshop_id and quarter must agree with it.
/// </summary>
/// <param name="WorkshopId">The workshop folder.</param>
/// <param name="Quarter">The quarter in the file name.</param>
/// <param name="Format">The format from the extension.</param>
public sealed partial record ReturnPath(string WorkshopId, Quarter Quarter, ReturnFormat Format)
{
    /// <summary>The container that holds returns.</summary>
    public const string Container = "returns";

    /// <summary>The blob name inside the container, e.g. <c>MP-001/2024-Q3.csv</c>.</summary>
    public string BlobName => $"{WorkshopId}/{Quarter}.{Format.Extension()}";

    /// <summary>
    /// Parses a blob name inside the returns container (<c>MP-001/2024-Q3.csv</c>) or a path that
    /// contains it (<c>returns/MP-001/2024-Q3.csv</c>). Returns null and a French finding when the
    /// path is not of that form, including any '.' or '..' segment.
    /// </summary>
    public static ReturnPath? TryParse(string path, out ValidationFinding? finding)
    {
        ArgumentNullException.ThrowIfNull(path);
        finding = null;
        var segments = path.Split('/');
        if (path.Contains('\\', StringComparison.Ordinal) || segments.Any(s => s is "." or ".." || s.Length == 0))
        {
            finding = Invalid(path, "Le chemin contient un segment interdit (« .. », « . », « \\ » ou un dossier vide).");
            return null;
        }

        if (segments.Length == 3 && segments[0] == Container)
        {
            segments = segments[1..];
        }

        if (segments.Length != 2)
        {
            finding = Invalid(path, "Le chemin doit avoir la forme returns/{identifiant}/{AAAA}-Q{n}.{csv|xlsx|json}.");
            return null;
        }

        var match = FileNamePattern().Match(segments[1]);
        if (!WorkshopIdPattern().IsMatch(segments[0]) || !match.Success || !Quarter.TryParse(match.Groups["quarter"].Value, out var quarter))
        {
            finding = Invalid(path, "Le nom du dossier doit être l'identifiant de la manufacture et le nom du fichier le trimestre, par exemple MP-001/2024-Q3.csv.");
            return null;
        }

        return new ReturnPath(segments[0], quarter, ReturnFormats.FromExtension(match.Groups["ext"].Value)!.Value);
    }

    private static ValidationFinding Invalid(string path, string message) =>
        new(Severity.Error, "path.invalid", null, null, ValidationFinding.Echo(path), message,
            "Déposez le fichier sous returns/{identifiant}/{AAAA}-Q{n}.{csv|xlsx|json}, par exemple returns/MP-001/2024-Q3.csv.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkshopIdPattern();

    [GeneratedRegex(@"^(?<quarter>\d{4}-[QqTt][1-4])\.(?<ext>csv|xlsx|json|CSV|XLSX|JSON)$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
