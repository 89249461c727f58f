using Impact.Analytics;
using Impact.Analytics.Statistics;
using Impact.Analytics.Registry;

namespace Impact.Simulation;

/// <summary>
/// The true quarterly life of one workshop from its labelling quarter to the last simulated quarter or its closure.
/// <para>
/// A latent health h follows an AR(1) process around a mean of 0 (h = μ + 0.8 (h₋₁ − μ) + N(0, 0.08)), with rare
/// negative shocks (a lost client, water damage; likelier for fragile workshops) and, for about one workshop in eight,
/// a slow decline (μ falls to −0.6 from a random quarter). Activity scales with 1 + h and with a ramp-up over the first
/// six quarters (60% to 100%).
/// </para>
/// <para>
/// Calibration (DOMAIN.md, sector figures): own revenue about €30k a quarter at maturity and operating subsidies about
/// €34k at labelling, tapering to 55% at the end of the support phase, so that resources are about €63k a quarter
/// (€252k a year) and own revenue about half of them; about 7 salaried jobs (staff follows smoothed resources with a lag,
/// which makes deficits when activity falls and surpluses when it grows); about 14 hosted structures. Cash moves with the
/// quarter's result, the investment grant (paid in three tranches) and the machines it buys. A workshop whose cash stays
/// negative may close; its last quarter is a closing one.
/// </para>
/// </summary>
internal static class WorkshopLife
{
    /// <summary>
    /// Premises statuses at labelling and their shares (DOMAIN.md: 23% own their premises, 23% occupy them free of charge,
    /// the rest rent them or hold an occupancy agreement), apportioned exactly over the cohort.
    /// </summary>
    public static IReadOnlyList<(string Status, int Weight)> Premises { get; } =
        [("owned", 23), ("local_authority_provided", 23), ("leased", 29), ("temporary_agreement", 25)];

    /// <summary>Typical split of own revenue over the seven sources of the schema, before per-workshop variation.</summary>
    private static readonly double[] SourceShares = [0.25, 0.14, 0.12, 0.30, 0.06, 0.09, 0.04];

