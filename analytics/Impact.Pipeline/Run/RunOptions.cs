using System.ComponentModel.DataAnnotations;

namespace Impact.Pipeline.Run;

/// <summary>
/// Settings of the quarterly run itself, bound at start from the "QuarterlyRun" section. The reporting obligations it
/// judges returns by (deadline, follow-up) are <see cref="Analytics.Settings.ReportingOptions"/>, shared with ingestion
/// and training.
/// </summary>
public sealed record RunOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "QuarterlyRun";

    /// <summary>Workshops ingested at once (each workshop's returns go in quarter order).</summary>
    [Range(1, 64, ErrorMessage = "attendu un nombre de manufactures traitées à la fois de {1} à {2}")]
    public int Parallelism { get; init; } = 4;

    /// <summary>Whether the run publishes the dashboard (the static site in the $web container).</summary>
    public bool PublishSite { get; init; } = true;

    /// <summary>
    /// The address the public site gives for accessibility and personal data requests (the accessibility statement, the
    /// « Données personnelles » page); null until the ministry sets it (in Azure, the Bicep's <c>publicContactEmail</c>).
    /// </summary>
    [EmailAddress(ErrorMessage = "attendu une adresse électronique")]
    public string? ContactEmail { get; init; }

    /// <summary>How long validation reports and kept registry versions are kept, as the pages state it (the lifecycle rule and the folder sweep enforce it).</summary>
    public int ReportRetentionDays { get; init; } = Analytics.Settings.RetentionOptions.Default.ReportDays;
}
