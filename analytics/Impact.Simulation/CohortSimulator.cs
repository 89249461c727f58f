using Impact.Analytics;
using Impact.Analytics.Statistics;
using Impact.Analytics.Settings;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Impact.Analytics.Registry;
using Impact.Analytics.Returns;

namespace Impact.Simulation;

/// <summary>
/// Generates a plausible cohort of workshops and everything the pipeline reads about them (the registry, quarterly
/// returns as the workshops would send them, the ministry's recorded outcomes, the external evaluation panel), with
/// the truth to test it against (which returns are missing, late or erroneous; which workshop was in distress when;
/// the true treatment effect). Pure and deterministic: no clock, no I/O; the same options give byte-identical files.
/// </summary>
public static class CohortSimulator
{
    /// <summary>The outcome event of a closure.</summary>
    public const string ClosedEvent = "closed";

    /// <summary>The outcome event of recorded distress.</summary>
    public const string DistressEvent = "distress";

    /// <summary>The outcome event of a recovery after recorded distress.</summary>
    public const string RecoveredEvent = "recovered";

    private static readonly (ReturnFileLayout Layout, double Weight)[] Layouts =
    [
        (ReturnFileLayout.SemicolonUtf8Bom, 0.62),
        (ReturnFileLayout.SemicolonUtf8BomTemplate, 0.08),
        (ReturnFileLayout.CommaUtf8, 0.22),
        (ReturnFileLayout.SemicolonWindows1252, 0.08),
    ];

    private static readonly string[] ClosureNotes =
    [
        "Liquidation judiciaire prononcée.",
        "Dissolution votée par l'assemblée générale.",
        "Cessation d'activité signalée par l'accompagnateur.",
    ];

    private static readonly string[] DistressNotes =
    [
        "Trésorerie critique signalée par l'accompagnateur.",
        "Demande d'aide exceptionnelle à la collectivité.",
        "Retards de paiement des salaires signalés.",
    ];

    private static readonly string[] RecoveryNotes =
    [
        "Situation rétablie après un plan de soutien.",
        "Trésorerie reconstituée ; suivi allégé.",
    ];

