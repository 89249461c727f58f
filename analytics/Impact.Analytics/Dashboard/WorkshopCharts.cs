using System.Globalization;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using ScottPlot;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The charts of a workshop's page (issue 5): its trajectory since labelling against the median of its peers, the
/// workshops of the same wave (same age) and of the same territory type, from the published aggregates: revenue by
/// source, own-revenue share, cash runway, jobs, machine utilisation.
/// </summary>
internal static class WorkshopCharts
{
    /// <summary>The colours of the revenue groups of <see cref="FrenchLabels.RevenueGroups"/> (DSFR Chart 03, 02, 13, 06), light and dark alternating.</summary>
    private static readonly Color[] RevenueColors =
        [ChartPalette.Blue, Color.FromHex("#82B5F2"), ChartPalette.Yellow, Color.FromHex("#B478F1")];

    /// <summary>The five charts of a workshop, in page order.</summary>
    public static IReadOnlyList<Chart> All(SiteData data, Workshop workshop, string slug) =>
    [
        Revenue(data, workshop, slug),
        Trajectory(data, workshop, slug + "-part-recettes-propres", "Part des recettes propres",
            "Recettes propres / (recettes propres + subventions)", "own_revenue_share", s => s.OwnRevenueShare, ValueKind.Percent,
            workshop.TargetOwnRevenueShare > 0 ? ("Objectif de la manufacture", (double)workshop.TargetOwnRevenueShare) : null),
        Trajectory(data, workshop, slug + "-tresorerie", "Trésorerie en mois de charges",
            "Mois de charges couverts par la trésorerie", "cash_runway_months", s => s.CashRunwayMonths, ValueKind.Months,
            ("Seuil de difficulté", 1.0)),
        Trajectory(data, workshop, slug + "-emplois", "Emplois (salariés et entreprises hébergées)",
            "Emplois", "total_jobs", s => s.TotalJobs, ValueKind.Count,
            workshop.TargetJobs > 0 ? ("Objectif d'emplois", workshop.TargetJobs) : null),
        Trajectory(data, workshop, slug + "-machines", "Taux d'utilisation des machines",
            "Heures réservées / heures disponibles", "machine_utilisation", s => s.MachineUtilisation, ValueKind.Percent, null),
    ];

    /// <summary>Own revenue per quarter, by source when the returns' extracts are given, against the median of the same wave.</summary>
    public static Chart Revenue(SiteData data, Workshop workshop, string slug)
    {
        var sets = data.IndicatorsOf(workshop.WorkshopId);
        var quarters = QuartersOf(data, workshop);
        var wave = workshop.Wave.ToString(CultureInfo.InvariantCulture);
        var title = $"Recettes propres par trimestre{(data.HasReturnExtracts ? ", par source" : "")}, comparées à la médiane de la vague";
        var plot = ChartRenderer.NewPlot(null, "Euros par trimestre");
        var medians = quarters.Select(q => (Quarter: q, Median: data.Aggregate(Breakdown.Wave, wave, q, "own_revenue")?.Median)).Where(m => m.Median is not null).ToList();
        if (sets.Count == 0)
        {
            ChartRenderer.NoData(plot, "Aucun retour reçu pour l'instant.");
        }
        else
        {
            var bars = new List<ScottPlot.Bar>();
            foreach (var set in sets)
            {
                var extract = data.ReturnOf(workshop.WorkshopId, set.Quarter);
                if (extract is null)
                {
                    bars.Add(new ScottPlot.Bar { Position = set.Quarter.Index, Value = (double)set.OwnRevenue, FillColor = RevenueColors[0], Size = 0.7, LineWidth = 0 });
                    continue;
                }

                double bottom = 0;
                for (var g = 0; g < FrenchLabels.RevenueGroups.Count; g++)
                {
                    var amount = (double)FrenchLabels.RevenueGroups[g].Fields.Sum(i => extract.RevenueBySource[i]);
                    bars.Add(new ScottPlot.Bar
                    {
                        Position = set.Quarter.Index, ValueBase = bottom, Value = bottom + amount, FillColor = RevenueColors[g],
                        LineColor = Colors.White, LineWidth = 1, Size = 0.7,
                    });
                    bottom += amount;
                }
            }

            plot.Add.Bars(bars);
            if (data.HasReturnExtracts)
            {
                plot.Legend.ManualItems.AddRange(FrenchLabels.RevenueGroups.Select((g, i) => new LegendItem { LabelText = g.Label, FillColor = RevenueColors[i], OutlineColor = ChartPalette.Text }));
            }
            else
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Recettes propres de la manufacture", FillColor = RevenueColors[0], OutlineColor = ChartPalette.Text });
            }

            if (medians.Count > 0)
            {
                ChartRenderer.Line(plot, [.. medians.Select(m => (double)m.Quarter.Index)], [.. medians.Select(m => (double)m.Median!.Value)], 1, "Médiane de la vague");
            }

            ChartRenderer.QuarterAxis(plot, quarters);
            ChartRenderer.LeftAxisFormat(plot, v => FrenchFormat.Euros(v, 0));
            var top = Math.Max((double)sets.Max(s => s.OwnRevenue), medians.Count == 0 ? 0 : (double)medians.Max(m => m.Median!.Value));
            plot.Axes.SetLimitsY(0, Math.Max(1, top) * 1.1);
            ChartRenderer.LegendBelow(plot);
        }

