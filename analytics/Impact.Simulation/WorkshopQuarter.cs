using Impact.Analytics;
namespace Impact.Simulation;

/// <summary>
/// The true state of one workshop at the end of one quarter: every figure of its return (schema v1), as it would
/// report it without error, and the latent signals behind the distress truth.
/// </summary>
internal sealed record WorkshopQuarter
{
    public required Quarter Quarter { get; init; }

    /// <summary>Quarters since labelling (0 in the labelling quarter).</summary>
    public required int Age { get; init; }

    /// <summary>The latent health: 0 is a workshop at its usual level, −0.5 one whose activity has halved.</summary>
    public required double Health { get; init; }

    public required string Status { get; init; }
    public required int StaffHeadcount { get; init; }
    public required decimal StaffFte { get; init; }
    public required int JobsCreated { get; init; }
    public required int JobsLost { get; init; }
    public required int HostedEnterprises { get; init; }
    public required int HostedEnterpriseJobs { get; init; }
    public required int EnterprisesCreated { get; init; }
    public required int Trainees { get; init; }
    public required decimal TrainingHours { get; init; }
    public required int Apprentices { get; init; }
    public required int HeritageSkillSessions { get; init; }
    public required int SchoolVisits { get; init; }
    public required int Events { get; init; }
    public required int Visitors { get; init; }
    public required decimal MachineHoursBooked { get; init; }
    public required decimal MachineHoursAvailable { get; init; }
    public required decimal WorkspaceM2Total { get; init; }
    public required decimal WorkspaceM2Occupied { get; init; }
    public required int PrototypesShortRuns { get; init; }
    public required int B2bContracts { get; init; }
    public required int PublicServiceContracts { get; init; }

    /// <summary>Own revenue by source, in the order of <see cref="Analytics.Returns.ReturnSchema.OwnRevenueFields"/>.</summary>
    public required IReadOnlyList<decimal> Revenues { get; init; }

    public required decimal OperatingSubsidies { get; init; }
    public required decimal InvestmentGrantReceived { get; init; }
    public required decimal OperatingExpenses { get; init; }
    public required decimal CashEnd { get; init; }
    public required string PremisesStatus { get; init; }
    public required DateOnly? LeaseEnd { get; init; }
    public required bool LocalAuthorityPartner { get; init; }
    public required int PartnersCount { get; init; }
    public required string Narrative { get; init; }

    /// <summary>Own revenue: the sum of the seven sources.</summary>
    public decimal OwnRevenue => Revenues.Sum();

    /// <summary>The workshop closed in this quarter (its last).</summary>
    public bool Closed => Status == "closed";

    /// <summary>Cash covers under one month of expenses (a third of the quarter's).</summary>
    public bool LowCash => CashEnd < OperatingExpenses / 3m;

    /// <summary>Own revenue fell 30% or more from the same quarter a year before (set by the simulation, which knows the history).</summary>
    public required bool RevenueDrop { get; init; }

    /// <summary>In financial distress: low cash or a revenue drop.</summary>
    public bool FinancialDistress => LowCash || RevenueDrop;
}
