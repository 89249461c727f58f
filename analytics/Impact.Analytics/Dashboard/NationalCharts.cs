using Impact.Analytics.Risk;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using ScottPlot;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The charts of the national and regional pages (issue 5): jobs, own-revenue share by wave and age, vitality by
/// territory type, completeness and timeliness, risk levels, the map of workshops, the event study of the impact
/// evaluation. Each comes with the table of the figures it draws.
/// </summary>
internal static class NationalCharts
{
    /// <summary>
    /// Total jobs and hosted-enterprise jobs per quarter, summed over the returns received, for a group (national or a
    /// region). A sum depends on who reported: a quarter with returns missing is marked on the chart with its returns
    /// received out of those expected (« 5/7 »), so that a drop caused by missing returns does not read as lost jobs.
    /// </summary>
    public static Chart Jobs(SiteData data, string dimension, string group, string name, string where)
    {
        var expected = data.Completeness
            .Where(r => r.Dimension == dimension && r.Group == group)
            .ToDictionary(r => r.Quarter, r => r.Expected);
        var rows = data.Quarters
            .Select(q => (Quarter: q,
                Total: data.Aggregate(dimension, group, q, "total_jobs"),
                Hosted: data.Aggregate(dimension, group, q, "hosted_enterprise_jobs"),
                Expected: expected.TryGetValue(q, out var e) ? e : (int?)null))
            .Where(r => r.Total is { N: > 0 })
            .ToList();
        var incomplete = rows.Where(r => r.Expected is { } e && r.Total!.N < e).ToList();
        var title = $"Emplois dans les manufactures {where}, par trimestre";
        var plot = ChartRenderer.NewPlot(null, "Emplois (somme des retours reçus)");
        if (rows.Count == 0)
        {
            ChartRenderer.NoData(plot, "Aucun retour reçu pour l'instant.");
        }
        else
        {
            double[] xs = [.. rows.Select(r => (double)r.Quarter.Index)];
            ChartRenderer.Line(plot, xs, [.. rows.Select(r => (double)r.Total!.Total!.Value)], 0, "Emplois totaux (salariés et entreprises hébergées)");
            ChartRenderer.Line(plot, xs, [.. rows.Select(r => (double)(r.Hosted?.Total ?? 0))], 1, "dont emplois des entreprises hébergées");
            var top = (double)rows.Max(r => r.Total!.Total!.Value);
            if (incomplete.Count > 0)
            {
                var rings = plot.Add.Markers(
                    incomplete.Select(r => new Coordinates(r.Quarter.Index, (double)r.Total!.Total!.Value)).ToArray(), MarkerShape.OpenCircle, 18, ChartPalette.Red);
                rings.MarkerStyle.LineWidth = 2;
                rings.LegendText = "Retours manquants : total des seuls retours reçus (reçus/attendus)";
                foreach (var r in incomplete)
                {
                    var label = plot.Add.Text($"{FrenchFormat.Count(r.Total!.N)}/{FrenchFormat.Count(r.Expected!.Value)}", r.Quarter.Index, (double)r.Total.Total!.Value);
                    label.LabelFontSize = 13;
                    label.LabelFontColor = ChartPalette.Text;
                    label.LabelAlignment = Alignment.LowerCenter;
                    label.LabelOffsetY = -12;
                }
            }

            ChartRenderer.QuarterAxis(plot, data.Quarters);
            ChartRenderer.LeftAxisFormat(plot, v => FrenchFormat.Number(v, 0));
            plot.Axes.SetLimitsY(0, top * 1.18);
            ChartRenderer.LegendBelow(plot);
        }

        var table = new ChartTable(
            $"Emplois {where} par trimestre : somme des emplois déclarés dans les retours reçus",
            [
                new ChartColumn("quarter", "Trimestre", ValueKind.Text),
                new ChartColumn("returns", "Retours reçus", ValueKind.Count),
                new ChartColumn("expected_returns", "Retours attendus", ValueKind.Count),
                new ChartColumn("total_jobs", "Emplois totaux", ValueKind.Count),
                new ChartColumn("hosted_enterprise_jobs", "dont entreprises hébergées", ValueKind.Count),
            ],
            [.. rows.Select(r => (IReadOnlyList<ChartCell>)
            [
                ChartCell.Of(r.Quarter.ToFrench()), ChartCell.Of(r.Total!.N), ChartCell.Of((double?)r.Expected), ChartCell.Of(r.Total.Total), ChartCell.Of(r.Hosted?.Total),
            ])]);
        var last = rows.LastOrDefault();
        var alt = last.Total is null
            ? $"{title} : aucun retour reçu pour l'instant."
            : $"{title}. Au {last.Quarter.ToFrench()}, {FrenchFormat.Count((int)last.Total.Total!.Value)} emplois, dont {FrenchFormat.Count((int)(last.Hosted?.Total ?? 0))} dans les entreprises hébergées, {ReturnsBehind(last.Total.N, last.Expected)}."
              + (incomplete.Count == 0
                  ? ""
                  : $" Trimestres où des retours manquent, marqués d'un cercle (le total n'y compte que les retours reçus) : {string.Join(", ", incomplete.Select(r => $"{r.Quarter.ToFrench()} ({FrenchFormat.Count(r.Total!.N)} sur {FrenchFormat.Count(r.Expected!.Value)})"))}.")
              + " Les valeurs de chaque trimestre sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, name, title, alt, table);
    }

