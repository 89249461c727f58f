using Impact.Analytics;
using Impact.Analytics.Settings;
using Impact.Analytics.Registry;

namespace Impact.Simulation;

/// <summary>One generated file: its path relative to the output folder ('/' separated), its bytes, and the time to give it.</summary>
/// <param name="Path">Relative path, e.g. <c>returns/MP-001/2022-Q1.csv</c>.</param>
/// <param name="Content">The bytes to write.</param>
/// <param name="FileTime">For a return, when the workshop sent it (UTC), to set as the file's last-write time; otherwise null.</param>
public sealed record SimulatedFile(string Path, ReadOnlyMemory<byte> Content, DateTimeOffset? FileTime);

/// <summary>
/// The truth about one workshop and quarter of the simulation (a row of truth/returns.csv): whether a return was
/// expected, sent, on time, late, erroneous or missing. Rows cover every quarter from labelling to the last simulated one.
/// </summary>
public sealed record SimulatedSubmission
{
    /// <summary>The workshop.</summary>
    public required string WorkshopId { get; init; }

    /// <summary>The quarter.</summary>
    public required Quarter Quarter { get; init; }

    /// <summary>In the reporting window (labelling quarter to support end plus follow-up) and not after the closing quarter.</summary>
    public required bool Expected { get; init; }

    /// <summary>A file was sent (it is among the files, at <see cref="Path"/>).</summary>
    public required bool Submitted { get; init; }

    /// <summary>When the file was received (UTC); null when not sent.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Received by the deadline: before the end of the day (UTC) <see cref="ReportingOptions.DeadlineDays"/> days after the quarter's last day.</summary>
    public required bool OnTime { get; init; }

    /// <summary>Received after the deadline.</summary>
    public required bool Late { get; init; }

    /// <summary>Sent with a reporting error that validation rejects (see <see cref="ErrorRule"/>).</summary>
    public required bool Erroneous { get; init; }

    /// <summary>Expected and never sent.</summary>
    public required bool Missing { get; init; }

    /// <summary>The validation rule code the planted error triggers (e.g. <c>cross.fte_le_headcount</c>); null when not erroneous.</summary>
    public string? ErrorRule { get; init; }

    /// <summary>
    /// How the workshop writes its files: <c>semicolon_utf8_bom</c> (like the template), <c>semicolon_utf8_bom_template</c>
    /// (the template's comment lines kept), <c>comma_utf8</c> ('.' decimals), <c>semicolon_windows1252</c>
    /// (Excel on French Windows: CRLF, thousands grouped with no-break spaces); null when not sent.
    /// </summary>
    public string? Layout { get; init; }

    /// <summary>The file's relative path; null when not sent.</summary>
    public string? Path { get; init; }
}

/// <summary>An event recorded by the ministry (a row of registry/outcomes.csv).</summary>
/// <param name="WorkshopId">The workshop.</param>
/// <param name="Quarter">The quarter of the event.</param>
/// <param name="Event"><c>closed</c>, <c>distress</c> or <c>recovered</c>.</param>
/// <param name="Note">A short French note.</param>
public sealed record SimulatedOutcome(string WorkshopId, Quarter Quarter, string Event, string Note);

/// <summary>
/// Whether a workshop was truly in distress at a quarter (a row of truth/distress.csv), by DOMAIN.md's definition
/// applied to the latent values, with the true figures behind it.
/// </summary>
public sealed record SimulatedDistress
{
    /// <summary>The workshop.</summary>
    public required string WorkshopId { get; init; }

    /// <summary>The quarter.</summary>
    public required Quarter Quarter { get; init; }

    /// <summary>True when at least one reason holds.</summary>
    public bool InDistress => Reasons.Count > 0;

    /// <summary>
    /// The reasons, in this order: <c>closed</c>, <c>low_cash</c> (cash at the end of the quarter under one month of
    /// operating expenses, i.e. a third of the quarter's), <c>revenue_drop</c> (own revenue 30% or more below the same
    /// quarter a year before), <c>missed_returns</c> (this quarter's and the previous quarter's returns both expected and
    /// never sent), <c>ministry_recorded</c> (from a recorded distress event to the end of that spell).
    /// </summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>True own revenue of the quarter (€).</summary>
    public required decimal OwnRevenue { get; init; }

    /// <summary>True operating expenses of the quarter (€).</summary>
    public required decimal OperatingExpenses { get; init; }

    /// <summary>True cash at the end of the quarter (€).</summary>
    public required decimal CashEnd { get; init; }

    /// <summary>True salaried headcount at the end of the quarter.</summary>
    public required int StaffHeadcount { get; init; }
}

/// <summary>The true effect in one group-time cell of the panel: units first treated at <paramref name="Group"/>, observed at <paramref name="Quarter"/>.</summary>
/// <param name="Group">The labelling quarter of the group.</param>
/// <param name="Quarter">The calendar quarter (at or after the group's).</param>
/// <param name="Units">Units in the group (the weight of the cell in the simple aggregation).</param>
/// <param name="Effect">ATT(g,t), the true effect there.</param>
public sealed record GroupTimeEffect(Quarter Group, Quarter Quarter, int Units, decimal Effect);

