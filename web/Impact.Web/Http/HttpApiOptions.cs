using System.ComponentModel.DataAnnotations;

namespace Impact.Web.Http;

/// <summary>Settings of the HTTP API and the signed-in views (section "Http"; in app settings <c>Http__TrustPlatformAuthentication</c>).</summary>
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

    /// <summary>Where a person without a sign-in is sent from a refused page (App Service Authentication's Entra ID login by default).</summary>
    [Required(ErrorMessage = "attendu une adresse")]
    public string SignInUrl { get; init; } = "/.auth/login/aad?post_login_redirect_uri=/app";

    /// <summary>Where « Se déconnecter » leads (App Service Authentication's logout by default).</summary>
    [Required(ErrorMessage = "attendu une adresse")]
    public string SignOutUrl { get; init; } = "/.auth/logout?post_logout_redirect_uri=/app";

    /// <summary>How long an upload URL stays valid, in minutes (default 15, at most 60).</summary>
    [Range(1, 60, ErrorMessage = "attendu une durée de {1} à {2} minutes")]
    public int UploadUrlMinutes { get; init; } = 15;
}
