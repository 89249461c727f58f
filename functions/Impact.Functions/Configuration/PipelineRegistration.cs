using Impact.Analytics.Risk;
using Impact.Pipeline.Alerts;
using Impact.Pipeline.Ingestion;
using Impact.Pipeline.Risk;
using Impact.Pipeline.Run;
using Impact.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Impact.Functions.Configuration;

/// <summary>The wiring of the function app: one place, read like a table of contents from Program.cs.</summary>
public static class PipelineRegistration
{
    /// <summary>The storage port on the "ImpactStorage" connection, the clock, and the use cases.</summary>
    public static FunctionsApplicationBuilder AddImpactPipeline(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImpactPipeline(builder.Configuration);
        return builder;
    }

    /// <summary>The same registrations on a plain service collection (used by tests).</summary>
    public static IServiceCollection AddImpactPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        var ingestion = configuration.GetSection(IngestionOptions.Section).Get<IngestionOptions>() ?? new IngestionOptions();
        if (ingestion.FollowUpQuarters is < 0 or > 40)
        {
            throw new InvalidOperationException($"Setting {IngestionOptions.Section}:FollowUpQuarters must lie between 0 and 40 (was {ingestion.FollowUpQuarters}).");
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(ingestion);
        services.AddSingleton<IImpactStorage>(_ => StorageConnection.Create(configuration, StorageConnection.Name));
        services.AddSingleton<ReturnIngestion>();
        services.AddSingleton((configuration.GetSection(RunOptions.Section).Get<RunOptions>() ?? new RunOptions()).Validated());
        var alerts = configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        if (alerts.CapacityPerCoach is < 0 or > 100)
        {
            throw new InvalidOperationException($"Setting {AlertOptions.Section}:CapacityPerCoach must lie between 0 and 100 (was {alerts.CapacityPerCoach}).");
        }

        services.AddSingleton(alerts);
        services.AddSingleton(RiskOptions.Default);
        services.AddSingleton<QuarterRun>();
        services.AddSingleton<IAlertSender, SmtpAlertSender>();
        services.AddSingleton<AlertDispatch>();
        services.AddSingleton<RiskTraining>();
        return services;
    }
}
