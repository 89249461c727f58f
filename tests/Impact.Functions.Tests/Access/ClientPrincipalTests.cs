using System.Text;
using Impact.Web.Access;

namespace Impact.Functions.Tests.Access;

public sealed class ClientPrincipalTests
{
    [Fact]
    public void TryDecode_ReadsThePlatformHeader()
    {
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0000-oid"},{"typ":"preferred_username","val":"a@x.org"}],"name_typ":"name","role_typ":"roles"}"""));

        var principal = ClientPrincipal.TryDecode(header);

        Assert.NotNull(principal);
        Assert.Equal("aad", principal.IdentityProvider);
        Assert.Equal(["a@x.org", "0000-oid"], principal.AccountNames);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("eyJjbGFpbXMiOltdfQ==")]
    [InlineData("")]
    public void TryDecode_MalformedIsNull(string header) => Assert.Null(ClientPrincipal.TryDecode(header));

    [Fact]
    public void Encode_RoundTrips()
    {
        var principal = new ClientPrincipal("aad", [new("email", "a@x.org")]);

        Assert.Equal(["a@x.org"], ClientPrincipal.TryDecode(principal.Encode())!.AccountNames);
    }
}
