using Impact.Analytics.Returns;
using Impact.Analytics.Returns.Reading;
using Impact.Pipeline.Records;
using Impact.Pipeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Impact.Web.Http;

/// <summary>
/// A return uploaded over HTTP: checked (path, format, size) and stored at <c>returns/{id}/{quarter}.{ext}</c>,
/// where IngestReturn picks it up as any other upload. Nothing is stored when a check fails. Who sent it is recorded
/// first (the Uploads table), so that ingestion writes the uploader into the upload's Submissions row.
/// </summary>
public sealed class ReturnUpload(IImpactStorage storage, TimeProvider time, IUploadedReturns? uploaded = null)
{
    private readonly UploadStore _uploads = new(storage);

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

    /// <summary>Stores the request's body sent by <paramref name="uploader"/>; 202 with the status URL, or the problem (400, 413).</summary>
    public async Task<IActionResult> StoreAsync(HttpRequest request, ReturnPath path, Uploader uploader, CancellationToken cancellationToken)
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

        await StoreAsync(path, buffer.ToArray(), uploader, cancellationToken);
        return new AcceptedResult(StatusUrl(path), new { status = "received", blob = $"{StorageNames.Containers.Returns}/{path.BlobName}" });
    }

    /// <summary>
    /// Stores a return's bytes where ingestion picks it up (on Azure, the blob event; with <c>impact serve</c>, at once),
    /// after recording who sent them.
    /// </summary>
    public async Task StoreAsync(ReturnPath path, byte[] content, Uploader uploader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        await _uploads.RecordUploadAsync(path, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), uploader, time.GetUtcNow(), cancellationToken);
        await storage.WriteBlobAsync(StorageNames.Containers.Returns, path.BlobName, content, path.Format.ContentType(), cancellationToken);
        if (uploaded is not null)
        {
            await uploaded.StoredAsync(path, cancellationToken);
        }
    }

    /// <summary>Records an upload URL issued to <paramref name="account"/> (so ingestion can name who wrote the file through it).</summary>
    public Task RecordUploadUrlAsync(ReturnPath path, string account, DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        _uploads.RecordUploadUrlAsync(path, account, startsOn, expiresOn, cancellationToken);

    /// <summary>The largest upload body accepted, in bytes.</summary>
    public static int MaxBytes => ReturnReader.MaxBytes;

    /// <summary>The message of a body over the limit.</summary>
    public static string TooLargeText => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Le fichier dépasse la taille maximale de {ReturnReader.MaxBytes / 1024} Kio : un retour trimestriel tient en quelques kilo-octets ; vérifiez que vous envoyez le bon fichier.");

    /// <summary>Where the status and validation report of a return are read.</summary>
    public static string StatusUrl(ReturnPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return $"/api/workshops/{path.WorkshopId}/returns/{path.Quarter}";
    }

    private static ObjectResult TooLarge() => Problems.TooLarge(TooLargeText);

    private static ReturnFormat? FromContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) ? media.MediaType.Value?.ToUpperInvariant() switch
        {
            "TEXT/CSV" => ReturnFormat.Csv,
            "APPLICATION/JSON" => ReturnFormat.Json,
            "APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET" => ReturnFormat.Xlsx,
            _ => null,
        } : null;
}

/// <summary>
/// Told when an upload is stored: the Function app needs nothing (the blob event starts ingestion); <c>impact serve</c>
/// ingests the return at once, so a workshop reads its report a moment later.
/// </summary>
public interface IUploadedReturns
{
    /// <summary>The return at <paramref name="path"/> was just stored.</summary>
    Task StoredAsync(ReturnPath path, CancellationToken cancellationToken);
}