    public static List<WorkshopQuarter> Simulate(Workshop workshop, string premisesAtLabelling, SimulationOptions options, SeededRandom r)
    {
        var first = workshop.LabelledQuarter;
        var count = options.LastQuarter.QuartersSince(first) + 1;
        var quarters = new List<WorkshopQuarter>(Math.Max(0, count));
        if (count <= 0)
        {
            return quarters;
        }

        var supportQuarters = Math.Max(1, Quarter.FromDate(workshop.SupportEnd).QuartersSince(first));
        var world = WorldProfile.Of(options.World);

        // Traits of the workshop, drawn once.
        var scale = 34_000 * Math.Clamp(1 + r.Normal(0, 0.3), 0.4, 2.2);
        var subsidyBase = world.SubsidyBase * Math.Clamp(1 + r.Normal(0, 0.25), 0.4, 2.0);
        var shares = SourceShares.Select(s => s * r.Uniform(0.5, 1.5)).ToArray();
        if (r.Chance(0.2))
        {
            shares[4] = 0; // no sales to public bodies
        }

        if (r.Chance(0.1))
        {
            shares[5] = 0; // no events or catering
        }

        var shareSum = shares.Sum();
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] /= shareSum;
        }

        var staffShare = r.Uniform(0.58, 0.70);
        var costPerFte = r.Uniform(6_000, 7_400);
        var fteRatio = r.Uniform(0.72, 0.95);
        var fixedCosts = (world.CostShare - staffShare) * (scale + (0.75 * subsidyBase)) * r.Uniform(0.9, 1.1);
        var fragility = r.NextDouble();
        var shockProbability = world.ShockRate * (0.005 + (0.04 * fragility * fragility));
        var declineStart = r.Chance(world.DeclineChance) ? r.Next(2, 12) : int.MaxValue;
        var capacity = r.Next(10, 29);
        var hosted = (int)Math.Round(capacity * r.Uniform(0.5, 0.85));
        var jobsPerEnterprise = r.Uniform(1.2, 2.2);
        var m2Total = Math.Round(capacity * r.Uniform(55, 110) / 10) * 10;
        var machines = r.Next(4, 17);
        var hoursPerMachine = r.Uniform(280, 420);
        var trainingBase = r.Uniform(10, 45);
        var heritage = r.Chance(0.4);
        var apprentices = r.Next(0, 4);
        var schoolBase = r.Uniform(0.5, 5);
        var eventsBase = r.Uniform(2, 9);
        var visitorsPerEvent = r.Uniform(40, 140);
        var visitorsBase = r.Uniform(100, 900);
        var publicBase = r.Uniform(0.2, 2);
        var premises = premisesAtLabelling;
        DateOnly? leaseEnd = premises switch
        {
            "leased" => MonthEnd(workshop.LabelledOn.AddMonths(r.Next(24, 97))),
            "temporary_agreement" => MonthEnd(workshop.LabelledOn.AddMonths(r.Next(9, 46))),
            "local_authority_provided" when r.Chance(0.4) => MonthEnd(workshop.LabelledOn.AddMonths(r.Next(24, 73))),
            _ => null,
        };
        var laPartner = premises == "local_authority_provided" || r.Chance(0.65);
        var partners = r.Next(5, 26);
        var cash = r.Uniform(world.OpeningCash.Min, world.OpeningCash.Max);
        var grant = (double)workshop.GrantEur;
        var tranches = new Dictionary<int, double>
        {
            [0] = Math.Round(grant * 0.3),
            [r.Next(2, 4)] = Math.Round(grant * 0.4),
        };
        tranches[r.Next(6, 9)] = grant - tranches.Values.Sum();
        var capex = new double[count + 2];

        var health = r.Normal(0, 0.1);
        var smoothedResources = (scale * 0.6) + subsidyBase;
        var headcount = Math.Max(1, (int)Math.Round(staffShare * smoothedResources / costPerFte / fteRatio * r.Uniform(0.75, 1.0)));
        var fte = headcount * fteRatio;
        var lowCashStreak = 0;
        var previousCashNegative = false;

        for (var age = 0; age < count; age++)
        {
            var quarter = first.AddQuarters(age);
            var what = age == 0 ? QuarterHappenings.FirstQuarter : QuarterHappenings.None;

            // Closure is decided on the state at the end of the previous quarter.
            var closureProbability = age == 0 ? 0
                : lowCashStreak >= 2 && previousCashNegative ? 0.25
                : lowCashStreak >= 3 ? 0.1
                : 0.001;
            if (health < -0.8)
            {
                closureProbability = Math.Max(closureProbability, 0.1);
            }

            var closing = r.Chance(closureProbability);
            if (closing)
            {
                what |= QuarterHappenings.Closing;
            }

            var mean = age >= declineStart ? world.DeclineMean : 0;
            health = mean + (0.8 * (health - mean)) + r.Normal(0, world.HealthNoise);
            if (r.Chance(shockProbability))
            {
                health -= r.Uniform(0.3, 0.8);
                what |= QuarterHappenings.Shock;
            }

            if (leaseEnd is { } end && end <= quarter.LastDay && premises != "owned")
            {
                if (r.Chance(0.85))
                {
                    leaseEnd = end.AddYears(3);
                    what |= QuarterHappenings.LeaseRenewed;
                }
                else
                {
                    premises = "temporary_agreement";
                    leaseEnd = MonthEnd(quarter.LastDay.AddMonths(12));
                    health -= 0.3;
                    what |= QuarterHappenings.PremisesLost;
                }
            }

            var activity = Math.Clamp(1 + health, 0.1, 2.0);
            var ramp = 0.6 + (0.4 * Math.Min(1.0, age / 6.0));
            var season = world.Season[quarter.Number - 1];
            var closingFactor = closing ? 0.5 : 1.0;
            if (quarter.Number == 3)
            {
                what |= QuarterHappenings.Summer;
            }

            var revenues = new decimal[shares.Length];
            for (var s = 0; s < shares.Length; s++)
            {
                var sourceSeason = s switch
                {
                    2 => quarter.Number == 3 ? 0.6 : 1.1, // training pauses in summer
                    5 => quarter.Number is 2 or 4 ? 1.25 : 0.85, // events in June and December
                    _ => season,
                };
                var amount = scale * shares[s] * activity * ramp * sourceSeason * closingFactor * Math.Max(0.2, 1 + r.Normal(0, world.RevenueNoise));
                revenues[s] = s == 3 && r.Chance(0.3) ? Euros(amount, 2) : Euros(amount, 0);
            }

            var own = (double)revenues.Sum();
            var phase = age / (double)supportQuarters;
            var taper = phase < 1 ? 1 - (world.Taper * phase) : world.AfterSupport;
            var subsidies = subsidyBase * taper * (laPartner ? 1.08 : 0.92) * Math.Max(0.5, 1 + r.Normal(0, 0.1)) * closingFactor;
            if (lowCashStreak > 0 && laPartner && !closing && r.Chance(0.35))
            {
                subsidies += r.Uniform(8_000, 25_000);
                what |= QuarterHappenings.Rescued;
            }

            subsidies = (double)Euros(subsidies, 0);
            var resources = own + subsidies;
            smoothedResources = (0.6 * smoothedResources) + (0.4 * resources);

            var created = 0;
            var lost = 0;
            var previousFte = fte;
            if (closing)
            {
                lost = headcount;
            }
            else
            {
                var target = Math.Max(1, (int)Math.Round(staffShare * smoothedResources / costPerFte / fteRatio));
                var gap = target - headcount;
                if (gap >= 1 && r.Chance(0.5))
                {
                    created = Math.Min(gap, 2);
                    what |= QuarterHappenings.Hired;
                }
                else if (gap <= -1 && r.Chance(lowCashStreak > 0 ? 0.8 : 0.35))
                {
                    lost = Math.Min(-gap, 2);
                    what |= QuarterHappenings.LaidOff;
                }

                if (headcount > 2 && r.Chance(0.08))
                {
                    created++;
                    lost++;
                }
            }

            headcount = Math.Max(0, headcount + created - lost);
            fte = headcount == 0 ? 0 : Math.Clamp(Math.Round(headcount * fteRatio * (1 + r.Normal(0, 0.03)), 1), Math.Min(0.5, headcount), headcount);

            var staffCost = (closing ? previousFte * 0.6 : fte) * costPerFte * (1 + r.Normal(0, 0.03));
            var expenses = staffCost + (fixedCosts * Math.Pow(1 + world.FixedCostGrowth, age) * closingFactor * (1 + r.Normal(0, 0.05))) + (0.25 * own);
            var expensesEuros = Euros(expenses, r.Chance(0.2) ? 2 : 0);

            var grantReceived = !closing && tranches.TryGetValue(age, out var tranche) ? tranche : 0;
            if (grantReceived > 0)
            {
                // The grant buys machines over two quarters, with a little self-financing on top.
                capex[age] += grantReceived * 0.55;
                capex[age + 1] += grantReceived * 0.5;
            }

            cash += own + subsidies - (double)expensesEuros + grantReceived - capex[age];
            var cashEuros = Euros(cash, 2);

            var departures = closing ? hosted : r.Binomial(hosted, activity < 0.6 ? 0.12 : 0.04);
            var arrivals = closing ? 0 : Math.Min(capacity - (hosted - departures), r.Count(0.9 * activity * ramp));
            hosted = hosted - departures + arrivals;
            if (arrivals > 0)
            {
                what |= QuarterHappenings.NewEnterprises;
            }

            var hostedJobs = hosted == 0 ? 0 : Math.Max(hosted, (int)Math.Round(hosted * jobsPerEnterprise * (1 + r.Normal(0, 0.05))));
            var occupied = closing ? 0 : Math.Min(m2Total, Math.Round(m2Total * (0.2 + (0.78 * hosted / capacity)) * (1 + r.Normal(0, 0.02))));
            var available = Math.Round(machines * hoursPerMachine * (quarter.Number == 3 ? 0.85 : 1) * closingFactor);
            var booked = Math.Round(available * Math.Clamp(0.15 + (0.4 * activity * ramp) + r.Normal(0, 0.04), 0.02, 0.97));

            var trainees = r.Count(trainingBase * activity * ramp * (quarter.Number == 3 ? 0.6 : 1) * closingFactor);
            var trainingHours = trainees * Math.Round(r.Uniform(6, 18) * 2) / 2;
            if (r.Chance(0.1))
            {
                apprentices = Math.Max(0, apprentices + (r.Chance(0.5) ? 1 : -1));
            }

            var events = r.Count(eventsBase * (quarter.Number switch { 2 or 4 => 1.2, 3 => 0.9, _ => 0.8 }) * closingFactor);
            partners = Math.Max(1, partners + (r.Chance(0.25) ? 1 : 0) - (r.Chance(0.05) ? 1 : 0));
            if (!laPartner && r.Chance(0.04))
            {
                laPartner = true;
            }

            var lowCash = cashEuros < expensesEuros / 3m;
            if (lowCash)
            {
                what |= QuarterHappenings.LowCash;
            }

            var yearBefore = age >= 4 ? quarters[age - 4].OwnRevenue : 0m;
            quarters.Add(new WorkshopQuarter
            {
                Quarter = quarter,
                Age = age,
                Health = health,
                Status = closing ? "closed" : activity < 0.35 && r.Chance(0.5) ? "suspended" : "active",
                StaffHeadcount = headcount,
                StaffFte = (decimal)fte,
                JobsCreated = created,
                JobsLost = lost,
                HostedEnterprises = hosted,
                HostedEnterpriseJobs = hostedJobs,
                EnterprisesCreated = arrivals,
                Trainees = trainees,
                TrainingHours = (decimal)trainingHours,
                Apprentices = closing ? 0 : apprentices,
                HeritageSkillSessions = heritage ? r.Count(5 * activity * closingFactor) : 0,
                SchoolVisits = r.Count(schoolBase * (quarter.Number == 3 ? 0.15 : 1) * closingFactor),
                Events = events,
                Visitors = r.Count(visitorsBase * activity * closingFactor) + (events * (int)Math.Round(visitorsPerEvent * (1 + r.Normal(0, 0.1)))),
                MachineHoursBooked = (decimal)booked,
                MachineHoursAvailable = (decimal)available,
                WorkspaceM2Total = (decimal)m2Total,
                WorkspaceM2Occupied = (decimal)occupied,
                PrototypesShortRuns = r.Count(4 * activity * ramp * closingFactor),
                B2bContracts = r.Count(3 * activity * ramp * closingFactor),
                PublicServiceContracts = r.Count(publicBase * closingFactor),
                Revenues = revenues,
                OperatingSubsidies = (decimal)subsidies,
                InvestmentGrantReceived = (decimal)grantReceived,
                OperatingExpenses = expensesEuros,
                CashEnd = cashEuros,
                PremisesStatus = premises,
                LeaseEnd = premises == "owned" ? null : leaseEnd,
                LocalAuthorityPartner = laPartner,
                PartnersCount = partners,
                Narrative = SimulatedNarratives.Write(what, r),
                RevenueDrop = yearBefore > 0 && revenues.Sum() <= 0.7m * yearBefore,
            });

            if (closing)
            {
                break;
            }

            lowCashStreak = lowCash ? lowCashStreak + 1 : 0;
            previousCashNegative = cashEuros < 0;
        }

        return quarters;
    }

    private static DateOnly MonthEnd(DateOnly date) => new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>An amount in euros, rounded to <paramref name="decimals"/> (0 or 2).</summary>
    private static decimal Euros(double amount, int decimals) => Math.Round((decimal)amount, decimals, MidpointRounding.AwayFromZero);
}