    /// <summary>« d'après 5 retours sur 7 attendus », or « d'après 5 retours » when the number expected is not known (or « d'après les 7 retours attendus »).</summary>
    internal static string ReturnsBehind(int received, int? expected) => expected switch
    {
        { } e when received >= e => e == 1 ? "d'après le seul retour attendu" : $"d'après les {FrenchFormat.Count(e)} retours attendus",
        { } e => $"d'après {FrenchFormat.Count(received)} retour{(received > 1 ? "s" : "")} sur {FrenchFormat.Count(e)} attendus",
        null => $"d'après {FrenchFormat.Count(received)} retour{(received > 1 ? "s" : "")}",
    };

    /// <summary>Own-revenue share by quarters since labelling: median and quartiles, one line per wave.</summary>
    public static Chart OwnRevenueShareByWave(SiteData data)
    {
        var cells = data.Indicators
            .Where(s => s.OwnRevenueShare is not null)
            .GroupBy(s => (s.Wave, s.QuartersSinceLabelling))
            .Select(g =>
            {
                var sorted = g.Select(s => s.OwnRevenueShare!.Value).Order().ToList();
                return (g.Key.Wave, Age: g.Key.QuartersSinceLabelling, N: sorted.Count,
                    Q1: (double)Quantile.OfSorted(sorted, 0.25m), Median: (double)Quantile.OfSorted(sorted, 0.5m), Q3: (double)Quantile.OfSorted(sorted, 0.75m));
            })
            // Each workshop is in one cell per age: on the public site, a cell of fewer than 3 workshops is secret.
            .Where(c => !data.IsPublic || c.N >= StatisticalSecrecy.MinWorkshops)
            .OrderBy(c => c.Wave).ThenBy(c => c.Age)
            .ToList();
        const string title = "Part des recettes propres selon l'ancienneté dans le dispositif, par vague";
        var plot = ChartRenderer.NewPlot("Trimestres depuis la labellisation (0 = trimestre de labellisation)", "Recettes propres / (recettes propres + subventions)");
        if (cells.Count == 0)
        {
            ChartRenderer.NoData(plot, "Aucune part de recettes propres calculable pour l'instant.");
        }
        else
        {
            var style = 0;
            foreach (var wave in cells.GroupBy(c => c.Wave))
            {
                double[] xs = [.. wave.Select(c => (double)c.Age)];
                var color = ChartPalette.Series[style % ChartPalette.Series.Count].Color;
                var band = plot.Add.FillY(xs, [.. wave.Select(c => c.Q1)], [.. wave.Select(c => c.Q3)]);
                band.FillColor = color.WithAlpha(0.12);
                band.LineColor = Colors.Transparent;
                ChartRenderer.Line(plot, xs, [.. wave.Select(c => c.Median)], style, data.WaveLabel(wave.Key) + " : médiane");
                style++;
            }

            ChartRenderer.IntegerAxis(plot, 0, cells.Max(c => c.Age));
            ChartRenderer.PercentAxis(plot, cells.Max(c => c.Q3));
            ChartRenderer.LegendBelow(plot);
        }

        var table = new ChartTable(
            "Part des recettes propres par vague et ancienneté : premier quartile, médiane, troisième quartile",
            [
                new ChartColumn("wave", "Vague", ValueKind.Text),
                new ChartColumn("quarters_since_labelling", "Trimestres depuis la labellisation", ValueKind.Count),
                new ChartColumn("n", "Manufactures", ValueKind.Count),
                new ChartColumn("q1", "Premier quartile", ValueKind.Percent),
                new ChartColumn("median", "Médiane", ValueKind.Percent),
                new ChartColumn("q3", "Troisième quartile", ValueKind.Percent),
            ],
            [.. cells.Select(c => (IReadOnlyList<ChartCell>)
            [
                ChartCell.Of(data.WaveLabel(c.Wave)), ChartCell.Of(c.Age), ChartCell.Of(c.N), ChartCell.Of(c.Q1), ChartCell.Of(c.Median), ChartCell.Of(c.Q3),
            ])]);
        var latest = cells.GroupBy(c => c.Wave).Select(g => g.MaxBy(c => c.Age)).ToList();
        var alt = cells.Count == 0
            ? $"{title} : pas encore de données."
            : $"{title}. Une courbe par vague donne la médiane, une bande claire l'écart entre premier et troisième quartile. Dernières médianes : "
              + string.Join(" ; ", latest.Select(c => $"{data.WaveLabel(c.Wave)}, {FrenchFormat.Count(c.Age)} trimestres après la labellisation : {FrenchFormat.Percent(c.Median)}"))
              + ". Les valeurs sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, "part-recettes-propres-par-vague", title, alt, table);
    }

