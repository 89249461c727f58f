using Impact.Web;
using Impact.Web.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Impact.Functions.Http;

/// <summary>
/// The HTTP API as functions: each one binds its route and calls the handler <c>impact serve</c> calls too
/// (<see cref="ApiHandlers"/>); access was decided by AccessMiddleware from <see cref="ImpactEndpoints"/>, by function name.
/// </summary>
public sealed class ApiFunctions(ApiHandlers api)
{
    /// <summary>The return template; public, it holds no data.</summary>
    [Function("GetTemplate")]
    public static IActionResult Template([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.Template)] HttpRequest request) =>
        ApiHandlers.Template(request);

    /// <summary>Uploads a return (CSV, XLSX or JSON, at most 1 Mio): 202 with the status URL.</summary>
    [Function("PutReturn")]
    public Task<IActionResult> PutReturnAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ImpactRoutes.Return)] HttpRequest request, string id, string quarter, CancellationToken cancellationToken) =>
        api.PutReturnAsync(request, id, quarter, cancellationToken);

    /// <summary>The status of a return and its validation report.</summary>
    [Function("GetReturn")]
    public Task<IActionResult> GetReturnAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.Return)] HttpRequest request, string id, string quarter, CancellationToken cancellationToken) =>
        api.GetReturnAsync(request, id, quarter, cancellationToken);

    /// <summary>A short-lived, write-only URL for one return.</summary>
    [Function("CreateUploadUrl")]
    public Task<IActionResult> CreateUploadUrlAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ImpactRoutes.UploadUrl)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        api.CreateUploadUrlAsync(request, id, cancellationToken);

    /// <summary>A workshop's indicators, every quarter of the latest run.</summary>
    [Function("GetWorkshopIndicators")]
    public Task<IActionResult> IndicatorsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.WorkshopIndicators)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        api.IndicatorsAsync(request, id, cancellationToken);

    /// <summary>A workshop's latest risk (the level; score and reasons for its coach and the ministry).</summary>
    [Function("GetWorkshopRisk")]
    public Task<IActionResult> RiskAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.WorkshopRisk)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        api.RiskAsync(request, id, cancellationToken);

    /// <summary>Every workshop's indicators for one quarter: ministry only.</summary>
    [Function("GetNationalIndicators")]
    public Task<IActionResult> NationalAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.NationalIndicators)] HttpRequest request, CancellationToken cancellationToken) =>
        api.NationalAsync(request, cancellationToken);

    /// <summary>The alerts of a coach's workshops with their follow-ups: that coach and the ministry.</summary>
    [Function("GetCoachAlerts")]
    public Task<IActionResult> CoachAlertsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.CoachAlerts)] HttpRequest request, string coachId, CancellationToken cancellationToken) =>
        api.CoachAlertsAsync(request, coachId, cancellationToken);

    /// <summary>Records what the coach of the alert's workshop did about it: 201, 400, 403, 404.</summary>
    [Function("PostFollowUp")]
    public Task<IActionResult> AddFollowUpAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ImpactRoutes.FollowUps)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        api.AddFollowUpAsync(request, id, cancellationToken);
}
