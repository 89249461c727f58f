using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Impact.Functions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Impact.Infra.Tests;

/// <summary>
/// The worker's telemetry (Configuration/TelemetryRegistration.cs) against the settings the infrastructure gives it:
/// APPLICATIONINSIGHTS_CONNECTION_STRING, and APPLICATIONINSIGHTS_AUTHENTICATION_STRING = 'Authorization=AAD;ClientId=...'.
/// </summary>
public class TelemetryRegistrationTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://ingestion.invalid/";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void Without_app_insights_the_worker_still_builds_and_exports_nothing()
    {
        var (services, provider) = Build(new Dictionary<string, string?>());
        using (provider)
        {
            Assert.NotNull(provider.GetService<TracerProvider>());
            Assert.NotNull(provider.GetService<MeterProvider>());
            Assert.DoesNotContain(services, IsAzureMonitor);
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Impact.Tests").LogInformation("A local run logs without Application Insights.");
        }
    }

    [Fact]
    public void With_app_insights_the_exporter_uses_the_connection_string_and_the_user_assigned_identity()
    {
        var (services, provider) = Build(new Dictionary<string, string?>
        {
            [TelemetryRegistration.ConnectionStringSetting] = ConnectionString,
            [TelemetryRegistration.AuthenticationStringSetting] = $"Authorization=AAD;ClientId={ClientId}",
        });
        using (provider)
        {
            Assert.Contains(services, IsAzureMonitor);
            var options = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
            Assert.Equal(ConnectionString, options.ConnectionString);
            Assert.IsType<ManagedIdentityCredential>(options.Credential);
        }
    }

    [Fact]
    public void Information_logs_reach_the_exporter()
    {
        var (_, provider) = Build(new Dictionary<string, string?>());
        using (provider)
        {
            var rules = provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;

            Assert.Contains(rules, rule => rule.ProviderName == typeof(OpenTelemetryLoggerProvider).FullName && rule.CategoryName is null && rule.LogLevel == LogLevel.Information);
        }
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=" + ClientId, true)]
    [InlineData("ClientId=" + ClientId + ";Authorization=AAD", true)]
    [InlineData(" authorization = aad ", true)]
    [InlineData("Authorization=AAD;ClientId=", true)]
    [InlineData("ClientId=" + ClientId, false)]
    [InlineData("Authorization=None", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Authentication_string_gives_a_managed_identity_only_for_AAD(string? authenticationString, bool expectCredential)
    {
        var credential = TelemetryRegistration.CredentialFor(authenticationString);

        if (expectCredential)
        {
            Assert.IsType<ManagedIdentityCredential>(credential);
        }
        else
        {
            Assert.Null(credential);
        }
    }

    private static (IServiceCollection Services, ServiceProvider Provider) Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddImpactTelemetry(configuration);
        return (services, services.BuildServiceProvider());
    }

    private static bool IsAzureMonitor(ServiceDescriptor descriptor) =>
        (descriptor.ServiceType.FullName?.Contains("AzureMonitor", StringComparison.Ordinal) ?? false)
        || (descriptor.ImplementationType?.FullName?.Contains("AzureMonitor", StringComparison.Ordinal) ?? false);
}
