using System.ComponentModel.DataAnnotations;

namespace Impact.Functions.Http;

/// <summary>Settings of the HTTP API (section "Http"; in app settings <c>Http__TrustPlatformAuthentication</c>).</summary>
public sealed record HttpApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Http";

    /// <summary>
    /// Whether App Service Authentication fronts the app (Bicep sets it with authsettingsV2), so that the
    /// X-MS-CLIENT-PRINCIPAL header was written by the platform. Off by default: every request is then refused (401),
    /// since any client could forge the header.
    /// </summary>
    public bool TrustPlatformAuthentication { get; init; }

    /// <summary>How long an upload URL stays valid, in minutes (default 15, at most 60).</summary>
    [Range(1, 60, ErrorMessage = "attendu une durée de {1} à {2} minutes")]
    public int UploadUrlMinutes { get; init; } = 15;
}
