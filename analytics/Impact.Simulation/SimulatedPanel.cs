using Impact.Analytics;
using Impact.Analytics.Statistics;
using System.Globalization;
using System.Text;
using Impact.Analytics.Registry;

namespace Impact.Simulation;

/// <summary>
/// The external panel of the impact evaluation (evaluation/panel.csv): laureates (unit_id = workshop_id, first treated at
/// their labelling quarter) and applicants that were not selected (unit_id AP-…, never treated), observed quarterly from
/// <see cref="SimulationOptions.PanelQuartersBefore"/> quarters before the first wave through the last simulated quarter.
/// <para>
/// Each outcome is Y(i,t) = α(i) + λ(t) + ε(i,t) + τ(t − g(i)) for treated units from their labelling quarter g(i) on:
/// unit fixed effects α (laureates start higher: selection on levels, which fixed effects absorb), a common time path
/// λ (a random walk with drift plus seasonality, shared by all, so parallel trends hold exactly), noise ε (cut at ±3 sd,
/// symmetric) and the true effect τ(e) = long-run × min(1, (e + 1) / ramp). Values are rounded as written.
/// About 5% of units miss one to three quarters, completely at random.
/// </para>
/// </summary>
internal static class SimulatedPanel
{
    public const string HeadcountColumn = "salaried_headcount";
    public const string OwnRevenueColumn = "own_revenue_eur";

    public static (byte[] Csv, IReadOnlyList<SimulatedEffect> Effects) Build(WorkshopRegistry registry, SimulationOptions options, SeededRandom r)
    {
        var start = options.FirstQuarter.AddQuarters(-options.PanelQuartersBefore);
        var last = options.LastQuarter;
        var periods = last.QuartersSince(start) + 1;

        var units = new List<(string Id, Quarter? Group)>();
        units.AddRange(registry.Workshops.Select(w => (w.WorkshopId, (Quarter?)w.LabelledQuarter)));
        var applicants = (int)Math.Round(registry.Workshops.Count * options.ApplicantsPerLaureate, MidpointRounding.AwayFromZero);
        var width = Math.Max(3, applicants.ToString(CultureInfo.InvariantCulture).Length);
        for (var i = 1; i <= applicants; i++)
        {
            units.Add(("AP-" + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'), null));
        }

        units.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));

        // Common time paths, shared by every unit.
        var headcountPath = new double[periods];
        var revenuePath = new double[periods];
        double[] headcountSeason = [-0.10, 0.05, 0.15, -0.10];
        double[] revenueSeason = [-1_500, 500, -2_500, 1_500];
        double headcountWalk = 0, revenueWalk = 0;
        for (var t = 0; t < periods; t++)
        {
            headcountWalk += 0.03 + r.Normal(0, 0.05);
            revenueWalk += 250 + r.Normal(0, 400);
            var number = start.AddQuarters(t).Number - 1;
            headcountPath[t] = headcountWalk + headcountSeason[number];
            revenuePath[t] = revenueWalk + revenueSeason[number];
        }

        var text = new StringBuilder(units.Count * periods * 40);
        SimulationCsv.AppendRow(text, "unit_id", "quarter", HeadcountColumn, OwnRevenueColumn, "first_treated_quarter");
        var headcountSample = new List<decimal>();
        var revenueSample = new List<decimal>();
        foreach (var (id, group) in units)
        {
            var treated = group is not null;
            var alphaHeadcount = Math.Clamp(r.Normal(treated ? 5.0 : 4.2, 1.5), 2.5, 12);
            var alphaRevenue = Math.Clamp(r.Normal(treated ? 27_000 : 24_000, 8_000), 10_000, 80_000);
            var skipped = new HashSet<int>();
            if (r.Chance(0.05))
            {
                var gaps = r.Next(1, 4);
                for (var i = 0; i < gaps; i++)
                {
                    skipped.Add(r.Next(0, periods));
                }
            }

            for (var t = 0; t < periods; t++)
            {
                var quarter = start.AddQuarters(t);
                var untreatedHeadcount = alphaHeadcount + headcountPath[t] + r.Normal(0, 0.35);
                var untreatedRevenue = alphaRevenue + revenuePath[t] + r.Normal(0, 2_000);
                if (skipped.Contains(t))
                {
                    continue;
                }

                var eventTime = group is { } g ? quarter.QuartersSince(g) : -1;
                var y0Headcount = Math.Round((decimal)untreatedHeadcount, 2, MidpointRounding.AwayFromZero);
                var y0Revenue = Math.Round((decimal)untreatedRevenue, 0, MidpointRounding.AwayFromZero);
                var headcount = Math.Round((decimal)untreatedHeadcount + options.EffectAt(eventTime, options.TrueEffectJobs), 2, MidpointRounding.AwayFromZero);
                var revenue = Math.Round((decimal)untreatedRevenue + options.EffectAt(eventTime, options.TrueEffectOwnRevenue), 0, MidpointRounding.AwayFromZero);
                if (eventTime >= 0)
                {
                    headcountSample.Add(headcount - y0Headcount);
                    revenueSample.Add(revenue - y0Revenue);
                }

                SimulationCsv.AppendRow(text, id, quarter.ToString(),
                    headcount.ToString("0.00", CultureInfo.InvariantCulture),
                    revenue.ToString("0", CultureInfo.InvariantCulture),
                    group?.ToString() ?? "");
            }
        }

        var groups = registry.Workshops.GroupBy(w => w.LabelledQuarter).Where(g => g.Key <= last)
            .Select(g => (Group: g.Key, Units: g.Count())).OrderBy(g => g.Group).ToList();
        var minEventTime = groups.Count == 0 ? 0 : start.QuartersSince(groups[^1].Group);
        var maxEventTime = groups.Count == 0 ? -1 : last.QuartersSince(groups[0].Group);
        IReadOnlyList<SimulatedEffect> effects =
        [
            Effect(HeadcountColumn, options.TrueEffectJobs, headcountSample),
            Effect(OwnRevenueColumn, options.TrueEffectOwnRevenue, revenueSample),
        ];
        return (Encoding.UTF8.GetBytes(text.ToString()), effects);

        SimulatedEffect Effect(string outcome, decimal longRun, List<decimal> sample)
        {
            var cells = groups
                .SelectMany(g => Enumerable.Range(0, last.QuartersSince(g.Group) + 1)
                    .Select(e => new GroupTimeEffect(g.Group, g.Group.AddQuarters(e), g.Units, options.EffectAt(e, longRun))))
                .ToList();
            var weights = cells.Sum(c => (decimal)c.Units);
            return new SimulatedEffect
            {
                Outcome = outcome,
                LongRun = longRun,
                AttSimple = weights == 0 ? 0 : Math.Round(cells.Sum(c => c.Units * c.Effect) / weights, 6, MidpointRounding.AwayFromZero),
                AttSample = sample.Count == 0 ? 0 : Math.Round(sample.Sum() / sample.Count, 6, MidpointRounding.AwayFromZero),
                EventTime = [.. Enumerable.Range(minEventTime, Math.Max(0, maxEventTime - minEventTime + 1)).Select(e => new EventTimeEffect(e, options.EffectAt(e, longRun)))],
                GroupTime = cells,
            };
        }
    }
}