    /// <summary>Simulates a cohort.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range (see <see cref="SimulationOptions.Check"/>).</exception>
    public static SimulatedCohort Simulate(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Check();

        var registry = SimulatedRegistry.Build(options, new SeededRandom(options.Seed, 1));
        var files = new List<SimulatedFile>();
        var submissions = new List<SimulatedSubmission>();
        var outcomes = new List<SimulatedOutcome>();
        var distress = new List<SimulatedDistress>();
        var premisesCounts = SimulatedRegistry.Apportion(registry.Workshops.Count, [.. WorkshopLife.Premises.Select(p => p.Weight)]);
        var premises = premisesCounts.SelectMany((count, i) => Enumerable.Repeat(WorkshopLife.Premises[i].Status, count)).ToList();
        new SeededRandom(options.Seed, 4).Shuffle(premises);

        for (var i = 0; i < registry.Workshops.Count; i++)
        {
            var workshop = registry.Workshops[i];
            var life = WorkshopLife.Simulate(workshop, premises[i], options, new SeededRandom(options.Seed, 1_000_000UL + (ulong)i));
            var reporting = new SeededRandom(options.Seed, 2_000_000UL + (ulong)i);
            var workshopSubmissions = Report(workshop, life, options, reporting, files);
            var workshopOutcomes = Record(workshop, life, reporting, out var ministryQuarters);
            submissions.AddRange(workshopSubmissions);
            outcomes.AddRange(workshopOutcomes);
            distress.AddRange(DistressTruth(workshop, life, workshopSubmissions, ministryQuarters));
        }

        var (panel, effects) = SimulatedPanel.Build(registry, options, new SeededRandom(options.Seed, 3));
        files.Add(new SimulatedFile(SimulatedCohort.RegistryPath, Encoding.UTF8.GetBytes(registry.ToCsv()), null));
        files.Add(new SimulatedFile(SimulatedCohort.OutcomesPath, OutcomesCsv(outcomes), null));
        files.Add(new SimulatedFile(SimulatedCohort.SimulationPath, SimulationMark(options), null));
        files.Add(new SimulatedFile(SimulatedCohort.PanelPath, panel, null));
        files.Add(new SimulatedFile(SimulatedCohort.TruthReturnsPath, SubmissionsCsv(submissions), null));
        files.Add(new SimulatedFile(SimulatedCohort.TruthDistressPath, DistressCsv(distress), null));
        files.Add(new SimulatedFile(SimulatedCohort.TruthEffectPath, EffectJson(options, effects), null));
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));

        return new SimulatedCohort(options, registry, files, submissions, outcomes, distress, effects);
    }

    /// <summary>
    /// The deadline of a quarter's return: the end of the day (UTC) <see cref="ReportingOptions.DeadlineDays"/> days
    /// after the quarter's last day; a return received at or after this instant is late.
    /// </summary>
    public static DateTimeOffset Deadline(Quarter quarter, int deadlineDays) =>
        new(quarter.LastDay.AddDays(deadlineDays + 1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// Which returns the workshop sends, when, and how. A workshop in financial distress misses and delays more;
    /// each has its own diligence and its own way of writing files. The closing return is always sent.
    /// </summary>
    private static List<SimulatedSubmission> Report(Workshop workshop, List<WorkshopQuarter> life, SimulationOptions options, SeededRandom r, List<SimulatedFile> files)
    {
        var diligence = r.Uniform(0.5, 1.8);
        var world = WorldProfile.Of(options.World);
        var layout = Layouts[r.PickWeighted([.. Layouts.Select(l => l.Weight)])].Layout;
        var (_, windowEnd) = workshop.ReportingWindow(options.Reporting.FollowUpQuarters);
        var rows = new List<SimulatedSubmission>(life.Count);
        var closed = false;
        var first = workshop.LabelledQuarter;
        for (var quarter = first; quarter <= options.LastQuarter; quarter = quarter.AddQuarters(1))
        {
            var age = quarter.QuartersSince(first);
            var state = age < life.Count ? life[age] : null;
            var expected = !closed && state is not null && quarter <= windowEnd;
            closed |= state?.Closed ?? true;
            if (!expected)
            {
                rows.Add(new SimulatedSubmission
                {
                    WorkshopId = workshop.WorkshopId, Quarter = quarter, Expected = false, Submitted = false,
                    OnTime = false, Late = false, Erroneous = false, Missing = false,
                });
                continue;
            }

            var inDistress = state!.FinancialDistress;
            var missRate = inDistress ? world.Missing.InDistress : state.Health < -0.3 ? world.Missing.Declining : world.Missing.Healthy;
            var missing = !state.Closed && r.Chance(Math.Min(0.9, missRate * diligence));
            if (missing)
            {
                rows.Add(new SimulatedSubmission
                {
                    WorkshopId = workshop.WorkshopId, Quarter = quarter, Expected = true, Submitted = false,
                    OnTime = false, Late = false, Erroneous = false, Missing = true,
                });
                continue;
            }

            var late = r.Chance(Math.Min(0.9, (inDistress || state.Closed ? 0.25 : 0.06) * diligence));
            var errorRule = !state.Closed && r.Chance(0.03 * diligence) ? r.Pick(SimulatedReturnFile.ErrorRules) : null;
            var day = late
                ? options.Reporting.DeadlineDays + r.Next(0, 75)
                : options.Reporting.DeadlineDays - 1 - (int)(options.Reporting.DeadlineDays * r.NextDouble() * r.NextDouble());
            var receivedAt = new DateTimeOffset(quarter.LastDay.AddDays(1 + day).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero)
                .AddMinutes(r.Next(0, 15 * 60)).AddSeconds(r.Next(0, 60));
            var path = $"{ReturnPath.Container}/{workshop.WorkshopId}/{quarter}.csv";
            files.Add(new SimulatedFile(path, SimulatedReturnFile.Write(workshop.WorkshopId, state, layout, errorRule, r), receivedAt));
            rows.Add(new SimulatedSubmission
            {
                WorkshopId = workshop.WorkshopId,
                Quarter = quarter,
                Expected = true,
                Submitted = true,
                ReceivedAt = receivedAt,
                OnTime = !late,
                Late = late,
                Erroneous = errorRule is not null,
                Missing = false,
                ErrorRule = errorRule,
                Layout = SimulatedReturnFile.LayoutKey(layout),
                Path = path,
            });
        }

        return rows;
    }

    /// <summary>
    /// The ministry's records: every closure; a distress event in the second quarter of a spell of financial distress,
    /// for about 70% of spells lasting two quarters or more; a recovery in the first quarter after a recorded spell.
    /// <paramref name="ministryQuarters"/> gets the quarters from each recorded distress to the end of its spell.
    /// </summary>
    private static List<SimulatedOutcome> Record(Workshop workshop, List<WorkshopQuarter> life, SeededRandom r, out HashSet<Quarter> ministryQuarters)
    {
        var events = new List<SimulatedOutcome>();
        ministryQuarters = [];
        var start = 0;
        while (start < life.Count)
        {
            if (!(life[start].FinancialDistress || life[start].Closed))
            {
                start++;
                continue;
            }

            var end = start;
            while (end + 1 < life.Count && (life[end + 1].FinancialDistress || life[end + 1].Closed))
            {
                end++;
            }

            var spell = end - start + 1;
            var closedInSpell = life[end].Closed;
            var lengthBeforeClosure = closedInSpell ? spell - 1 : spell;
            if (lengthBeforeClosure >= 2 && r.Chance(0.7))
            {
                events.Add(new SimulatedOutcome(workshop.WorkshopId, life[start + 1].Quarter, DistressEvent, r.Pick(DistressNotes)));
                for (var k = start + 1; k <= end; k++)
                {
                    ministryQuarters.Add(life[k].Quarter);
                }

                if (!closedInSpell && end + 1 < life.Count)
                {
                    events.Add(new SimulatedOutcome(workshop.WorkshopId, life[end + 1].Quarter, RecoveredEvent, r.Pick(RecoveryNotes)));
                }
            }

            if (closedInSpell)
            {
                events.Add(new SimulatedOutcome(workshop.WorkshopId, life[end].Quarter, ClosedEvent, r.Pick(ClosureNotes)));
            }

            start = end + 1;
        }

        return events;
    }

    private static IEnumerable<SimulatedDistress> DistressTruth(Workshop workshop, List<WorkshopQuarter> life, List<SimulatedSubmission> submissions, HashSet<Quarter> ministryQuarters)
    {
        var missing = submissions.Where(s => s.Missing).Select(s => s.Quarter).ToHashSet();
        foreach (var q in life)
        {
            var reasons = new List<string>(2);
            if (q.Closed)
            {
                reasons.Add("closed");
            }

            if (q.LowCash)
            {
                reasons.Add("low_cash");
            }

            if (q.RevenueDrop)
            {
                reasons.Add("revenue_drop");
            }

            if (missing.Contains(q.Quarter) && missing.Contains(q.Quarter.AddQuarters(-1)))
            {
                reasons.Add("missed_returns");
            }

            if (ministryQuarters.Contains(q.Quarter))
            {
                reasons.Add("ministry_recorded");
            }

            yield return new SimulatedDistress
            {
                WorkshopId = workshop.WorkshopId,
                Quarter = q.Quarter,
                Reasons = reasons,
                OwnRevenue = q.OwnRevenue,
                OperatingExpenses = q.OperatingExpenses,
                CashEnd = q.CashEnd,
                StaffHeadcount = q.StaffHeadcount,
            };
        }
    }

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static byte[] OutcomesCsv(List<SimulatedOutcome> outcomes)
    {
        var text = new StringBuilder();
        SimulationCsv.AppendRow(text, "workshop_id", "quarter", "event", "note");
        foreach (var o in outcomes)
        {
            SimulationCsv.AppendRow(text, o.WorkshopId, o.Quarter.ToString(), o.Event, o.Note);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] SubmissionsCsv(List<SimulatedSubmission> submissions)
    {
        var text = new StringBuilder(submissions.Count * 100);
        SimulationCsv.AppendRow(text, "workshop_id", "quarter", "expected", "submitted", "received_at", "on_time", "late", "erroneous", "missing", "error_rule", "layout", "path");
        foreach (var s in submissions)
        {
            SimulationCsv.AppendRow(text, s.WorkshopId, s.Quarter.ToString(), Flag(s.Expected), Flag(s.Submitted),
                s.ReceivedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "",
                Flag(s.OnTime), Flag(s.Late), Flag(s.Erroneous), Flag(s.Missing), s.ErrorRule ?? "", s.Layout ?? "", s.Path ?? "");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] DistressCsv(List<SimulatedDistress> distress)
    {
        var text = new StringBuilder(distress.Count * 80);
        SimulationCsv.AppendRow(text, "workshop_id", "quarter", "in_distress", "reasons", "own_revenue", "operating_expenses", "cash_end", "staff_headcount");
        foreach (var d in distress)
        {
            SimulationCsv.AppendRow(text, d.WorkshopId, d.Quarter.ToString(), Flag(d.InDistress), string.Join('|', d.Reasons),
                Amount(d.OwnRevenue), Amount(d.OperatingExpenses), Amount(d.CashEnd), d.StaffHeadcount.ToString(CultureInfo.InvariantCulture));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>registry/simulation.json: that the cohort is simulated, by what and with which seed (French for the people who open it).</summary>
    private static byte[] SimulationMark(SimulationOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("simulated", true);
            json.WriteString("generator", "impact simulate");
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("workshops", options.Workshops);
            json.WriteString("note", "Cohorte simulée : manufactures, retours et résultats inventés pour essayer le traitement. Tant que ce fichier est dans registry/, chaque page du tableau de bord porte la mention « Données simulées ».");
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static byte[] EffectJson(SimulationOptions options, IReadOnlyList<SimulatedEffect> effects)
    {
        using var buffer = new MemoryStream();

        // A data file, never embedded in HTML: formulas stay readable (+, <, ' are not escaped).
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("definition",
                "Outcome Y(i,t) = alpha(i) + lambda(t) + noise + tau(t - g(i)) for treated units from their first treated quarter g(i); "
                + "tau(e) = long_run * min(1, (e + 1) / ramp_quarters) for e >= 0, 0 before. "
                + "att_simple is Callaway and Sant'Anna's simple aggregation: the average of ATT(g,t) over post-treatment cells "
                + "(g <= t <= last_quarter), weighted by the number of units in group g (equivalently, the average effect over treated "
                + "post-treatment unit-quarters of a balanced panel). att_sample is the same average over the rows written "
                + "(observed minus untreated value, both rounded as written). The event-study curve is tau(e); it is the same for every group.");
            json.WriteString("panel_first_quarter", options.FirstQuarter.AddQuarters(-options.PanelQuartersBefore).ToString());
            json.WriteString("last_quarter", options.LastQuarter.ToString());
            json.WriteNumber("ramp_quarters", options.EffectRampQuarters);
            json.WriteString("comparison", "never_treated");
            json.WriteStartArray("outcomes");
            foreach (var effect in effects)
            {
                json.WriteStartObject();
                json.WriteString("outcome", effect.Outcome);
                json.WriteNumber("long_run", effect.LongRun);
                json.WriteNumber("att_simple", effect.AttSimple);
                json.WriteNumber("att_sample", effect.AttSample);
                json.WriteStartArray("event_time");
                foreach (var point in effect.EventTime)
                {
                    json.WriteStartObject();
                    json.WriteNumber("e", point.EventTime);
                    json.WriteNumber("effect", point.Effect);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("group_time");
                foreach (var cell in effect.GroupTime)
                {
                    json.WriteStartObject();
                    json.WriteString("group", cell.Group.ToString());
                    json.WriteString("quarter", cell.Quarter.ToString());
                    json.WriteNumber("units", cell.Units);
                    json.WriteNumber("effect", cell.Effect);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
