using Impact.Web.Access;
using Impact.Web.Http;
using Impact.Web.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Impact.Web;

/// <summary>The routes of both hosts, from the host's root (the Function app's route prefix is empty: host.json).</summary>
public static class ImpactRoutes
{
#pragma warning disable CS1591 // Each constant is the route of the endpoint of the same name in ImpactEndpoints.
    public const string Template = "api/template";
    public const string Return = "api/workshops/{id}/returns/{quarter}";
    public const string UploadUrl = "api/workshops/{id}/upload-url";
    public const string WorkshopIndicators = "api/workshops/{id}/indicators";
    public const string WorkshopRisk = "api/workshops/{id}/risk";
    public const string NationalIndicators = "api/indicators";
    public const string CoachAlerts = "api/coaches/{coachId}/alerts";
    public const string FollowUps = "api/alerts/{id}/follow-ups";
    public const string Home = "app";
    public const string SignOut = "app/deconnexion";
    public const string Accessibility = "app/accessibilite.html";

    /// <summary>The personal data page.</summary>
    public const string PersonalData = "app/donnees-personnelles.html";
    public const string Assets = "app/dsfr/{*path}";
    public const string Portfolio = "app/coaches/{coachId}";
    public const string Workshop = "app/workshops/{id}";
    public const string WorkshopChart = "app/workshops/{id}/graphiques/{file}";
    public const string WorkshopUpload = "app/workshops/{id}/depot";
    public const string FollowUpForm = "app/alertes/{id}/suivi";
    public const string RedAlerts = "app/alertes";
    public const string NationalFiles = "app/{*path}";
#pragma warning restore CS1591
}

/// <summary>Whether an endpoint answers programs (JSON, problem details) or people (French HTML pages).</summary>
public enum EndpointKind
{
    /// <summary><c>/api/…</c>: JSON; a refusal is an RFC 9457 problem.</summary>
    Api,

    /// <summary><c>/app/…</c>: pages; a refusal is a French page with the same status.</summary>
    View,
}

/// <summary>
/// One HTTP endpoint: its function name (the Function app's <c>[Function]</c>), method, route, what it does for the access
/// policy (null: public), the route value naming its subject (the workshop, or the coach of a portfolio), and how
/// <c>impact serve</c> calls its handler. The Function app's wrappers call the same handler methods with the values the
/// host binds.
/// </summary>
public sealed record ImpactEndpoint(string Name, string Method, string Route, Operation? Operation, string? Subject, EndpointKind Kind, Func<HttpContext, Task<IActionResult>> Invoke);