    /// <summary>Median vitality index per quarter, one line per territory type.</summary>
    public static Chart VitalityByTerritory(SiteData data)
    {
        var types = Enum.GetValues<TerritoryType>()
            .Select(t => (Type: t, Key: WorkshopRegistry.FormatTerritory(t)))
            .Where(t => data.Quarters.Any(q => data.Aggregate(Breakdown.TerritoryType, t.Key, q, "vitality_index") is { N: > 0 }))
            .ToList();
        const string title = "Indice de vitalité économique médian, par type de territoire";
        var plot = ChartRenderer.NewPlot(null, "Indice de vitalité (0 à 100), médiane");
        var rows = data.Quarters
            .Select(q => (Quarter: q, Medians: types.Select(t => data.Aggregate(Breakdown.TerritoryType, t.Key, q, "vitality_index")?.Median).ToList()))
            .Where(r => r.Medians.Any(m => m is not null))
            .ToList();
        if (rows.Count == 0)
        {
            ChartRenderer.NoData(plot, "Aucun indice de vitalité calculable pour l'instant.");
        }
        else
        {
            for (var i = 0; i < types.Count; i++)
            {
                var points = rows.Where(r => r.Medians[i] is not null).ToList();
                ChartRenderer.Line(plot, [.. points.Select(r => (double)r.Quarter.Index)], [.. points.Select(r => (double)r.Medians[i]!.Value)], i, FrenchLabels.Territory(types[i].Type));
            }

            ChartRenderer.QuarterAxis(plot, data.Quarters);
            ChartRenderer.LeftAxisFormat(plot, v => FrenchFormat.Number(v, 0));
            plot.Axes.SetLimitsY(0, 100);
            ChartRenderer.LegendBelow(plot);
        }

        var table = new ChartTable(
            "Indice de vitalité économique médian (0 à 100) par trimestre et type de territoire",
            [new ChartColumn("quarter", "Trimestre", ValueKind.Text), .. types.Select(t => new ChartColumn(t.Key, FrenchLabels.Territory(t.Type), ValueKind.Number))],
            [.. rows.Select(r => (IReadOnlyList<ChartCell>)[ChartCell.Of(r.Quarter.ToFrench()), .. r.Medians.Select(m => ChartCell.Of(m))])]);
        var alt = rows.Count == 0
            ? $"{title} : pas encore de données."
            : $"{title}, une courbe par type de territoire. Au {rows[^1].Quarter.ToFrench()} : "
              + string.Join(" ; ", types.Select((t, i) => $"{FrenchLabels.Territory(t.Type)} {(rows[^1].Medians[i] is { } m ? FrenchFormat.Number(m) : ChartTable.NoValue)}"))
              + ". Les valeurs sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, "vitalite-par-territoire", title, alt, table);
    }

