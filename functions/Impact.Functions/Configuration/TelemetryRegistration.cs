using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Impact.Functions.Configuration;

/// <summary>
/// Logs, traces and metrics of the worker through OpenTelemetry, with the Functions worker instrumentation (each
/// invocation is a span correlated with the host's). In Azure they go to Application Insights with an Entra ID
/// token (the component has local authentication off); without <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// (a developer machine, the tests) nothing is exported and nothing fails.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>The Application Insights connection string setting (set by the infrastructure).</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>How to authenticate to Application Insights: <c>Authorization=AAD;ClientId=...</c> for a managed identity.</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The meters and activity sources of this code base (and the runtime's own metrics).</summary>
    private static readonly string[] Meters = ["Impact.*", "System.Runtime", "System.Net.Http"];

    /// <summary>Adds the telemetry of the function app.</summary>
    public static FunctionsApplicationBuilder AddImpactTelemetry(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImpactTelemetry(builder.Configuration);
        return builder;
    }

    /// <summary>The same registrations on a plain service collection (used by tests).</summary>
    public static IServiceCollection AddImpactTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Information and above reach the exporter: the pipeline's run summaries are Information logs.
        services.AddLogging(logging => logging.AddFilter<OpenTelemetryLoggerProvider>(category: null, LogLevel.Information));

        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource("Impact.*"))
            .WithMetrics(metrics => metrics.AddMeter(Meters))
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });

        var connectionString = configuration[ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var credential = CredentialFor(configuration[AuthenticationStringSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (credential is not null)
                {
                    options.Credential = credential;
                }
            });
        }

        return services;
    }

    /// <summary>
    /// The credential an authentication string asks for: <c>Authorization=AAD;ClientId=&lt;id&gt;</c> is the user-assigned
    /// managed identity with that client id, <c>Authorization=AAD</c> alone the system-assigned one; anything else
    /// (empty, or no <c>Authorization=AAD</c>) means no credential (instrumentation key ingestion).
    /// </summary>
    public static TokenCredential? CredentialFor(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.OrdinalIgnoreCase);

        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
