using Impact.Analytics;
using Impact.Analytics.Settings;

namespace Impact.Simulation;

/// <summary>
/// What <see cref="CohortSimulator"/> generates: how many workshops, over which quarters, from which seed,
/// and the true treatment effect planted in the evaluation panel. Immutable; defaults follow DOMAIN.md.
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Largest number of workshops accepted (the scheme has about 100; benchmarks use a few thousand).</summary>
    public const int MaxWorkshops = 10_000;

    /// <summary>Largest number of simulated quarters accepted (ten years).</summary>
    public const int MaxQuarters = 40;

    /// <summary>Number of workshops in the registry (default 100, as in the scheme).</summary>
    public int Workshops { get; init; } = 100;

    /// <summary>Number of simulated quarters from <see cref="FirstQuarter"/> (default 12: 2021-Q4 to 2024-Q3).</summary>
    public int Quarters { get; init; } = 12;

    /// <summary>The seed: the same options give byte-identical files.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// The first simulated quarter, that of the first labelling wave (default 2021-Q4). The three waves fall in
    /// this quarter and one and three quarters later (DOMAIN.md: December 2021, March 2022, July 2022).
    /// </summary>
    public Quarter FirstQuarter { get; init; } = new(2021, 4);

    /// <summary>
    /// The reporting obligations the simulated workshops meet or miss (the deadline their receipt times are drawn
    /// around, the window in which they report): the same record the pipeline reads.
    /// </summary>
    public ReportingOptions Reporting { get; init; } = ReportingOptions.Default;

    /// <summary>The dynamics of distress (default <see cref="SimulatedWorld.Default"/>): where distress comes from, seasonality, noise, base rate.</summary>
    public SimulatedWorld World { get; init; } = SimulatedWorld.Default;

    /// <summary>Applicants not selected per laureate in the evaluation panel (default 1.0): the never-treated comparison units.</summary>
    public double ApplicantsPerLaureate { get; init; } = 1.0;

    /// <summary>Quarters of the evaluation panel before <see cref="FirstQuarter"/> (default 8).</summary>
    public int PanelQuartersBefore { get; init; } = 8;

    /// <summary>
    /// The true long-run effect of labelling on salaried headcount in the panel (default +1.5 jobs), reached after
    /// <see cref="EffectRampQuarters"/> quarters (see <see cref="EffectAt"/>).
    /// </summary>
    public decimal TrueEffectJobs { get; init; } = 1.5m;

    /// <summary>The true long-run effect of labelling on quarterly own revenue in the panel (default +€6,000), same shape.</summary>
    public decimal TrueEffectOwnRevenue { get; init; } = 6000m;

    /// <summary>Quarters over which the effect grows linearly to its long-run value (default 4).</summary>
    public int EffectRampQuarters { get; init; } = 4;

    /// <summary>The last simulated quarter.</summary>
    public Quarter LastQuarter => FirstQuarter.AddQuarters(Quarters - 1);

    /// <summary>
    /// The share of the long-run effect reached at event time <paramref name="eventTime"/> (quarters since the
    /// labelling quarter): 0 before labelling, then min(1, (e + 1) / <see cref="EffectRampQuarters"/>);
    /// with the default ramp, 0.25, 0.5, 0.75, then 1 from the fourth quarter on.
    /// </summary>
    public decimal EffectShareAt(int eventTime) =>
        eventTime < 0 ? 0m : Math.Min(1m, (eventTime + 1m) / EffectRampQuarters);

    /// <summary>The true effect at <paramref name="eventTime"/> for a long-run effect of <paramref name="longRun"/>.</summary>
    public decimal EffectAt(int eventTime, decimal longRun) =>
        Math.Round(longRun * EffectShareAt(eventTime), 12, MidpointRounding.AwayFromZero) / 1.0000000000000000000000000000m; // one representation: 0, not 0.0

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message says which range.</exception>
    public void Check()
    {
        Range(Workshops, 1, MaxWorkshops, nameof(Workshops));
        Range(Quarters, 1, MaxQuarters, nameof(Quarters));
        Range(Reporting.FollowUpQuarters, 0, 40, nameof(ReportingOptions.FollowUpQuarters));
        Range(Reporting.DeadlineDays, 1, 365, nameof(ReportingOptions.DeadlineDays));
        Range(PanelQuartersBefore, 1, 40, nameof(PanelQuartersBefore));
        Range(EffectRampQuarters, 1, 40, nameof(EffectRampQuarters));
        if (!Enum.IsDefined(World))
        {
            throw new ArgumentOutOfRangeException(nameof(World), World, "Expected a defined world.");
        }
        if (!(ApplicantsPerLaureate is >= 0 and <= 20))
        {
            throw new ArgumentOutOfRangeException(nameof(ApplicantsPerLaureate), ApplicantsPerLaureate, "Expected 0 to 20 applicants per laureate.");
        }

        if (FirstQuarter.Year < Quarter.MinYear + 11 || FirstQuarter.AddQuarters(MaxQuarters + 4).Year > Quarter.MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstQuarter), FirstQuarter, "Expected a first quarter that leaves room for the panel before it and the simulation after it.");
        }
    }

    private static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Expected {min} to {max}.");
        }
    }
}
