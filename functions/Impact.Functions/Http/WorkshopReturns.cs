using Impact.Pipeline.Reads;
using Impact.Analytics;
using Impact.Functions.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Impact.Functions.Http;

/// <summary>A workshop's returns: upload one (PUT) and read its status and validation report (GET).</summary>
public sealed class WorkshopReturns(ReturnUpload upload, RunResults reads)
{
    /// <summary>The route of one return.</summary>
    public const string Route = "workshops/{id}/returns/{quarter}";

    /// <summary>Uploads a return (CSV, XLSX or JSON, at most 1 Mio): 202 with the status URL.</summary>
    [RequiresAccess(Operation.UploadReturn)]
    [Function("PutReturn")]
    public async Task<IActionResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string id, string quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = ReturnUpload.TryLocate(id, quarter, request.Query["format"].ToString(), request.ContentType, out var path);
        return problem ?? await upload.StoreAsync(request, path!, cancellationToken);
    }

    /// <summary>The status of a return and its validation report (French messages); 404 when nothing was uploaded.</summary>
    [RequiresAccess(Operation.ReadReturn)]
    [Function("GetReturn")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string id, string quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Quarter.TryParse(quarter, out var parsed))
        {
            return Problems.BadRequest("Trimestre invalide : attendu sous la forme AAAA-Qn, par exemple 2024-Q3.");
        }

        var status = await reads.ReturnStatusAsync(id, parsed, cancellationToken);
        return status is null
            ? Problems.NotFound($"Aucun retour reçu de la manufacture {id} pour le trimestre {parsed}.")
            : new OkObjectResult(status);
    }
}