    /// <summary>Expected returns per quarter, split into received on time, received late and missing (stacked bars).</summary>
    public static Chart Completeness(SiteData data, string dimension, string group, string name, string where)
    {
        var rows = data.Completeness
            .Where(r => r.Dimension == dimension && r.Group == group && r.Expected > 0)
            .OrderBy(r => r.Quarter)
            .ToList();
        var unknown = rows.Any(r => r.TimeUnknown > 0);
        var title = unknown
            ? $"Retours trimestriels attendus {where} : reçus à temps, en retard, à une date inconnue ou manquants"
            : $"Retours trimestriels attendus {where} : reçus à temps, en retard ou manquants";
        var plot = ChartRenderer.NewPlot(null, "Retours attendus");
        if (rows.Count == 0)
        {
            ChartRenderer.NoData(plot, "Aucun retour attendu pour l'instant.");
        }
        else
        {
            var parts = new List<(string Label, Color Color, Func<CompletenessRow, int> Count)>
            {
                ("Reçus à temps", ChartPalette.Blue, r => r.OnTime),
                ("Reçus en retard", ChartPalette.Yellow, r => r.Late),
            };
            if (unknown)
            {
                parts.Add(("Reçus, date de réception inconnue", ChartPalette.Neutral, r => r.TimeUnknown));
            }

            parts.Add(("Manquants", ChartPalette.Red, r => r.Missing));
            StackedBars(plot, [.. rows.Select(r => (r.Quarter, (IReadOnlyList<int>)[.. parts.Select(p => p.Count(r))]))], [.. parts.Select(p => (p.Label, p.Color))]);
            ChartRenderer.QuarterAxis(plot, data.Quarters);
            ChartRenderer.LeftAxisFormat(plot, v => FrenchFormat.Number(v, 0));
            plot.Axes.SetLimitsY(0, rows.Max(r => r.Expected) * 1.1);
        }

        var table = new ChartTable(
            $"Complétude et ponctualité des retours {where} par trimestre",
            [
                new ChartColumn("quarter", "Trimestre", ValueKind.Text),
                new ChartColumn("expected", "Attendus", ValueKind.Count),
                new ChartColumn("on_time", "Reçus à temps", ValueKind.Count),
                new ChartColumn("late", "Reçus en retard", ValueKind.Count),
                new ChartColumn("missing", "Manquants", ValueKind.Count),
                new ChartColumn("completeness_rate", "Taux de complétude", ValueKind.Percent),
                new ChartColumn("timeliness_rate", "Taux de ponctualité", ValueKind.Percent),
                .. unknown ? [new ChartColumn("time_unknown", "Date de réception inconnue", ValueKind.Count)] : Array.Empty<ChartColumn>(),
            ],
            [.. rows.Select(r => (IReadOnlyList<ChartCell>)
            [
                ChartCell.Of(r.Quarter.ToFrench()), ChartCell.Of(r.Expected), ChartCell.Of(r.OnTime), ChartCell.Of(r.Late), ChartCell.Of(r.Missing),
                ChartCell.Of(r.CompletenessRate), ChartCell.Of(r.TimelinessRate),
                .. unknown ? [ChartCell.Of(r.TimeUnknown)] : Array.Empty<ChartCell>(),
            ])]);
        var last = rows.LastOrDefault();
        var alt = last is null
            ? $"{title} : aucun retour attendu pour l'instant."
            : $"{title}, en barres empilées par trimestre. Au {last.Quarter.ToFrench()} : {FrenchFormat.Count(last.Expected)} retours attendus, {FrenchFormat.Count(last.OnTime)} reçus à temps, {FrenchFormat.Count(last.Late)} en retard, {(last.TimeUnknown > 0 ? $"{FrenchFormat.Count(last.TimeUnknown)} reçus à une date inconnue, " : "")}{FrenchFormat.Count(last.Missing)} manquants (complétude {(last.CompletenessRate is { } c ? FrenchFormat.Percent(c) : ChartTable.NoValue)}). Les valeurs sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, name, title, alt, table);
    }

    /// <summary>Workshops per risk level and quarter (stacked bars); null when there are no risk scores.</summary>
    public static Chart? RiskLevelsPerQuarter(SiteData data)
    {
        if (data.RiskScores is not { } scores)
        {
            return null;
        }

        // Counts of workshops by level are aggregates: on the public site, a quarter scored for fewer than 3 is left out.
        var rows = scores.GroupBy(s => s.Quarter).OrderBy(g => g.Key)
            .Where(g => !data.IsPublic || StatisticalSecrecy.MayShowCounts(g.Count()))
            .Select(g => (Quarter: g.Key, Counts: (IReadOnlyList<int>)[.. RiskLevels.All.Select(l => g.Count(s => s.Level == l))]))
            .ToList();
        const string title = "Manufactures par niveau de risque de difficulté, par trimestre";
        var plot = ChartRenderer.NewPlot(null, "Manufactures");
        if (rows.Count == 0)
        {
            ChartRenderer.NoData(plot, "Aucun score de risque pour l'instant.");
        }
        else
        {
            StackedBars(plot, rows, [.. RiskLevels.All.Select(l => (FrenchLabels.Risk(l), ChartPalette.Risk(l).Color))]);

            // Only the quarters that were scored: a model scores the latest quarter, so the axis of all the data's
            // quarters showed eleven empty ones out of twelve.
            ChartRenderer.QuarterAxis(plot, [.. rows.Select(r => r.Quarter)]);
            ChartRenderer.LeftAxisFormat(plot, v => FrenchFormat.Number(v, 0));
            plot.Axes.SetLimitsY(0, rows.Max(r => r.Counts.Sum()) * 1.1);
        }

        var table = new ChartTable(
            "Nombre de manufactures par niveau de risque et par trimestre",
            [
                new ChartColumn("quarter", "Trimestre", ValueKind.Text),
                .. RiskLevels.All.Select(l => new ChartColumn(l, FrenchLabels.Risk(l), ValueKind.Count)),
            ],
            [.. rows.Select(r => (IReadOnlyList<ChartCell>)[ChartCell.Of(r.Quarter.ToFrench()), .. r.Counts.Select(c => ChartCell.Of(c))])]);
        var alt = rows.Count == 0
            ? $"{title} : aucun score pour l'instant."
            : $"{title}, en barres empilées. Au {rows[^1].Quarter.ToFrench()} : "
              + string.Join(", ", RiskLevels.All.Select((l, i) => $"{FrenchFormat.Count(rows[^1].Counts[i])} {FrenchLabels.Risk(l).ToLowerInvariant()}"))
              + ". Les valeurs sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, "niveaux-de-risque", title, alt, table);
    }

