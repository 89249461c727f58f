using Impact.Web.Http;
using Impact.Web.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Impact.Web.Access;

/// <summary>
/// Access decided once per request, before any handler runs, for both hosts: the endpoint's <see cref="ImpactEndpoint.Operation"/>
/// names what is asked, <see cref="ApiAccess"/> identifies the caller and applies <see cref="AccessPolicy"/>. A refusal is
/// answered here, as a French problem (API) or a French page (views), 401 or 403, and logged; an allowed caller is handed
/// to the handler through <see cref="CallerOf"/>. Public endpoints (the template, the DSFR assets) pass through.
/// </summary>
public sealed class AccessGate(ApiAccess access, HttpApiOptions options)
{
    /// <summary>The key of the allowed caller in <see cref="HttpContext.Items"/>.</summary>
    public const string CallerItem = "Impact.Access.Caller";

    /// <summary>The caller the gate let through for this request.</summary>
    /// <exception cref="InvalidOperationException">The handler ran without the gate (a wiring bug).</exception>
    public static Caller CallerOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items.TryGetValue(CallerItem, out var caller) && caller is Caller allowed
            ? allowed
            : throw new InvalidOperationException("The handler ran without AccessGate: every host must call AccessGate.EnterAsync first.");
    }

    /// <summary>Null when the request may go on (the caller is then in <see cref="HttpContext.Items"/>), otherwise the refusal to answer.</summary>
    /// <param name="http">The request.</param>
    /// <param name="endpoint">What it reached.</param>
    /// <param name="subject">The value of the endpoint's <see cref="ImpactEndpoint.Subject"/> route value, or null.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public async Task<IActionResult?> EnterAsync(HttpContext http, ImpactEndpoint endpoint, string? subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Operation is not { } operation)
        {
            return null;
        }

        var outcome = await access.AuthorizeAsync(http.Request, operation, subject, cancellationToken);
        if (outcome.Denial is { } denial)
        {
            return endpoint.Kind == EndpointKind.View ? ViewPages.Refused(http.Request, denial, options.SignInUrl) : denial;
        }

        http.Items[CallerItem] = outcome.Allowed;
        return null;
    }
}
