using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using Impact.Pipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Impact.Functions.Http;

/// <summary>
/// A return uploaded over HTTP: checked (path, format, size) and stored at <c>returns/{id}/{quarter}.{ext}</c>,
/// where IngestReturn picks it up as any other upload. Nothing is stored when a check fails.
/// </summary>
public sealed class ReturnUpload(IImpactStorage storage)
{
    /// <summary>The return's place from the route and the format (<c>?format=</c> first, else the content type); or a 400 problem.</summary>
    public static ObjectResult? TryLocate(string id, string quarter, string? format, string? contentType, out ReturnPath? path)
    {
        path = null;
        var resolved = format is { Length: > 0 } ? ReturnFormats.FromExtension(format) : FromContentType(contentType);
        if (resolved is null)
        {
            return Problems.BadRequest("Format de fichier non reconnu : indiquez ?format=csv, xlsx ou json, ou le type de contenu text/csv, application/json ou celui d'un classeur XLSX.");
        }

        path = ReturnPath.TryParse($"{id}/{quarter}.{resolved.Value.Extension()}", out _);
        return path is null
            ? Problems.BadRequest("Identifiant de manufacture ou trimestre invalide : attendu par exemple /api/workshops/MP-001/returns/2024-Q3.")
            : null;
    }

    /// <summary>Stores the request's body; 202 with the status URL, or the problem (400, 413).</summary>
    public async Task<IActionResult> StoreAsync(HttpRequest request, ReturnPath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(path);
        if (request.ContentLength > ReturnReader.MaxBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ReturnReader.MaxBytes)
            {
                return TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Problems.BadRequest("Le fichier envoyé est vide : joignez le retour trimestriel dans le corps de la requête.");
        }

        await storage.WriteBlobAsync(StorageNames.Containers.Returns, path.BlobName, buffer.ToArray(), path.Format.ContentType(), cancellationToken);
        return new AcceptedResult(StatusUrl(path), new { status = "received", blob = $"{StorageNames.Containers.Returns}/{path.BlobName}" });
    }

    /// <summary>Where the status and validation report of a return are read.</summary>
    public static string StatusUrl(ReturnPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return $"/api/workshops/{path.WorkshopId}/returns/{path.Quarter}";
    }

    private static ObjectResult TooLarge() => Problems.TooLarge(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Le fichier dépasse la taille maximale de {ReturnReader.MaxBytes / 1024} Kio : un retour trimestriel tient en quelques kilo-octets ; vérifiez que vous envoyez le bon fichier."));

    private static ReturnFormat? FromContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) ? media.MediaType.Value?.ToUpperInvariant() switch
        {
            "TEXT/CSV" => ReturnFormat.Csv,
            "APPLICATION/JSON" => ReturnFormat.Json,
            "APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET" => ReturnFormat.Xlsx,
            _ => null,
        } : null;
}