    /// <summary>
    /// The workshops on a map, coloured and shaped by their latest risk level (grey without a score, and always on the
    /// public site): all of France with the overseas departments in insets, or, for a region (<paramref name="zoom"/>),
    /// zoomed on its workshops. Every workshop is countable: close ones are moved apart or counted in a badge
    /// (<see cref="MapLayout"/>), and the legend's counts are those of the markers drawn.
    /// </summary>
    public static Chart Map(SiteData data, IReadOnlyList<Workshop> workshops, string name, string where, bool zoom = false)
    {
        var title = data.LatestRisk is null || data.IsPublic
            ? $"Localisation des manufactures {where}"
            : $"Localisation des manufactures {where} et dernier niveau de risque";
        var levelOf = workshops.ToDictionary(w => w.WorkshopId, w => data.IsPublic ? null : LevelOf(data, w.WorkshopId), StringComparer.Ordinal);
        List<MapPoint> points = [.. workshops.Select(w => new MapPoint(w.WorkshopId, levelOf[w.WorkshopId], w.Latitude, w.Longitude))];
        var layout = MapLayout.Place(points, zoom, ChartRenderer.Width - 20, MapHeight - 110);
        var plot = MapPlot(data, layout);

        List<ChartColumn> columns =
        [
            new ChartColumn("workshop_id", "Identifiant", ValueKind.Text),
            new ChartColumn("name", "Manufacture", ValueKind.Text),
            new ChartColumn("region", "Région", ValueKind.Text),
            new ChartColumn("latitude", "Latitude", ValueKind.Number),
            new ChartColumn("longitude", "Longitude", ValueKind.Number),
        ];
        if (!data.IsPublic)
        {
            columns.Add(new ChartColumn("risk_level", "Niveau de risque", ValueKind.Text));
        }

        var table = new ChartTable(
            data.IsPublic ? $"Manufactures {where} : localisation" : $"Manufactures {where} : localisation et dernier niveau de risque",
            columns,
            [.. workshops.Select(w => (IReadOnlyList<ChartCell>)
            [
                ChartCell.Of(w.WorkshopId), ChartCell.Of(w.Name), ChartCell.Of(w.Region), ChartCell.Of(w.Latitude), ChartCell.Of(w.Longitude),
                .. data.IsPublic ? [] : new[] { ChartCell.Of(FrenchLabels.Risk(LevelOf(data, w.WorkshopId))) },
            ])]);
        var counts = data.IsPublic
            ? "Le niveau de risque d'une manufacture n'est pas publié."
            : data.LatestRisk is null
            ? "Les niveaux de risque ne sont pas encore disponibles : tous les points sont gris."
            : "Derniers niveaux de risque : " + string.Join(", ", RiskLevels.All.Select(l => $"{FrenchFormat.Count(workshops.Count(w => LevelOf(data, w.WorkshopId) == l))} {FrenchLabels.Risk(l).ToLowerInvariant()}")) + ".";
        var alt = $"{MapDescription(layout, workshops.Count, where)} {counts} La liste des manufactures est dans le tableau qui suit.";
        // The phone variant is laid out again for its own scale: markers spaced for the wide map would overlap on it.
        var narrowLayout = MapLayout.Place(points, zoom, (ChartRenderer.NarrowWidth / ChartRenderer.NarrowScale) - 20, (MapNarrowHeight / ChartRenderer.NarrowScale) - 150);
        var chart = ChartRenderer.Render(plot, name, title, alt, table, height: MapHeight, narrow: false);
        return chart with { Narrow = ChartRenderer.Phone(MapPlot(data, narrowLayout), name, MapNarrowHeight, keepLabels: true) };
    }

