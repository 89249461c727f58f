using Microsoft.AspNetCore.Mvc;

namespace Impact.Web.Http;

/// <summary>RFC 9457 problem details (application/problem+json), titled and explained in French for people.</summary>
public static class Problems
{
    /// <summary>The media type of a problem.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>A problem response; <c>type</c> points at the status's definition in RFC 9110.</summary>
    public static ObjectResult Create(int status, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeOf(status) };
        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add(ContentType);
        return result;
    }

    /// <summary>400: the request itself is wrong.</summary>
    public static ObjectResult BadRequest(string detail) => Create(400, "Requête invalide", detail);

    /// <summary>401: no identity the API can trust.</summary>
    public static ObjectResult Unauthorized(string detail) => Create(401, "Authentification requise", detail);

    /// <summary>403: identified, not allowed.</summary>
    public static ObjectResult Forbidden(string detail) => Create(403, "Accès refusé", detail);

    /// <summary>404: nothing there.</summary>
    public static ObjectResult NotFound(string detail) => Create(404, "Introuvable", detail);

    /// <summary>413: the body is over the limit.</summary>
    public static ObjectResult TooLarge(string detail) => Create(413, "Fichier trop volumineux", detail);

    private static string TypeOf(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        _ => "about:blank",
    };
}
