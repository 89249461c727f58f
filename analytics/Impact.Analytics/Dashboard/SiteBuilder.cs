using System.Collections.Concurrent;
using System.Text;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// Builds the static dashboard site (issue 5) for one audience (<see cref="SiteInput.Audience"/>: the public site of
/// <c>$web</c>, anonymous, or the signed-in one) from what the quarterly run computed: HTML pages in French in the
/// French State's design system (DSFR), charts as PNG and SVG with their data as CSV, and downloads. Pure: records in,
/// files out (no clock, no I/O, no network at build or view time). The files, sorted by path:
/// <list type="bullet">
/// <item><c>index.html</c>: the national page (jobs, vitality, completeness, risk, map, impact evaluation, regions, downloads);</item>
/// <item><c>regions/{region}.html</c>: one page per region (a workshop's page is never built here: <see cref="SignedInSite"/> renders it on request);</item>
/// <item><c>completude.html</c>: completeness and timeliness of returns; <c>accessibilite.html</c>: the accessibility statement;</item>
/// <item><c>graphiques/…</c>: every chart as <c>.png</c>, <c>.svg</c> and its data as <c>.csv</c>;</item>
/// <item><c>donnees/</c>: <c>agregats.csv</c>, <c>completude.csv</c>, and <c>manufactures.csv</c> with <c>dictionnaire.csv</c> in public
/// or <c>indicateurs.csv</c> and <c>.xlsx</c> (one row per workshop and quarter) signed in;</item>
/// <item><c>dsfr/…</c>: the DSFR's CSS, Marianne fonts, icons and favicon, embedded in this assembly at build time.</item>
/// </list>
/// docs/dashboard.md describes the pages, charts, sources and accessibility choices.
/// </summary>
public static class SiteBuilder
{
    /// <summary>Builds every file of the site. Charts are rendered in parallel; the result does not depend on it.</summary>
    /// <exception cref="ArgumentNullException">A required part of <paramref name="input"/> is null.</exception>
    public static IReadOnlyList<SiteFile> Build(SiteInput input)
    {
        var data = new SiteData(input);
        var files = new ConcurrentBag<SiteFile>();

        void AddText(string path, string text) => files.Add(new SiteFile(path, Encoding.UTF8.GetBytes(text), SiteFile.ContentTypeOf(path)));
        void AddChart(string folder, Chart chart)
        {
            files.Add(new SiteFile(folder + chart.Name + ".png", chart.Png, SiteFile.ContentTypeOf(".png")));
            if (chart.Narrow is { } narrow)
            {
                files.Add(new SiteFile(folder + ChartRenderer.NarrowName(chart.Name) + ".png", narrow.Png, SiteFile.ContentTypeOf(".png")));
            }

            files.Add(new SiteFile(folder + chart.Name + ".svg", chart.Svg, SiteFile.ContentTypeOf(".svg")));
            AddText(folder + chart.Name + ".csv", chart.Table.ToCsv());
        }

        // Each unit of work renders its charts and writes its page; the units are independent.
        var units = new List<Action>
        {
            () =>
            {
                var national = new NationalChartSet(
                    NationalCharts.Jobs(data, Indicators.Breakdown.National, Indicators.Breakdown.All, "emplois", "de proximité"),
                    NationalCharts.OwnRevenueShareByWave(data),
                    NationalCharts.VitalityByTerritory(data),
                    NationalCharts.Completeness(data, Indicators.Breakdown.National, Indicators.Breakdown.All, "completude", "de l'ensemble des manufactures"),
                    NationalCharts.RiskLevelsPerQuarter(data),
                    NationalCharts.Map(data, data.Workshops, "carte", "de proximité"),
                    NationalCharts.EventStudy(data));
                foreach (var chart in national.All)
                {
                    AddChart(SitePages.ChartsFolder, chart);
                }

                AddText("index.html", SitePages.Index(data, national));
                AddText("completude.html", SitePages.Completeness(data, national.Completeness));
                AddText(MethodsPage.File, MethodsPage.Render(data));
            },
            () => AddText(LegalPages.AccessibilityFile, LegalPages.Accessibility(input.Publisher, input.Simulated)),
            () => AddText(LegalPages.PersonalDataFile, LegalPages.PersonalData(input.Publisher, input.Simulated)),
            () =>
            {
                if (data.IsPublic)
                {
                    // Open data: nothing of one workshop but its public facts; aggregates and completeness under secrecy.
                    AddText(SitePages.DataFolder + "manufactures.csv", SiteDownloads.WorkshopsCsv(data.Workshops));
                    AddText(SitePages.DataFolder + "dictionnaire.csv", SiteDownloads.DictionaryCsv());
                }
                else
                {
                    AddText(SitePages.DataFolder + "indicateurs.csv", SiteDownloads.IndicatorsCsv(data.Indicators));
                    files.Add(new SiteFile(SitePages.DataFolder + "indicateurs.xlsx", SiteDownloads.IndicatorsXlsx(data.Indicators), SiteFile.ContentTypeOf(".xlsx")));
                }

                AddText(SitePages.DataFolder + "agregats.csv", SiteDownloads.AggregatesCsv(data.PublishedAggregates));
                AddText(SitePages.DataFolder + "completude.csv", SiteDownloads.CompletenessCsv(data.Completeness));
                foreach (var file in SiteAssets.DsfrFiles())
                {
                    files.Add(file);
                }
            },
        };
        units.AddRange(data.Regions.Select(region => (Action)(() =>
        {
            var path = data.RegionPath(region);
            var slug = path["regions/".Length..^".html".Length];
            var where = "de la région";
            Chart[] charts =
            [
                NationalCharts.Jobs(data, Indicators.Breakdown.Region, region, slug + "-emplois", where),
                NationalCharts.VitalityComparison(data, region, slug + "-vitalite"),
                NationalCharts.Completeness(data, Indicators.Breakdown.Region, region, slug + "-completude", where),
                NationalCharts.Map(data, [.. data.Workshops.Where(w => w.Region == region)], slug + "-carte", where, zoom: true),
            ];
            foreach (var chart in charts)
            {
                AddChart(SitePages.ChartsFolder + "regions/", chart);
            }

            AddText(path, SitePages.Region(data, region, charts));
        })));
        Parallel.ForEach(units, unit => unit());
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }
}
