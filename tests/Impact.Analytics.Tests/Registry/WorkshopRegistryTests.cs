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
