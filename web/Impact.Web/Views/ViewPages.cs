using System.Text;
using Impact.Analytics.Dashboard;
using Impact.Analytics.Dashboard.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Impact.Web.Views;

/// <summary>The results of the views: pages, files, and the French pages of a refusal or of nothing there.</summary>
public static class ViewPages
{
    private const string HtmlType = "text/html; charset=utf-8";

    /// <summary>A rendered page with its status.</summary>
    public static ContentResult Page(string html, int status = StatusCodes.Status200OK) =>
        new() { Content = html, ContentType = HtmlType, StatusCode = status };

    /// <summary>A file of the views, never cached by shared caches (it may be one workshop's).</summary>
    public static FileContentResult File(SiteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new FileContentResult(file.Content, file.ContentType);
    }

    /// <summary>303 See Other: after a form's POST, the browser GETs <paramref name="location"/> (a reload does not post again).</summary>
    public static IActionResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>The page of a refusal: the problem's title and French detail, with a sign-in link when there is no identity (401).</summary>
    public static ContentResult Refused(HttpRequest request, ObjectResult problem, string signInUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(problem);
        var status = problem.StatusCode ?? StatusCodes.Status403Forbidden;
        var details = problem.Value as ProblemDetails;
        var title = status == StatusCodes.Status401Unauthorized ? "Connexion requise" : "Accès refusé";
        var text = details?.Detail ?? title;
        var link = status == StatusCodes.Status401Unauthorized
            ? new LinkInline(signInUrl, "Se connecter")
            : new LinkInline(RootOf(request) + "../app", "Revenir à mon accueil");
        return Page(SignedInSite.MessagePage(RootOf(request), title, text, link), status);
    }

    /// <summary>404: nothing at this address (an unknown workshop, chart or page).</summary>
    public static ContentResult NotFound(HttpRequest request, string text) =>
        Page(SignedInSite.MessagePage(RootOf(request), "Page introuvable", text, new LinkInline(RootOf(request) + "../app", "Revenir à mon accueil")), StatusCodes.Status404NotFound);

    /// <summary>503: no quarterly run has produced the views yet.</summary>
    public static ContentResult NoRunYet(HttpRequest request) =>
        Page(SignedInSite.MessagePage(RootOf(request), "Pas encore de résultats",
            "Aucun traitement trimestriel n'a encore produit les résultats de l'espace connecté. Ils apparaissent après le premier traitement ; réessayez plus tard.", null),
            StatusCodes.Status503ServiceUnavailable);

    /// <summary>The relative path from a request's address to <c>/app/</c>: <c>app/</c> from <c>/app</c>, "" from <c>/app/national</c>, <c>../</c> one level lower.</summary>
    public static string RootOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = (request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var app = Array.IndexOf(segments, "app");
        var below = app < 0 ? 0 : segments.Length - app - 1;
        if (below == 0)
        {
            return "app/";
        }

        var root = new StringBuilder();
        for (var i = 1; i < below; i++)
        {
            root.Append("../");
        }

        return root.ToString();
    }

    private sealed class SeeOtherResult(string location) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.HttpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
