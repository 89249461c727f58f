using System.Text.Json.Serialization;

namespace Impact.Analytics.Registry;

/// <summary>Territory types of the registry (DOMAIN.md).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TerritoryType>))]
public enum TerritoryType
{
    /// <summary>Rural area.</summary>
    Rural,

    /// <summary>In or next to a priority urban district (QPV).</summary>
    Qpv,

    /// <summary>Small town.</summary>
    SmallTown,

    /// <summary>Urban area outside a QPV.</summary>
    Urban,
}

/// <summary>
/// One workshop of the ministry's registry (registry/workshops.csv). The support phase length is
/// data (<see cref="SupportStart"/> to <see cref="SupportEnd"/>), never a constant.
/// </summary>
public sealed record Workshop
{
#pragma warning disable CS1591 // Columns of registry/workshops.csv, documented in DOMAIN.md.
    public required string WorkshopId { get; init; }
    public required string Name { get; init; }
    public required string Region { get; init; }
    public required string Department { get; init; }
    public required string CommuneInsee { get; init; }
    public required TerritoryType TerritoryType { get; init; }
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }
    public required int Wave { get; init; }
    public required DateOnly LabelledOn { get; init; }
    public required DateOnly SupportStart { get; init; }
    public required DateOnly SupportEnd { get; init; }
    public required decimal GrantEur { get; init; }
    public required string CoachId { get; init; }
    public required string CoachEmail { get; init; }
    public required int TargetJobs { get; init; }
    public required decimal TargetOwnRevenueShare { get; init; }
    public required string LegalForm { get; init; }
#pragma warning restore CS1591

    /// <summary>
    /// The workshop's contact address (<c>contact_email</c>, optional): where its validation reports and reminders go;
    /// null when the registry gives none (the workshop then gets no e-mail, and its page still shows everything).
    /// </summary>
    public string? ContactEmail { get; init; }

    /// <summary>The quarter of labelling: quarter 0 of the workshop's life in the scheme.</summary>
    public Quarter LabelledQuarter => Quarter.FromDate(LabelledOn);

    /// <summary>
    /// The reporting window (DOMAIN.md): from the quarter of labelling through the quarter in which
    /// support ends plus <paramref name="followUpQuarters"/> quarters of follow-up.
    /// </summary>
    public (Quarter First, Quarter Last) ReportingWindow(int followUpQuarters)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(followUpQuarters);
        return (LabelledQuarter, Quarter.FromDate(SupportEnd).AddQuarters(followUpQuarters));
    }

    /// <summary>Whether <paramref name="quarter"/> lies in the reporting window.</summary>
    public bool Expects(Quarter quarter, int followUpQuarters)
    {
        var (first, last) = ReportingWindow(followUpQuarters);
        return quarter >= first && quarter <= last;
    }
}
