using Impact.Web;
using Impact.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Impact.Functions.Access;

/// <summary>
/// The Function app's access check, once for every HTTP function, before it runs: the function's name finds its
/// <see cref="ImpactEndpoint"/> (what it does, whose data), <see cref="AccessGate"/> decides as it does for <c>impact serve</c>;
/// a refusal is answered here (a French problem for the API, a French page for the views, 401 or 403, logged) and the
/// function never runs. Functions without an endpoint (timers, queues) pass through.
/// </summary>
public sealed class AccessMiddleware(AccessGate gate) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var endpoint = ImpactEndpoints.Find(context.FunctionDefinition.Name);
        if (endpoint is null || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var subject = endpoint.Subject is { } name && context.BindingContext.BindingData.TryGetValue(name, out var value) ? value?.ToString() : null;
        var refusal = await gate.EnterAsync(http, endpoint, subject, context.CancellationToken);
        if (refusal is null)
        {
            await next(context);
            return;
        }

        await refusal.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }
}
