using Impact.Analytics;
using Impact.Analytics.Statistics;
using System.Globalization;
using Impact.Analytics.Registry;

namespace Impact.Simulation;

/// <summary>
/// A plausible ministry registry: three labelling waves and the territory mix of DOMAIN.md scaled to the number of
/// workshops, real communes, a support phase of about ten quarters (per workshop), grants of about €260k, coaches
/// following about 5 to 15 workshops each.
/// </summary>
internal static class SimulatedRegistry
{
    /// <summary>Workshops per wave in the scheme (DOMAIN.md): 20, 19, 61.</summary>
    public static IReadOnlyList<int> WaveSizes { get; } = [20, 19, 61];

    /// <summary>Workshops per territory type in the scheme (DOMAIN.md): 43 rural, 18 qpv, 39 small towns.</summary>
    public static IReadOnlyList<(TerritoryType Territory, int Count)> TerritoryMix { get; } =
        [(TerritoryType.Rural, 43), (TerritoryType.Qpv, 18), (TerritoryType.SmallTown, 39)];

    private static readonly (string Form, double Weight)[] LegalForms =
        [("association", 45), ("scic", 25), ("sas", 10), ("scop", 8), ("epci", 7), ("commune", 5)];

    private static readonly string[] NamePatterns =
        ["La Manufacture {0}", "La Fabrique {0}", "L'Atelier partagé {0}", "Les Ateliers {0}", "La Manufacture des savoir-faire {0}", "Le Faubourg des makers {0}"];

    /// <summary>
    /// The labelling date of each wave, at the same place in the year as in the scheme (14 December 2021, 15 March 2022,
    /// 12 July 2022) counted from <paramref name="firstQuarter"/>.
    /// </summary>
    public static IReadOnlyList<DateOnly> WaveDates(Quarter firstQuarter)
    {
        var origin = firstQuarter.FirstDay;
        return [origin.AddMonths(2).AddDays(13), origin.AddMonths(5).AddDays(14), origin.AddMonths(9).AddDays(11)];
    }

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (largest remainders; ties to the first).</summary>
    public static int[] Apportion(int total, IReadOnlyList<int> weights)
    {
        var sum = weights.Sum();
        var counts = weights.Select(w => (int)((long)total * w / sum)).ToArray();
        var order = weights
            .Select((w, i) => (Index: i, Remainder: ((long)total * w) % sum))
            .OrderByDescending(x => x.Remainder)
            .ThenBy(x => x.Index)
            .ToList();
        for (var i = 0; counts.Sum() < total; i++)
        {
            counts[order[i % order.Count].Index]++;
        }

        return counts;
    }

    public static WorkshopRegistry Build(SimulationOptions options, SeededRandom r)
    {
        var n = options.Workshops;
        var idWidth = Math.Max(3, n.ToString(CultureInfo.InvariantCulture).Length);
        var waveDates = WaveDates(options.FirstQuarter);
        var waveCounts = Apportion(n, WaveSizes);
        var waves = waveCounts.SelectMany((count, i) => Enumerable.Repeat(i + 1, count)).ToArray();

        var territoryCounts = Apportion(n, [.. TerritoryMix.Select(t => t.Count)]);
        var territories = territoryCounts.SelectMany((count, i) => Enumerable.Repeat(TerritoryMix[i].Territory, count)).ToList();
        r.Shuffle(territories);

        // Coaches: about one per ten workshops, each following between about 5 and 15.
        var coachCount = Math.Max(1, (int)Math.Round(n / 10.0, MidpointRounding.AwayFromZero));
        var coachWidth = Math.Max(2, coachCount.ToString(CultureInfo.InvariantCulture).Length);
        var coachLoads = Apportion(n, [.. Enumerable.Range(0, coachCount).Select(_ => r.Next(50, 151))]);
        var coaches = coachLoads.SelectMany((count, i) => Enumerable.Repeat(i + 1, count)).ToList();
        r.Shuffle(coaches);

        var workshops = new List<Workshop>(n);
        for (var i = 0; i < n; i++)
        {
            var place = r.Pick(SimulatedPlaces.Of(territories[i]));
            var labelledOn = waveDates[waves[i] - 1];
            var coach = "C-" + coaches[i].ToString(CultureInfo.InvariantCulture).PadLeft(coachWidth, '0');
            var id = "MP-" + (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(idWidth, '0');
            workshops.Add(new Workshop
            {
                WorkshopId = id,
                Name = string.Format(CultureInfo.InvariantCulture, r.Pick(NamePatterns), Impact.Analytics.Dashboard.FrenchPhrase.Of(place.Commune)),
                Region = place.Region,
                Department = place.Department,
                CommuneInsee = place.CommuneInsee,
                TerritoryType = territories[i],
                Latitude = Math.Round(place.Latitude + r.Uniform(-0.03, 0.03), 4),
                Longitude = Math.Round(place.Longitude + r.Uniform(-0.03, 0.03), 4),
                Wave = waves[i],
                LabelledOn = labelledOn,
                SupportStart = labelledOn,
                // About 2.5 years (10 quarters), a little shorter or longer for each workshop.
                SupportEnd = labelledOn.AddMonths(30 + r.Next(-3, 4)).AddDays(-1),
                GrantEur = Math.Round((decimal)Math.Clamp(r.Normal(260_000, 55_000), 150_000, 400_000) / 500m, MidpointRounding.AwayFromZero) * 500m,
                CoachId = coach,
                CoachEmail = "coach-" + coach.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() + "@example.org",
                ContactEmail = "contact-" + id.ToLowerInvariant() + "@example.org",
                TargetJobs = r.Next(3, 13),
                TargetOwnRevenueShare = r.Next(7, 15) * 0.05m,
                LegalForm = LegalForms[r.PickWeighted([.. LegalForms.Select(f => f.Weight)])].Form,
            });
        }

        return new WorkshopRegistry(workshops);
    }
}
