using Impact.Analytics.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Impact.Functions.Configuration;

/// <summary>
/// Binds each options record once from its own section and checks it when the host starts: a bad value stops the
/// host with a message naming the setting and what is valid (<see cref="SettingsCheck"/>, the same rules the command
/// line applies to its flags). The record itself is registered too, so that use cases take it as a plain dependency.
/// </summary>
public static class SettingsRegistration
{
    /// <summary>Binds <typeparamref name="T"/> from the <paramref name="section"/> of <paramref name="configuration"/>, validated on start.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SettingsValidation<T>(section));
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    private sealed class SettingsValidation<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            SettingsCheck.Errors(options, section) is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
