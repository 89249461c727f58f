using Impact.Analytics.Validation;

namespace Impact.Pipeline.Run;

/// <summary>Settings of the quarterly run, bound at start from the "QuarterlyRun" section.</summary>
public sealed record RunOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "QuarterlyRun";

    /// <summary>Days after a quarter's end within which a return counts as on time (issue 3: 30 by default).</summary>
    public int DeadlineDays { get; init; } = 30;

    /// <summary>Quarters of follow-up after support during which returns are expected (DOMAIN.md: four).</summary>
    public int FollowUpQuarters { get; init; } = ValidationContext.DefaultFollowUpQuarters;

    /// <summary>Workshops ingested at once (each workshop's returns go in quarter order).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Whether the run publishes the dashboard (the static site in the $web container).</summary>
    public bool PublishSite { get; init; } = true;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public RunOptions Validated()
    {
        if (DeadlineDays is < 0 or > 365)
        {
            throw new InvalidOperationException($"Setting {Section}:{nameof(DeadlineDays)} must lie between 0 and 365 (was {DeadlineDays}).");
        }

        if (FollowUpQuarters is < 0 or > 40)
        {
            throw new InvalidOperationException($"Setting {Section}:{nameof(FollowUpQuarters)} must lie between 0 and 40 (was {FollowUpQuarters}).");
        }

        if (Parallelism is < 1 or > 64)
        {
            throw new InvalidOperationException($"Setting {Section}:{nameof(Parallelism)} must lie between 1 and 64 (was {Parallelism}).");
        }

        return this;
    }
}