    /// <summary>The event study of the impact evaluation: estimate and confidence interval per quarter relative to labelling; null without an evaluation.</summary>
    public static Chart? EventStudy(SiteData data)
    {
        if (data.Input.Evaluation is not { } evaluation)
        {
            return null;
        }

        var points = evaluation.EventStudy.OrderBy(p => p.EventTime).ToList();
        var level = FrenchFormat.Percent(evaluation.ConfidenceLevel);
        var title = $"Effet estimé de la labellisation sur l'{evaluation.OutcomeLabel}, avant et après la labellisation";
        var plot = ChartRenderer.NewPlot("Trimestres depuis la labellisation (négatif : avant)", $"Effet estimé (intervalle de confiance à {level})");
        if (points.Count == 0)
        {
            ChartRenderer.NoData(plot, "L'étude d'événement ne contient aucun point.");
        }
        else
        {
            var zero = plot.Add.HorizontalLine(0, 1, ChartPalette.Text.WithAlpha(0.6), LinePattern.Dashed);
            zero.LegendText = "Aucun effet";
            var labelling = plot.Add.VerticalLine(-0.5, 1, ChartPalette.Text.WithAlpha(0.4), LinePattern.Dotted);
            labelling.LegendText = "Labellisation";
            var bars = plot.Add.ErrorBar([.. points.Select(p => (double)p.EventTime)], [.. points.Select(p => p.Estimate)], [.. points.Select(p => 0.0)]);
            bars.YErrorPositive = [.. points.Select(p => p.CiHigh - p.Estimate)];
            bars.YErrorNegative = [.. points.Select(p => p.Estimate - p.CiLow)];
            bars.Color = ChartPalette.Blue;
            bars.LineWidth = 2;
            foreach (var estimates in ChartRenderer.Line(plot, [.. points.Select(p => (double)p.EventTime)], [.. points.Select(p => p.Estimate)], 0, "Effet estimé et intervalle de confiance"))
            {
                estimates.LineWidth = 0;
            }

            ChartRenderer.IntegerAxis(plot, points[0].EventTime, points[^1].EventTime);
            ChartRenderer.LeftAxisFormat(plot, v => FrenchFormat.Number(v, 2));
            ChartRenderer.LegendBelow(plot);
        }

        var table = new ChartTable(
            $"Effet estimé de la labellisation sur l'{evaluation.OutcomeLabel} par trimestre relatif à la labellisation, avec son intervalle de confiance à {level}",
            [
                new ChartColumn("event_time", "Trimestres depuis la labellisation", ValueKind.Count),
                new ChartColumn("estimate", "Effet estimé", ValueKind.Number),
                new ChartColumn("ci_low", "Borne basse", ValueKind.Number),
                new ChartColumn("ci_high", "Borne haute", ValueKind.Number),
            ],
            [.. points.Select(p => (IReadOnlyList<ChartCell>)[ChartCell.Of(p.EventTime), ChartCell.Of(p.Estimate), ChartCell.Of(p.CiLow), ChartCell.Of(p.CiHigh)])]);
        var alt = $"{title} : un point par trimestre relatif à la labellisation, avec une barre verticale pour l'intervalle de confiance. Effet moyen sur les manufactures labellisées : {FrenchFormat.Number(evaluation.OverallAtt, 2)} (de {FrenchFormat.Number(evaluation.CiLow, 2)} à {FrenchFormat.Number(evaluation.CiHigh, 2)}). Les valeurs sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, "evaluation-etude-evenement", title, alt, table);
    }

