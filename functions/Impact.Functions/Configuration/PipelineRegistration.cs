using Impact.Analytics.Risk;
using Impact.Analytics.Settings;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Risk;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Impact.Functions.Configuration;

/// <summary>The wiring of the function app: one place, read like a table of contents from Program.cs.</summary>
public static class PipelineRegistration
{
    /// <summary>The storage port on the "ImpactStorage" connection, the clock, the settings and the use cases.</summary>
    public static FunctionsApplicationBuilder AddImpactPipeline(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImpactPipeline(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The same registrations on a plain service collection (used by tests). Each setting is declared once, in the
    /// record of the area that owns it, and bound from that area's section: <c>Reporting</c> (deadline, follow-up:
    /// read by ingestion, the run and training alike), <c>QuarterlyRun</c>, <c>Risk</c>, <c>Alerts</c>, <c>FollowUp</c>.
    /// The clock is added only when none is registered, so that tests can put a fake one first.
    /// </summary>
    public static IServiceCollection AddImpactPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<ReportingOptions>(configuration, ReportingOptions.Section);
        services.AddSettings<RunOptions>(configuration, RunOptions.Section);
        services.AddSettings<RiskOptions>(configuration, RiskOptions.Section);
        services.AddSettings<AlertOptions>(configuration, AlertOptions.Section);
        services.AddSettings<FollowUpOptions>(configuration, FollowUpOptions.Section);
        services.AddSingleton<IImpactStorage>(_ => StorageConnection.Create(configuration, StorageConnection.Name));
        services.AddSingleton<ReturnIngestion>();
        services.AddSingleton<QuarterRun>();
        services.AddSingleton<IAlertSender, SmtpAlertSender>();
        services.AddSingleton<AlertDispatch>();
        services.AddSingleton<RiskTraining>();
        services.AddSingleton<Pipeline.FollowUp.FollowUpRound>();
        return services;
    }
}