/// <summary>Every HTTP endpoint, once: the access middleware of the Function app and <c>impact serve</c> both read it.</summary>
public static class ImpactEndpoints
{
    /// <summary>The endpoints, API first, then the views.</summary>
    public static IReadOnlyList<ImpactEndpoint> All { get; } =
    [
        new("GetTemplate", "GET", ImpactRoutes.Template, null, null, EndpointKind.Api, c => Task.FromResult(ApiHandlers.Template(c.Request))),
        new("PutReturn", "PUT", ImpactRoutes.Return, Operation.UploadReturn, "id", EndpointKind.Api, c => Api(c).PutReturnAsync(c.Request, Value(c, "id"), Value(c, "quarter"), c.RequestAborted)),
        new("GetReturn", "GET", ImpactRoutes.Return, Operation.ReadReturn, "id", EndpointKind.Api, c => Api(c).GetReturnAsync(c.Request, Value(c, "id"), Value(c, "quarter"), c.RequestAborted)),
        new("CreateUploadUrl", "POST", ImpactRoutes.UploadUrl, Operation.UploadReturn, "id", EndpointKind.Api, c => Api(c).CreateUploadUrlAsync(c.Request, Value(c, "id"), c.RequestAborted)),
        new("GetWorkshopIndicators", "GET", ImpactRoutes.WorkshopIndicators, Operation.ReadIndicators, "id", EndpointKind.Api, c => Api(c).IndicatorsAsync(c.Request, Value(c, "id"), c.RequestAborted)),
        new("GetWorkshopRisk", "GET", ImpactRoutes.WorkshopRisk, Operation.ReadRisk, "id", EndpointKind.Api, c => Api(c).RiskAsync(c.Request, Value(c, "id"), c.RequestAborted)),
        new("GetNationalIndicators", "GET", ImpactRoutes.NationalIndicators, Operation.ReadNationalIndicators, null, EndpointKind.Api, c => Api(c).NationalAsync(c.Request, c.RequestAborted)),
        new("GetCoachAlerts", "GET", ImpactRoutes.CoachAlerts, Operation.ReadCoachAlerts, "coachId", EndpointKind.Api, c => Api(c).CoachAlertsAsync(c.Request, Value(c, "coachId"), c.RequestAborted)),
        new("PostFollowUp", "POST", ImpactRoutes.FollowUps, Operation.RecordFollowUp, "id", EndpointKind.Api, c => Api(c).AddFollowUpAsync(c.Request, Value(c, "id"), c.RequestAborted)),
        new("GetHomeView", "GET", ImpactRoutes.Home, Operation.ReadHome, null, EndpointKind.View, c => Task.FromResult(ViewHandlers.Home(c.Request))),
        new("GetSignOutView", "GET", ImpactRoutes.SignOut, null, null, EndpointKind.View, c => Task.FromResult(Views(c).SignOut())),
        new("GetAccessibilityView", "GET", ImpactRoutes.Accessibility, null, null, EndpointKind.View, c => Views(c).AccessibilityAsync(c.Request, c.RequestAborted)),
        new("GetPersonalDataView", "GET", ImpactRoutes.PersonalData, null, null, EndpointKind.View, c => Views(c).PersonalDataAsync(c.Request, c.RequestAborted)),
        new("GetViewAsset", "GET", ImpactRoutes.Assets, null, null, EndpointKind.View, c => Task.FromResult(ViewHandlers.Asset(Value(c, "path")))),
        new("GetPortfolioView", "GET", ImpactRoutes.Portfolio, Operation.ReadPortfolio, "coachId", EndpointKind.View, c => Views(c).PortfolioAsync(c.Request, Value(c, "coachId"), c.RequestAborted)),
        new("GetWorkshopView", "GET", ImpactRoutes.Workshop, Operation.ReadIndicators, "id", EndpointKind.View, c => Views(c).WorkshopAsync(c.Request, Value(c, "id"), c.RequestAborted)),
        new("GetWorkshopChart", "GET", ImpactRoutes.WorkshopChart, Operation.ReadIndicators, "id", EndpointKind.View, c => Views(c).WorkshopChartAsync(Value(c, "id"), Value(c, "file"), c.RequestAborted)),
        new("PostWorkshopUpload", "POST", ImpactRoutes.WorkshopUpload, Operation.UploadReturn, "id", EndpointKind.View, c => Views(c).UploadAsync(c.Request, Value(c, "id"), c.RequestAborted)),
        new("PostFollowUpForm", "POST", ImpactRoutes.FollowUpForm, Operation.RecordFollowUp, "id", EndpointKind.View, c => Views(c).FollowUpAsync(c.Request, Value(c, "id"), c.RequestAborted)),
        new("GetRedAlertsView", "GET", ImpactRoutes.RedAlerts, Operation.ReadNationalIndicators, null, EndpointKind.View, c => Views(c).RedAlertsAsync(c.Request, c.RequestAborted)),
        new("GetNationalView", "GET", ImpactRoutes.NationalFiles, Operation.ReadNationalIndicators, null, EndpointKind.View, c => Views(c).NationalAsync(c.Request, Value(c, "path"), c.RequestAborted)),
    ];

    private static readonly Dictionary<string, ImpactEndpoint> ByName = All.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The endpoint of a function name, or null (the timers and queues have none).</summary>
    public static ImpactEndpoint? Find(string functionName) => ByName.GetValueOrDefault(functionName);

    private static ApiHandlers Api(HttpContext context) => context.RequestServices.GetRequiredService<ApiHandlers>();

    private static ViewHandlers Views(HttpContext context) => context.RequestServices.GetRequiredService<ViewHandlers>();

    private static string Value(HttpContext context, string name) => context.Request.RouteValues[name]?.ToString() ?? "";
}
