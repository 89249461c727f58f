using Impact.Pipeline.Reads;
using Impact.Web.Access;
using Impact.Web.Http;
using Impact.Web.Views;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Impact.Web;

/// <summary>What both hosts register for the HTTP surface: access, the reads, the API and view handlers.</summary>
public static class WebRegistration
{
    /// <summary>
    /// Registers access (<see cref="ApiAccess"/>, <see cref="AccessGate"/>), the reads (<see cref="RunResults"/>,
    /// <see cref="SiteSnapshot"/>), the upload, and the handlers; needs the storage port, the clock, the
    /// <see cref="HttpApiOptions"/> and an <see cref="IUploadUrlSigner"/> registered by the host.
    /// </summary>
    public static IServiceCollection AddImpactWeb(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<AccessGate>();
        services.AddSingleton<RunResults>();
        services.AddSingleton<SiteSnapshot>();
        services.AddSingleton<AlertFollowUps>();
        services.TryAddSingleton<IUploadedReturns, NoUploadHook>();
        services.AddSingleton(provider => new ReturnUpload(provider.GetRequiredService<Pipeline.Storage.IImpactStorage>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IUploadedReturns>()));
        services.AddSingleton<ApiHandlers>();
        services.AddSingleton(provider => new ViewHandlers(
            provider.GetRequiredService<SiteSnapshot>(),
            provider.GetRequiredService<ReturnUpload>(),
            provider.GetRequiredService<HttpApiOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<AlertFollowUps>(),
            new MemoryCache(new MemoryCacheOptions { SizeLimit = ViewHandlers.CachedWorkshopCharts })));
        return services;
    }

    /// <summary>The Function app's hook: nothing to do, the blob event starts ingestion.</summary>
    private sealed class NoUploadHook : IUploadedReturns
    {
        public Task StoredAsync(Analytics.Returns.ReturnPath path, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