    /// <summary>The median vitality index of a region's workshops per quarter, against the national median.</summary>
    public static Chart VitalityComparison(SiteData data, string region, string name)
    {
        var rows = data.Quarters
            .Select(q => (Quarter: q,
                Region: data.Aggregate(Breakdown.Region, region, q, "vitality_index")?.Median,
                National: data.Aggregate(Breakdown.National, Breakdown.All, q, "vitality_index")?.Median))
            .Where(r => r.Region is not null || r.National is not null)
            .ToList();
        var title = $"Indice de vitalité économique médian : {region} et ensemble des manufactures";
        var plot = ChartRenderer.NewPlot(null, "Indice de vitalité (0 à 100), médiane");
        if (rows.Count == 0)
        {
            ChartRenderer.NoData(plot, "Aucun indice de vitalité calculable pour l'instant.");
        }
        else
        {
            var own = rows.Where(r => r.Region is not null).ToList();
            var all = rows.Where(r => r.National is not null).ToList();
            ChartRenderer.Line(plot, [.. all.Select(r => (double)r.Quarter.Index)], [.. all.Select(r => (double)r.National!.Value)], 1, "Ensemble des manufactures", 2);
            ChartRenderer.Line(plot, [.. own.Select(r => (double)r.Quarter.Index)], [.. own.Select(r => (double)r.Region!.Value)], 0, region, 3.5f);
            ChartRenderer.QuarterAxis(plot, data.Quarters);
            ChartRenderer.LeftAxisFormat(plot, v => FrenchFormat.Number(v, 0));
            plot.Axes.SetLimitsY(0, 100);
            ChartRenderer.LegendBelow(plot);
        }

        var table = new ChartTable(
            $"Indice de vitalité économique médian par trimestre : {region} et ensemble des manufactures",
            [
                new ChartColumn("quarter", "Trimestre", ValueKind.Text),
                new ChartColumn("region_median", region, ValueKind.Number),
                new ChartColumn("national_median", "Ensemble des manufactures", ValueKind.Number),
            ],
            [.. rows.Select(r => (IReadOnlyList<ChartCell>)[ChartCell.Of(r.Quarter.ToFrench()), ChartCell.Of(r.Region), ChartCell.Of(r.National)])]);
        var last = rows.LastOrDefault();
        var alt = rows.Count == 0
            ? $"{title} : pas encore de données."
            : $"{title}, en courbes. Au {last.Quarter.ToFrench()} : {(last.Region is { } r ? FrenchFormat.Number(r) : ChartTable.NoValue)} pour la région, {(last.National is { } n ? FrenchFormat.Number(n) : ChartTable.NoValue)} pour l'ensemble. Les valeurs sont dans le tableau qui suit.";
        return ChartRenderer.Render(plot, name, title, alt, table);
    }

