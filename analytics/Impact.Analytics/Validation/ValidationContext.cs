using Impact.Analytics.Registry;
using Impact.Analytics.Returns;
using Impact.Analytics.Settings;

namespace Impact.Analytics.Validation;

/// <summary>
/// What validation knows beyond the file: where it was uploaded, the registry, the previous accepted
/// quarter and today's date. Every member is optional; a rule whose input is missing is not applied.
/// </summary>
public sealed record ValidationContext
{
    /// <summary>The upload path: its workshop and quarter must match the file's.</summary>
    public ReturnPath? Path { get; init; }

    /// <summary>The registry: the workshop must exist and the quarter lie in its reporting window.</summary>
    public WorkshopRegistry? Registry { get; init; }

    /// <summary>The accepted return of the previous quarter, for implausible-jump warnings.</summary>
    public QuarterlyReturn? Previous { get; init; }

    /// <summary>The reporting obligations: the window in which a quarter is expected (the setting ingestion and the run share).</summary>
    public ReportingOptions Reporting { get; init; } = ReportingOptions.Default;

    /// <summary>Today (from the caller's clock): a quarter that has not begun is refused.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>No context: the file is checked on its own.</summary>
    public static ValidationContext None { get; } = new();
}
