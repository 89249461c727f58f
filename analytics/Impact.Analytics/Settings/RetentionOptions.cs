using System.ComponentModel.DataAnnotations;

namespace Impact.Analytics.Settings;

/// <summary>
/// How long what expires is kept (docs/privacy.md). On Azure the storage account's lifecycle rules enforce it
/// (<c>reportRetentionDays</c> of infra-bicep/main.bicep, whose default is <see cref="ReportDays"/>'s); on folders,
/// <c>impact run</c> applies the same rule at the end of each run.
/// </summary>
public sealed record RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Retention";

    /// <summary>
    /// Days after its last modification at which a blob of the reports container is deleted (default 730): validation
    /// reports (they echo the values of a return) and the kept versions of the registry files (contact addresses,
    /// accounts). The version of a registry file in use is rewritten before it ages that far, so it never expires.
    /// </summary>
    [Range(30, 3650, ErrorMessage = "attendu un nombre de jours de {1} à {2}")]
    public int ReportDays { get; init; } = 730;

    /// <summary>The defaults.</summary>
    public static RetentionOptions Default { get; } = new();
}
