using Impact.Analytics;
using Impact.Web.Access;

namespace Impact.Functions.Tests.Access;

public sealed class AccountDirectoryTests
{
    [Fact]
    public void Read_FindsAccountsIgnoringCase()
    {
        var directory = AccountDirectory.Read("\uFEFFaccount;role;scope\r\nAtelier@Example.org;workshop;MP-002\r\ncoach@example.org;coach;C-02\r\ndgefp@example.org;ministry;\r\n");

        Assert.Equal(new Caller("Atelier@Example.org", Role.Workshop, "MP-002"), directory.Find(["atelier@example.org"]));
        Assert.Equal(new Caller("dgefp@example.org", Role.Ministry, ""), directory.Find(["nobody", "DGEFP@example.org"]));
        Assert.Null(directory.Find(["nobody@example.org"]));
    }

    [Fact]
    public void Read_ListsEveryProblemInFrench()
    {
        var error = Assert.Throws<ImpactException>(() => AccountDirectory.Read("account,role,scope\na@x.org,admin,\nb@x.org,workshop,\nc@x.org,coach,C-01\nc@x.org,coach,C-02\n"));

        Assert.Equal("Comptes d'accès : ligne 2 : rôle « admin » invalide (workshop, coach ou ministry) ; ligne 3 : le rôle workshop demande un identifiant (manufacture ou coach) dans la colonne scope ; ligne 5 : le compte c@x.org apparaît plusieurs fois.", error.Message);
    }

    [Fact]
    public void Read_RejectsAWrongHeader() =>
        Assert.Equal("accounts.csv : colonnes manquantes : account, scope.",
            Assert.Throws<ImpactException>(() => AccountDirectory.Read("email,role\n")).Message);
}