    /// <summary>The map's plot for a layout: territories, insets, markers by level, numbered badges and the legend below.</summary>
    private static Plot MapPlot(SiteData data, MapLayout layout)
    {
        var plot = ChartRenderer.NewPlot(null, null);
        foreach (var panel in layout.Panels)
        {
            if (panel.Frame is { } frame)
            {
                var box = plot.Add.Rectangle(frame.X0, frame.X1, frame.Y0, frame.Y1);
                box.FillColor = Colors.White;
                box.LineColor = ChartPalette.Text.WithAlpha(0.5);
                box.LineWidth = 1;
                var label = plot.Add.Text(panel.Name, (frame.X0 + frame.X1) / 2, frame.Y1 - ((frame.Y1 - frame.Y0) * 0.04));
                label.LabelFontSize = 13;
                label.LabelFontColor = ChartPalette.Text;
                label.LabelAlignment = Alignment.UpperCenter;
            }

            foreach (var ring in panel.Rings)
            {
                var polygon = plot.Add.Polygon([.. ring.Select(p => new Coordinates(p.X, p.Y))]);
                polygon.FillColor = Color.FromHex("#F6F6F6");
                polygon.LineColor = ChartPalette.Text.WithAlpha(0.6);
                polygon.LineWidth = 1;
            }
        }

        var levels = data.LatestRisk is null || data.IsPublic ? [null] : RiskLevels.All.Cast<string?>().Append(null).ToList();
        foreach (var level in levels)
        {
            var drawn = layout.Markers.Where(m => m.Level == level).ToList();
            if (drawn.Count == 0)
            {
                continue;
            }

            var (color, shape) = ChartPalette.Risk(level ?? "");
            var markers = plot.Add.Markers(drawn.Select(m => new Coordinates(m.X, m.Y)).ToArray(), shape, 13, color);
            markers.MarkerStyle.OutlineColor = ChartPalette.Text;
            markers.MarkerStyle.OutlineWidth = 1;
            if (level is null)
            {
                markers.MarkerStyle.FillColor = ChartPalette.Neutral;
                markers.MarkerShape = MarkerShape.FilledCircle;
            }

            markers.LegendText = data.IsPublic
                ? $"Manufacture labellisée : {FrenchFormat.Count(drawn.Count)}"
                : data.LatestRisk is null
                ? $"Manufacture (niveau de risque pas encore disponible) : {FrenchFormat.Count(drawn.Count)}"
                : $"{FrenchLabels.Risk(level)} : {FrenchFormat.Count(drawn.Count)}";
        }

        if (layout.Badges.Count > 0)
        {
            var badges = plot.Add.Markers(layout.Badges.Select(b => new Coordinates(b.X, b.Y)).ToArray(), MarkerShape.FilledCircle, 26, BadgeColor);
            badges.MarkerStyle.OutlineColor = Colors.White;
            badges.MarkerStyle.OutlineWidth = 1.5f;
            var inBadges = layout.Badges.Sum(b => b.Ids.Count);
            badges.LegendText = $"Manufactures trop proches pour être distinguées, nombre inscrit : {FrenchFormat.Count(inBadges)} en {FrenchFormat.Count(layout.Badges.Count)} pastille{(layout.Badges.Count > 1 ? "s" : "")}";
            foreach (var badge in layout.Badges)
            {
                var count = plot.Add.Text(FrenchFormat.Count(badge.Ids.Count), badge.X, badge.Y);
                count.LabelFontSize = 12;
                count.LabelBold = true;
                count.LabelFontColor = Colors.White;
                count.LabelAlignment = Alignment.MiddleCenter;
            }
        }

        // No axes on a map: no frame, ticks or tick labels (the title panel stays, unlike with Axes.Frameless()).
        plot.Axes.Frame(false);
        plot.HideGrid();
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Top, plot.Axes.Right })
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
        }

        plot.Axes.SetLimits(layout.View.MinX, layout.View.MaxX, layout.View.MinY, layout.View.MaxY);
        plot.Axes.SquareUnits();
        ChartRenderer.LegendBelow(plot);

        return plot;
    }

    /// <summary>The height of a map, in pixels.</summary>
    private const int MapHeight = 860;

    /// <summary>The height of a map's phone variant, in pixels (France with its insets is about as tall as it is wide).</summary>
    private const int MapNarrowHeight = 760;

    /// <summary>The DSFR's blue France (#000091), for the map's numbered badges (white figures, 14:1).</summary>
    private static readonly Color BadgeColor = Color.FromHex("#000091");

    /// <summary>What the map shows, in words: its frame, how many workshops are drawn and how, and those it cannot place.</summary>
    internal static string MapDescription(MapLayout layout, int workshops, string where)
    {
        var frame = layout.Zoomed
            ? $"Carte centrée sur les manufactures {where}"
            : "Carte de la France métropolitaine, avec en encarts la Guadeloupe, la Martinique, la Guyane, La Réunion et Mayotte (échelles différentes)";
        var parts = new List<string>();
        var drawn = layout.Markers.Count;
        if (drawn > 0)
        {
            parts.Add(drawn == 1 ? "1 représentée par un point" : $"{FrenchFormat.Count(drawn)} représentées chacune par un point");
        }

        var inBadges = layout.Badges.Sum(b => b.Ids.Count);
        if (inBadges > 0)
        {
            var badges = layout.Badges.Count;
            parts.Add($"{FrenchFormat.Count(inBadges)} regroupées, faute de place, dans {(badges == 1 ? "1 pastille chiffrée" : $"{FrenchFormat.Count(badges)} pastilles chiffrées")}");
        }

        var text = $"{frame} : {FrenchFormat.Count(workshops)} manufacture{(workshops > 1 ? "s" : "")}{(layout.Zoomed ? "" : " " + where)}"
            + (parts.Count == 0 ? "." : $", {string.Join(", ", parts)}. Les points de manufactures voisines sont écartés les uns des autres pour rester visibles : leur place est approchée.");
        if (layout.OffMap.Count > 0)
        {
            text += $" Hors de la carte, faute de coordonnées en France métropolitaine ou dans un département d'outre-mer : {string.Join(", ", layout.OffMap)}.";
        }

        return text;
    }

    private static string? LevelOf(SiteData data, string workshopId) =>
        data.LatestRisk?.GetValueOrDefault(workshopId)?.Level is { } level && RiskLevels.All.Contains(level) ? level : null;

    /// <summary>Stacked bars, one per quarter, parts in the order given (bottom first), each part's count written inside when there is room.</summary>
    private static void StackedBars(Plot plot, IReadOnlyList<(Quarter Quarter, IReadOnlyList<int> Counts)> rows, IReadOnlyList<(string Label, Color Color)> parts)
    {
        var bars = new List<ScottPlot.Bar>();
        var top = rows.Max(r => r.Counts.Sum());
        foreach (var (quarter, counts) in rows)
        {
            double bottom = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                if (counts[i] > 0)
                {
                    bars.Add(new ScottPlot.Bar
                    {
                        Position = quarter.Index,
                        ValueBase = bottom,
                        Value = bottom + counts[i],
                        FillColor = parts[i].Color,
                        LineColor = Colors.White,
                        LineWidth = 1,
                        Size = 0.7,
                        Label = counts[i] >= top * 0.06 ? FrenchFormat.Count(counts[i]) : "",
                        CenterLabel = true,
                    });
                }

                bottom += counts[i];
            }
        }

        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 12;
        plottable.ValueLabelStyle.ForeColor = ChartPalette.Text;
        plottable.ValueLabelStyle.BackgroundColor = Colors.White;
        plot.Legend.ManualItems.AddRange(parts.Select(p => new LegendItem { LabelText = p.Label, FillColor = p.Color, OutlineColor = ChartPalette.Text }));
        plot.ShowLegend(Edge.Bottom);
    }
}
