using Impact.Analytics.Registry;

namespace Impact.Analytics.Tests.Registry;

public sealed class WorkshopRegistryTests
{
    [Fact]
    public void Read_TheSampleRegistry()
    {
        var registry = WorkshopRegistry.Read(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "registry", "workshops.csv")));
        Assert.Equal(["MP-001", "MP-002"], registry.Workshops.Select(w => w.WorkshopId));
        var w = registry.Find("MP-002")!;
        Assert.Equal(TerritoryType.Qpv, w.TerritoryType);
        Assert.Equal(new DateOnly(2022, 7, 12), w.LabelledOn);
        Assert.Equal(280000m, w.GrantEur);
        Assert.Equal(0.5m, w.TargetOwnRevenueShare);
        Assert.Equal((new Quarter(2022, 3), new Quarter(2026, 1)), w.ReportingWindow(4));
        Assert.Equal("bonjour@atelier-des-quais.example.org", w.ContactEmail);
    }

    /// <summary>contact_email is optional: a registry of schema v1 without the column, or an empty cell, means no address.</summary>
    [Fact]
    public void Read_ContactEmailIsOptionalAndChecked()
    {
        const string Row = "MP-1,A,R,59,59350,rural,50,3,1,2022-01-01,2022-01-01,2024-01-01,1000,C,c@x.org,1,0.5,asso";
        var header = string.Join(',', WorkshopRegistry.Columns);
        Assert.Null(WorkshopRegistry.Read(header + "\n" + Row + "\n").Find("MP-1")!.ContactEmail);
        Assert.Null(WorkshopRegistry.Read(header + ",contact_email\n" + Row + ",\n").Find("MP-1")!.ContactEmail);
        Assert.Equal("atelier@ville.fr", WorkshopRegistry.Read(header + ",contact_email\n" + Row + ", atelier@ville.fr \n").Find("MP-1")!.ContactEmail);

        var ex = Assert.Throws<ImpactException>(() => WorkshopRegistry.Read(header + ",contact_email\n" + Row + ",Atelier <a@ville.fr>\n"));
        Assert.Equal("Registre des manufactures illisible : ligne 2, colonne contact_email : valeur « Atelier <a@ville.fr> » invalide.", ex.Message);
        Assert.Throws<ImpactException>(() => WorkshopRegistry.Read(header + ",contact_email\n" + Row + ",a@b.fr;c@d.fr\n"));
        Assert.Throws<ImpactException>(() => WorkshopRegistry.Read(header + ",contact_email\n" + Row + ",atelier\n"));
    }

    [Fact]
    public void ToCsv_RoundTrips()
    {
        var registry = SampleReturns.Registry();
        var again = WorkshopRegistry.Read(registry.ToCsv());
        Assert.Equal(registry.Workshops, again.Workshops);
    }

    [Fact]
    public void Read_ListsEveryProblemInFrench()
    {
        var csv = string.Join(',', WorkshopRegistry.Columns) + "\n"
            + "MP-1,A,R,59,59350,forest,50,3,1,2022-13-01,2022-01-01,2024-01-01,1000,C,c@x,1,0.5,asso\n";
        var ex = Assert.Throws<ImpactException>(() => WorkshopRegistry.Read(csv));
        Assert.Equal("Registre des manufactures illisible : ligne 2, colonne territory_type : valeur « forest » invalide ; ligne 2, colonne labelled_on : valeur « 2022-13-01 » invalide.", ex.Message);
    }

    [Fact]
    public void Read_MissingColumnsAreNamed()
    {
        var ex = Assert.Throws<ImpactException>(() => WorkshopRegistry.Read("workshop_id,name\nMP-1,A\n"));
        Assert.StartsWith("Registre des manufactures : colonnes manquantes : region, department,", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RefusesDuplicateIds()
    {
        var w = SampleReturns.Workshop("MP-1", new DateOnly(2022, 1, 1), new DateOnly(2024, 1, 1));
        Assert.Throws<ImpactException>(() => new WorkshopRegistry([w, w]));
    }
}
