namespace Impact.Simulation;

/// <summary>
/// The dynamics of distress a simulated cohort follows. The pipeline must not depend on any one of them: the risk model is
/// measured on each (docs/risk-model.md, "Worlds").
/// </summary>
public enum SimulatedWorld
{
    /// <summary>
    /// Cash drained by deficits as subsidies taper during support, revenue shocks, slow declines, investment aid spent on
    /// machines; about one row in six has distress within a year.
    /// </summary>
    Default,

    /// <summary>
    /// Distress comes mostly from cash burning down: thin opening cash, subsidies that taper to a quarter of their first
    /// level, rising fixed costs; own revenue is steady (few shocks, no declines), a strong summer dip, little noise.
    /// </summary>
    CashBurn,

    /// <summary>
    /// Distress comes mostly from falling own revenue and missed returns: a third of the workshops enter a decline,
    /// declining workshops stop reporting, subsidies do not taper and cash buffers are deep; a winter dip, noisy figures.
    /// </summary>
    RevenueDecline,

    /// <summary>A healthy cohort: rare shocks, no declines, steady subsidies; distress within a year for a few percent of rows.</summary>
    Calm,
}

/// <summary>The parameters of one <see cref="SimulatedWorld"/>, read by the workshop's life and its reporting.</summary>
internal sealed record WorldProfile
{
    /// <summary>Seasonality of activity, Q1 to Q4.</summary>
    public required double[] Season { get; init; }

    /// <summary>Standard deviation of the quarterly noise of each revenue source.</summary>
    public double RevenueNoise { get; init; } = 0.08;

    /// <summary>Standard deviation of the latent health's innovations.</summary>
    public double HealthNoise { get; init; } = 0.08;

    /// <summary>Share of workshops entering a slow decline.</summary>
    public double DeclineChance { get; init; } = 0.1;

    /// <summary>The latent health's mean once declining.</summary>
    public double DeclineMean { get; init; } = -0.6;

    /// <summary>Multiplier of the shock probability (fragile workshops are hit more).</summary>
    public double ShockRate { get; init; } = 1;

    /// <summary>Share of the operating subsidies lost by the end of the support phase.</summary>
    public double Taper { get; init; } = 0.4;

    /// <summary>Share of the first operating subsidies kept once support has ended.</summary>
    public double AfterSupport { get; init; } = 0.55;

    /// <summary>Operating subsidies at labelling, € a quarter, before per-workshop variation.</summary>
    public double SubsidyBase { get; init; } = 36_000;

    /// <summary>Opening cash, € (uniform between the two).</summary>
    public (double Min, double Max) OpeningCash { get; init; } = (25_000, 90_000);

    /// <summary>Fixed costs grow by this share of themselves each quarter.</summary>
    public double FixedCostGrowth { get; init; }

    /// <summary>Share of resources that staff and fixed costs absorb at labelling.</summary>
    public double CostShare { get; init; } = 0.88;

    /// <summary>Chance of missing a return: in financial distress, otherwise, and while health is below −0.3 (a declining workshop).</summary>
    public (double InDistress, double Healthy, double Declining) Missing { get; init; } = (0.2, 0.025, 0.025);

    public static WorldProfile Of(SimulatedWorld world) => world switch
    {
        SimulatedWorld.Default => new() { Season = [1.0, 1.03, 0.86, 1.08] },
        SimulatedWorld.CashBurn => new()
        {
            Season = [1.0, 1.05, 0.7, 1.1],
            RevenueNoise = 0.04,
            HealthNoise = 0.05,
            DeclineChance = 0,
            ShockRate = 0.3,
            Taper = 0.6,
            AfterSupport = 0.35,
            SubsidyBase = 40_000,
            OpeningCash = (30_000, 90_000),
            FixedCostGrowth = 0.006,
            CostShare = 0.86,
            Missing = (0.1, 0.02, 0.02),
        },
        SimulatedWorld.RevenueDecline => new()
        {
            Season = [0.85, 1.05, 1.0, 1.1],
            RevenueNoise = 0.14,
            HealthNoise = 0.1,
            DeclineChance = 0.33,
            DeclineMean = -0.5,
            ShockRate = 1.5,
            Taper = 0,
            AfterSupport = 1,
            OpeningCash = (90_000, 220_000),
            CostShare = 0.8,
            Missing = (0.3, 0.02, 0.45),
        },
        SimulatedWorld.Calm => new()
        {
            Season = [1.0, 1.02, 0.95, 1.03],
            RevenueNoise = 0.06,
            HealthNoise = 0.05,
            DeclineChance = 0,
            ShockRate = 0.35,
            Taper = 0.1,
            AfterSupport = 0.85,
            OpeningCash = (60_000, 150_000),
            CostShare = 0.82,
            Missing = (0.2, 0.01, 0.01),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(world), world, "Unknown world."),
    };
}
