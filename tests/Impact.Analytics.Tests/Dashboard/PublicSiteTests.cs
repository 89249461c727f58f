using System.Text;
using Impact.Analytics.Dashboard;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Risk;
using Impact.Simulation;

namespace Impact.Analytics.Tests.Dashboard;

/// <summary>
/// The public site (<see cref="SiteAudience.Public"/>, the anonymous static website): a crawl of every file finds none of
/// the private things a run holds (narratives, the people they name, coaches, risk reasons, workshop pages), and the
/// rule of statistical secrecy holds in pages and downloads alike.
/// </summary>
public sealed class PublicSiteTests
{
    private const string NarrativeMarker = "MARQUEUR-RECIT Départ de Mme Zéphyrine Marqueur";
    private const string CoachMarker = "coach.marqueur@exemple.fr";
    private const string CoachIdMarker = "C-MARQUEUR";
    private const string ReasonMarker = "MARQUEUR-RAISON trésorerie à 0,3 mois";

    /// <summary>A simulated run of 30 workshops whose narratives, coaches and risk reasons all carry markers.</summary>
    private static SiteInput MarkedRun()
    {
        var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = 30, Quarters = 8, Seed = 7 });
        var input = SimulatedSite.Build(cohort);
        var registry = new WorkshopRegistry(input.Registry.Workshops.Select(w => w with { CoachId = CoachIdMarker, CoachEmail = CoachMarker }));
        return input with
        {
            Registry = registry,
            Returns = [.. input.Returns!.Select(r => r with { Narrative = NarrativeMarker })],
            RiskScores = [.. input.Indicators.Select(s => new SiteRiskScore(s.WorkshopId, s.Quarter, RiskLevels.Red, 0.9, [ReasonMarker]))],
        };
    }

    private static string AllText(IReadOnlyList<SiteFile> site) =>
        string.Join('\n', site.Where(f => !f.Path.StartsWith("dsfr/", StringComparison.Ordinal) && !f.Path.EndsWith(".png", StringComparison.Ordinal))
            .Select(f => f.Path + '\n' + Encoding.UTF8.GetString(f.Content)));

    [Fact]
    public void Build_PublicSiteHoldsNoNarrativeCoachReasonNorWorkshopPage()
    {
        var run = MarkedRun();
        var signedIn = SiteSamples.SignedInText(run);
        var site = SiteBuilder.Build(run);
        var text = AllText(site);

        // The markers are there to be found: the signed-in site shows them.
        Assert.Contains(ReasonMarker, signedIn, StringComparison.Ordinal);
        Assert.Contains(CoachIdMarker, signedIn, StringComparison.Ordinal);
        Assert.Contains("MARQUEUR-RECIT", signedIn, StringComparison.Ordinal);
        foreach (var marker in new[] { "MARQUEUR", "Zéphyrine", "Z&#xE9;phyrine", CoachMarker, CoachIdMarker, ReasonMarker })
        {
            Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(site, f => f.Path.StartsWith("ateliers/", StringComparison.Ordinal) || f.Path.StartsWith("graphiques/ateliers/", StringComparison.Ordinal));
        Assert.DoesNotContain(site, f => f.Path.StartsWith("donnees/indicateurs", StringComparison.Ordinal));
        Assert.DoesNotContain("Niveau de risque</th>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("risk_level", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PublicSiteListsTheWorkshopsPublicFactsAsOpenData()
    {
        var run = MarkedRun();
        var site = SiteBuilder.Build(run);

        var lines = SiteSamples.Text(site, "donnees/manufactures.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("workshop_id,name,commune_insee,department,region,territory_type,wave,labelled_on", lines[0]);
        Assert.Equal(31, lines.Length);
        var first = run.Registry.Workshops.OrderBy(w => w.WorkshopId, StringComparer.Ordinal).First();
        Assert.StartsWith($"{first.WorkshopId},", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($",{first.Wave},{first.LabelledOn:yyyy-MM-dd}", lines[1], StringComparison.Ordinal);
        var dictionary = SiteSamples.Text(site, "donnees/dictionnaire.csv");
        Assert.StartsWith("file,column,description\n*,licence,\"Licence Ouverte / Open Licence version 2.0 (Etalab)", dictionary, StringComparison.Ordinal);
        foreach (var column in AggregateCsv.Columns)
        {
            Assert.Contains($"agregats.csv,{column},", dictionary, StringComparison.Ordinal);
        }

        foreach (var column in CompletenessCsv.RowColumns)
        {
            Assert.Contains($"completude.csv,{column},", dictionary, StringComparison.Ordinal);
        }

        Assert.Contains("Licence&#xA0;: Licence Ouverte / Open Licence version 2.0 (Etalab)", SiteSamples.Text(site, "index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ARegionOfTwoWorkshopsIsSecretInPagesChartsAndDownloads()
    {
        // The tiny input's two workshops, both moved to Bretagne: the region, and the nation, count two.
        var input = SiteSamples.Tiny(region: "Bretagne") with { Audience = SiteAudience.Public };

        var signedIn = SiteBuilder.Build(input with { Audience = SiteAudience.SignedIn });
        var site = SiteBuilder.Build(input);

        Assert.Contains("region,Bretagne,2024-Q3,total_jobs,2,", SiteSamples.Text(signedIn, "donnees/agregats.csv"), StringComparison.Ordinal);
        Assert.Equal("dimension,group,quarter,indicator,n,total,median,q1,q3", SiteSamples.Text(site, "donnees/agregats.csv").TrimEnd('\n', '\r'));
        Assert.Equal(string.Join(",", CompletenessCsv.RowColumns), SiteSamples.Text(site, "donnees/completude.csv").TrimEnd('\n', '\r'));
        var region = SiteSamples.Text(site, "regions/bretagne.html");
        Assert.Contains("secret statistique", region, StringComparison.Ordinal);
        Assert.Contains("Secret statistique&#xA0;: une valeur calculée sur moins de 3 manufactures", SiteSamples.Text(site, "index.html"), StringComparison.Ordinal);
        // The jobs chart of the region has no value to draw: its data file holds no number of jobs.
        var jobsChart = SiteSamples.Text(site, "graphiques/regions/bretagne-emplois.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(jobsChart.Skip(1), line => Assert.DoesNotMatch(@",\d", line));
        // Own-revenue share by wave and age: each cell holds one workshop here, so none is published (signed in: all).
        Assert.Single(SiteSamples.Text(site, "graphiques/part-recettes-propres-par-vague.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(SiteSamples.Text(signedIn, "graphiques/part-recettes-propres-par-vague.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1);
    }
}
