using Impact.Analytics.Risk;
using Impact.Simulation;

namespace Impact.Analytics.Tests.Risk;

/// <summary>Simulated cohorts and their histories (<see cref="SimulatedHistories.Histories"/>), simulated once per test run.</summary>
internal static class SimulatedCohorts
{
    private static readonly Dictionary<(int Workshops, int Quarters, int Seed, SimulatedWorld World), (SimulatedCohort, IReadOnlyList<WorkshopHistory>)> Cache = [];

    /// <summary>The cohort and its histories, simulated once per test run.</summary>
    public static (SimulatedCohort Cohort, IReadOnlyList<WorkshopHistory> Histories) Of(int workshops, int quarters, int seed, SimulatedWorld world = SimulatedWorld.Default)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue((workshops, quarters, seed, world), out var entry))
            {
                var cohort = CohortSimulator.Simulate(new SimulationOptions { Workshops = workshops, Quarters = quarters, Seed = seed, World = world });
                entry = (cohort, cohort.Histories());
                Cache[(workshops, quarters, seed, world)] = entry;
            }

            return entry;
        }
    }
}
