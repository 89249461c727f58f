using Impact.Web;
using Impact.Web.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Impact.Functions.Http;

/// <summary>
/// The signed-in views (<c>/app/…</c>) as functions: each binds its route and calls the handler <c>impact serve</c>
/// calls too (<see cref="ViewHandlers"/>); access was decided by AccessMiddleware from <see cref="ImpactEndpoints"/>.
/// </summary>
public sealed class ViewFunctions(ViewHandlers views)
{
    /// <summary>The home of whoever is signed in.</summary>
    [Function("GetHomeView")]
    public static IActionResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.Home)] HttpRequest request) =>
        ViewHandlers.Home(request);

    /// <summary>Signing out (the platform's logout).</summary>
    [Function("GetSignOutView")]
    public IActionResult SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.SignOut)] HttpRequest request) =>
        views.SignOut();

    /// <summary>The accessibility statement.</summary>
    [Function("GetAccessibilityView")]
    public Task<IActionResult> AccessibilityAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.Accessibility)] HttpRequest request, CancellationToken cancellationToken) =>
        views.AccessibilityAsync(request, cancellationToken);

    /// <summary>The personal data page.</summary>
    [Function("GetPersonalDataView")]
    public Task<IActionResult> PersonalDataAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.PersonalData)] HttpRequest request, CancellationToken cancellationToken) =>
        views.PersonalDataAsync(request, cancellationToken);

    /// <summary>The DSFR's CSS, fonts and icons.</summary>
    [Function("GetViewAsset")]
    public static IActionResult Asset([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.Assets)] HttpRequest request, string path) =>
        ViewHandlers.Asset(path);

    /// <summary>A coach's portfolio.</summary>
    [Function("GetPortfolioView")]
    public Task<IActionResult> PortfolioAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.Portfolio)] HttpRequest request, string coachId, CancellationToken cancellationToken) =>
        views.PortfolioAsync(request, coachId, cancellationToken);

    /// <summary>A workshop's page.</summary>
    [Function("GetWorkshopView")]
    public Task<IActionResult> WorkshopAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.Workshop)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        views.WorkshopAsync(request, id, cancellationToken);

    /// <summary>One of a workshop's charts, drawn once per run.</summary>
    [Function("GetWorkshopChart")]
    public Task<IActionResult> WorkshopChartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.WorkshopChart)] HttpRequest request, string id, string file, CancellationToken cancellationToken) =>
        views.WorkshopChartAsync(id, file, cancellationToken);

    /// <summary>The upload form of a workshop's page.</summary>
    [Function("PostWorkshopUpload")]
    public Task<IActionResult> UploadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ImpactRoutes.WorkshopUpload)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        views.UploadAsync(request, id, cancellationToken);

    /// <summary>The follow-up form of a coach's portfolio.</summary>
    [Function("PostFollowUpForm")]
    public Task<IActionResult> FollowUpAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ImpactRoutes.FollowUpForm)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        views.FollowUpAsync(request, id, cancellationToken);

    /// <summary>Every red alert and its follow-up status (ministry).</summary>
    [Function("GetRedAlertsView")]
    public Task<IActionResult> RedAlertsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.RedAlerts)] HttpRequest request, CancellationToken cancellationToken) =>
        views.RedAlertsAsync(request, cancellationToken);

    /// <summary>The national view and its files (ministry).</summary>
    [Function("GetNationalView")]
    public Task<IActionResult> NationalAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImpactRoutes.NationalFiles)] HttpRequest request, string path, CancellationToken cancellationToken) =>
        views.NationalAsync(request, path, cancellationToken);
}
