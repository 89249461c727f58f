using System.Text;
using System.Text.Json;

namespace Impact.Web.Access;

/// <summary>
/// The principal App Service Authentication validated and forwarded in the <c>X-MS-CLIENT-PRINCIPAL</c> header:
/// base64 of JSON <c>{"auth_typ": …, "claims": [{"typ": …, "val": …}]}</c>. The platform strips any such header a
/// client sends, so it is trusted only when the platform's authentication is on (setting Http__TrustPlatformAuthentication).
/// </summary>
/// <param name="IdentityProvider">auth_typ, e.g. aad.</param>
/// <param name="Claims">The claims, in order.</param>
public sealed record ClientPrincipal(string IdentityProvider, IReadOnlyList<KeyValuePair<string, string>> Claims)
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Claim types that name the account, in the order they are looked up in registry/accounts.csv.</summary>
    private static readonly string[] AccountClaimTypes =
    [
        "preferred_username",
        "email",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
        "http://schemas.microsoft.com/identity/claims/objectidentifier",
        "oid",
    ];

    /// <summary>The values that may name the account (e-mail, user principal name, object id), in lookup order.</summary>
    public IEnumerable<string> AccountNames =>
        AccountClaimTypes.SelectMany(type => Claims.Where(c => string.Equals(c.Key, type, StringComparison.Ordinal) && c.Value.Length > 0).Select(c => c.Value));

    /// <summary>Decodes the header; null when it is not base64 of the expected JSON.</summary>
    public static ClientPrincipal? TryDecode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("auth_typ", out var provider) || provider.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = new List<KeyValuePair<string, string>>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object
                    && claim.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String
                    && claim.TryGetProperty("val", out var val) && val.ValueKind == JsonValueKind.String)
                {
                    list.Add(new(typ.GetString()!, val.GetString()!));
                }
            }

            return new ClientPrincipal(provider.GetString()!, list);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Encodes a principal the way the platform does (used by tests and local tools).</summary>
    public string Encode()
    {
        var json = JsonSerializer.Serialize(new { auth_typ = IdentityProvider, claims = Claims.Select(c => new { typ = c.Key, val = c.Value }) });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