        ChartColumn[] sources = data.HasReturnExtracts
            ? [.. ReturnSchema.OwnRevenueFields.Select(f => new ChartColumn(f.Key, f.Label, ValueKind.Euros)), new ChartColumn("operating_subsidies", "Subventions de fonctionnement", ValueKind.Euros)]
            : [];
        var table = new ChartTable(
            $"Recettes propres {FrenchPhrase.Of(workshop.Name)} par trimestre{(data.HasReturnExtracts ? " et par source" : "")}, et médiane des manufactures de la vague",
            [
                new ChartColumn("quarter", "Trimestre", ValueKind.Text),
                .. sources,
                new ChartColumn("own_revenue", "Recettes propres", ValueKind.Euros),
                new ChartColumn("wave_median", "Médiane de la vague", ValueKind.Euros),
            ],
            [.. sets.Select(s =>
            {
                var extract = data.ReturnOf(workshop.WorkshopId, s.Quarter);
                IEnumerable<ChartCell> bySource = !data.HasReturnExtracts
                    ? []
                    : extract is null
                        ? Enumerable.Repeat(ChartCell.Of((double?)null), sources.Length)
                        : [.. extract.RevenueBySource.Select(v => ChartCell.Of(v)), ChartCell.Of(extract.OperatingSubsidies)];
                return (IReadOnlyList<ChartCell>)
                [
                    ChartCell.Of(s.Quarter.ToFrench()), .. bySource, ChartCell.Of(s.OwnRevenue),
                    ChartCell.Of(data.Aggregate(Breakdown.Wave, wave, s.Quarter, "own_revenue")?.Median),
                ];
            })]);
        var last = sets.Count == 0 ? null : sets[^1];
        var alt = last is null
            ? $"{title} : aucun retour reçu pour l'instant."
            : $"{title}, en barres{(data.HasReturnExtracts ? " empilées par source" : "")}. Au {last.Quarter.ToFrench()} : {FrenchFormat.Euros(last.OwnRevenue, 0)} de recettes propres"
              + (data.Aggregate(Breakdown.Wave, wave, last.Quarter, "own_revenue")?.Median is { } m ? $", pour une médiane de la vague de {FrenchFormat.Euros(m, 0)}" : "")
              + ". Les montants sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, slug + "-recettes", title, alt, table);
    }

    /// <summary>One indicator of the workshop per quarter against the medians of its wave and its territory type, with an optional reference line (a target, a threshold).</summary>
    public static Chart Trajectory(
        SiteData data, Workshop workshop, string name, string what, string yLabel, string indicator,
        Func<IndicatorSet, decimal?> value, ValueKind kind, (string Label, double Value)? reference)
    {
        var quarters = QuartersOf(data, workshop);
        var wave = workshop.Wave.ToString(CultureInfo.InvariantCulture);
        var territory = WorkshopRegistry.FormatTerritory(workshop.TerritoryType);
        var own = data.IndicatorsOf(workshop.WorkshopId).Where(s => value(s) is not null).Select(s => (s.Quarter, Value: (double)value(s)!.Value)).ToList();
        var waveMedians = Medians(data, quarters, Breakdown.Wave, wave, indicator);
        var territoryMedians = Medians(data, quarters, Breakdown.TerritoryType, territory, indicator);
        var title = $"{what} : la manufacture et ses pairs";
        var plot = ChartRenderer.NewPlot(null, yLabel);
        var waveLabel = "Médiane de la vague " + FrenchFormat.Count(workshop.Wave);
        var territoryLabel = "Médiane du type de territoire (" + FrenchLabels.Territory(workshop.TerritoryType).ToLowerInvariant() + ")";
        if (own.Count == 0 && waveMedians.Count == 0)
        {
            ChartRenderer.NoData(plot, "Aucune valeur pour l'instant.");
        }
        else
        {
            if (reference is { } r)
            {
                var line = plot.Add.HorizontalLine(r.Value, 2, ChartPalette.Text.WithAlpha(0.7), LinePattern.DenselyDashed);
                line.LegendText = r.Label + " (" + ChartTable.Display(ChartCell.Of(r.Value), kind) + ")";
            }

            ChartRenderer.Line(plot, [.. territoryMedians.Select(m => (double)m.Quarter.Index)], [.. territoryMedians.Select(m => m.Value)], 2, territoryLabel, 2);
            ChartRenderer.Line(plot, [.. waveMedians.Select(m => (double)m.Quarter.Index)], [.. waveMedians.Select(m => m.Value)], 1, waveLabel, 2);
            ChartRenderer.Line(plot, [.. own.Select(m => (double)m.Quarter.Index)], [.. own.Select(m => m.Value)], 0, workshop.Name, 3.5f);
            ChartRenderer.QuarterAxis(plot, quarters);
            var values = own.Select(o => o.Value).Concat(waveMedians.Select(m => m.Value)).Concat(territoryMedians.Select(m => m.Value))
                .Append(reference?.Value ?? 0).ToList();
            switch (kind)
            {
                case ValueKind.Percent:
                    ChartRenderer.PercentAxis(plot, values.Max());
                    break;
                default:
                    ChartRenderer.LeftAxisFormat(plot, v => ChartTable.Display(ChartCell.Of(v), kind == ValueKind.Months ? ValueKind.Number : kind));
                    var low = Math.Min(0, values.Min());
                    var high = Math.Max(1, values.Max());
                    plot.Axes.SetLimitsY(low - ((high - low) * 0.05), high + ((high - low) * 0.1));
                    break;
            }

            ChartRenderer.LegendBelow(plot);
        }

        var ownByQuarter = own.ToDictionary(o => o.Quarter, o => o.Value);
        var waveByQuarter = waveMedians.ToDictionary(o => o.Quarter, o => o.Value);
        var territoryByQuarter = territoryMedians.ToDictionary(o => o.Quarter, o => o.Value);
        var rows = quarters.Where(q => ownByQuarter.ContainsKey(q) || waveByQuarter.ContainsKey(q)).ToList();
        var table = new ChartTable(
            $"{what} {FrenchPhrase.Of(workshop.Name)} par trimestre, et médianes de ses pairs",
            [
                new ChartColumn("quarter", "Trimestre", ValueKind.Text),
                new ChartColumn(indicator, workshop.Name, kind),
                new ChartColumn("wave_median", waveLabel, kind),
                new ChartColumn("territory_median", territoryLabel, kind),
            ],
            [.. rows.Select(q => (IReadOnlyList<ChartCell>)
            [
                ChartCell.Of(q.ToFrench()),
                ChartCell.Of(ownByQuarter.TryGetValue(q, out var o) ? o : null),
                ChartCell.Of(waveByQuarter.TryGetValue(q, out var w) ? w : null),
                ChartCell.Of(territoryByQuarter.TryGetValue(q, out var t) ? t : null),
            ])]);
        var latest = own.LastOrDefault();
        var alt = own.Count == 0
            ? $"{title} : la manufacture n'a pas encore de valeur ; les médianes de ses pairs sont dans le tableau qui suit."
            : $"{title}, en courbes. Au {latest.Quarter.ToFrench()} : {ChartTable.Display(ChartCell.Of(latest.Value), kind)} pour la manufacture"
              + (waveByQuarter.TryGetValue(latest.Quarter, out var wm) ? $", {ChartTable.Display(ChartCell.Of(wm), kind)} pour la médiane de sa vague" : "")
              + (territoryByQuarter.TryGetValue(latest.Quarter, out var tm) ? $", {ChartTable.Display(ChartCell.Of(tm), kind)} pour celle de son type de territoire" : "")
              + ". Les valeurs sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, name, title, alt, table);
    }

    /// <summary>The quarters of a workshop's charts: from its labelling to the as-of quarter.</summary>
    private static List<Quarter> QuartersOf(SiteData data, Workshop workshop) =>
        [.. data.Quarters.Where(q => q >= workshop.LabelledQuarter)];

    private static List<(Quarter Quarter, double Value)> Medians(SiteData data, IReadOnlyList<Quarter> quarters, string dimension, string group, string indicator) =>
        [.. quarters
            .Select(q => (Quarter: q, Median: data.Aggregate(dimension, group, q, indicator)?.Median))
            .Where(m => m.Median is not null)
            .Select(m => (m.Quarter, (double)m.Median!.Value))];
}
