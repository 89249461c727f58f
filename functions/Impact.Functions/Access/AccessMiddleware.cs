using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Impact.Functions.Access;

/// <summary>
/// Access control applied once for every HTTP function: the function's <see cref="RequiresAccessAttribute"/> names the
/// operation, <see cref="ApiAccess"/> identifies the caller and applies <see cref="AccessPolicy"/>; a denial is answered
/// here (a French problem detail, 401 or 403, logged) and the function never runs; an allowed caller is handed to the
/// function through <see cref="CallerOf"/>. Functions without the attribute (timers, queues, the template) pass through.
/// </summary>
public sealed class AccessMiddleware(ApiAccess access) : IFunctionsWorkerMiddleware
{
    /// <summary>The key of the allowed caller in <see cref="HttpContext.Items"/>.</summary>
    public const string CallerItem = "Impact.Access.Caller";

    private static readonly ConcurrentDictionary<string, RequiresAccessAttribute?> Requirements = new(StringComparer.Ordinal);

    /// <summary>The caller the middleware let through for this request.</summary>
    /// <exception cref="InvalidOperationException">The function ran without the middleware (a wiring bug).</exception>
    public static Caller CallerOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items.TryGetValue(CallerItem, out var caller) && caller is Caller allowed
            ? allowed
            : throw new InvalidOperationException("The HTTP function ran without AccessMiddleware: register it with UseMiddleware<AccessMiddleware>().");
    }

    /// <summary>The requirement of a function entry point (<c>Namespace.Type.Method</c>), or null when it has none.</summary>
    public static RequiresAccessAttribute? RequirementOf(string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(entryPoint);
        return Requirements.GetOrAdd(entryPoint, static entry =>
        {
            var dot = entry.LastIndexOf('.');
            var type = dot > 0 ? typeof(AccessMiddleware).Assembly.GetType(entry[..dot]) : null;
            return type?.GetMethod(entry[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)?.GetCustomAttribute<RequiresAccessAttribute>();
        });
    }

    /// <summary>
    /// Decides one request: null when it may go on (the caller is then in <see cref="HttpContext.Items"/>), otherwise the
    /// problem to answer. The middleware calls it for Functions; any other host of the same handlers can too.
    /// </summary>
    public async Task<ObjectResult?> EnterAsync(HttpContext http, RequiresAccessAttribute requirement, string? workshopId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(requirement);
        var outcome = await access.AuthorizeAsync(http.Request, requirement.Operation, workshopId, cancellationToken);
        if (outcome.Denial is not null)
        {
            return outcome.Denial;
        }

        http.Items[CallerItem] = outcome.Allowed;
        return null;
    }

    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var requirement = RequirementOf(context.FunctionDefinition.EntryPoint);
        if (requirement is null || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var workshopId = context.BindingContext.BindingData.TryGetValue("id", out var id) ? id?.ToString() : null;
        var denial = await EnterAsync(http, requirement, workshopId, context.CancellationToken);
        if (denial is null)
        {
            await next(context);
            return;
        }

        http.Response.StatusCode = denial.StatusCode ?? StatusCodes.Status403Forbidden;
        await http.Response.WriteAsJsonAsync(denial.Value, denial.Value?.GetType() ?? typeof(object), options: null, contentType: "application/problem+json", context.CancellationToken);
    }
}