/// <summary>The true effect at one event time of the event-study curve.</summary>
/// <param name="EventTime">Quarters since the labelling quarter (negative before).</param>
/// <param name="Effect">The true effect there (0 before labelling).</param>
public sealed record EventTimeEffect(int EventTime, decimal Effect);

/// <summary>The true effect of labelling on one outcome column of evaluation/panel.csv.</summary>
public sealed record SimulatedEffect
{
    /// <summary>The outcome column, e.g. <c>salaried_headcount</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The long-run effect, reached after <see cref="SimulationOptions.EffectRampQuarters"/> quarters.</summary>
    public required decimal LongRun { get; init; }

    /// <summary>
    /// The overall ATT, Callaway and Sant'Anna's simple aggregation: the average of ATT(g,t) over every post-treatment
    /// cell (g ≤ t ≤ last quarter) weighted by the group's size, i.e. the average effect over treated post-treatment
    /// unit-quarters of a balanced panel. Rounded to 6 decimals.
    /// </summary>
    public required decimal AttSimple { get; init; }

    /// <summary>
    /// The same average computed on the panel as written: observed value minus the unit's untreated value (both rounded
    /// as written), over the treated post-treatment rows present. Differs from <see cref="AttSimple"/> by rounding and the few missing rows.
    /// </summary>
    public required decimal AttSample { get; init; }

    /// <summary>The event-study curve: the true effect at each event time e = t − g observable in the panel (0 before labelling).</summary>
    public required IReadOnlyList<EventTimeEffect> EventTime { get; init; }

    /// <summary>ATT(g,t) for every post-treatment cell.</summary>
    public required IReadOnlyList<GroupTimeEffect> GroupTime { get; init; }
}

/// <summary>
/// Everything <see cref="CohortSimulator.Simulate"/> generates: the files of an input folder (registry, returns,
/// evaluation panel) and the truth to test the pipeline against (truth/*), both as bytes and as records.
/// </summary>
public sealed class SimulatedCohort
{
    /// <summary>The registry file.</summary>
    public const string RegistryPath = "registry/workshops.csv";

    /// <summary>The ministry's recorded outcomes.</summary>
    public const string OutcomesPath = "registry/outcomes.csv";

    /// <summary>
    /// The mark of a simulated cohort: its presence makes the dashboard label every page « Données simulées »
    /// (the pipeline's <c>StorageNames.Blobs.Simulation</c>).
    /// </summary>
    public const string SimulationPath = "registry/simulation.json";

    /// <summary>The impact evaluation panel.</summary>
    public const string PanelPath = "evaluation/panel.csv";

    /// <summary>The truth about every return.</summary>
    public const string TruthReturnsPath = "truth/returns.csv";

    /// <summary>The truth about distress.</summary>
    public const string TruthDistressPath = "truth/distress.csv";

    /// <summary>The true treatment effect.</summary>
    public const string TruthEffectPath = "truth/effect.json";

    internal SimulatedCohort(
        SimulationOptions options,
        WorkshopRegistry registry,
        IReadOnlyList<SimulatedFile> files,
        IReadOnlyList<SimulatedSubmission> submissions,
        IReadOnlyList<SimulatedOutcome> outcomes,
        IReadOnlyList<SimulatedDistress> distress,
        IReadOnlyList<SimulatedEffect> effects)
    {
        Options = options;
        Registry = registry;
        Files = files;
        Submissions = submissions;
        Outcomes = outcomes;
        Distress = distress;
        Effects = effects;
    }

    /// <summary>The options used.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The simulated registry (also in <see cref="RegistryPath"/>).</summary>
    public WorkshopRegistry Registry { get; }

    /// <summary>Every file, sorted by path (ordinal): registry/, returns/, evaluation/, truth/.</summary>
    public IReadOnlyList<SimulatedFile> Files { get; }

    /// <summary>The truth about returns, sorted by workshop then quarter (also in <see cref="TruthReturnsPath"/>).</summary>
    public IReadOnlyList<SimulatedSubmission> Submissions { get; }

    /// <summary>The recorded outcomes, sorted by workshop then quarter (also in <see cref="OutcomesPath"/>).</summary>
    public IReadOnlyList<SimulatedOutcome> Outcomes { get; }

    /// <summary>The truth about distress, sorted by workshop then quarter (also in <see cref="TruthDistressPath"/>).</summary>
    public IReadOnlyList<SimulatedDistress> Distress { get; }

    /// <summary>The true effects, one per outcome column of the panel (also in <see cref="TruthEffectPath"/>).</summary>
    public IReadOnlyList<SimulatedEffect> Effects { get; }

    /// <summary>Return files written.</summary>
    public int ReturnsWritten => Submissions.Count(s => s.Submitted);

    /// <summary>Expected returns never sent.</summary>
    public int MissingReturns => Submissions.Count(s => s.Missing);

    /// <summary>Returns received after the deadline.</summary>
    public int LateReturns => Submissions.Count(s => s.Late);

    /// <summary>Returns sent with an error that validation rejects.</summary>
    public int ErroneousReturns => Submissions.Count(s => s.Erroneous);

    /// <summary>Workshops that closed.</summary>
    public int Closures => Outcomes.Count(o => o.Event == CohortSimulator.ClosedEvent);
}
