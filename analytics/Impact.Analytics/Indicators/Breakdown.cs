namespace Impact.Analytics.Indicators;

/// <summary>
/// The dimensions along which ministry staff compare workshops (DOMAIN.md: by wave, territory type, region,
/// time since labelling), as written in the <c>dimension</c> column of aggregates and completeness files.
/// </summary>
public static class Breakdown
{
    /// <summary>Every workshop together; its one group is <see cref="All"/>.</summary>
    public const string National = "national";

    /// <summary>By labelling wave; groups "1", "2", "3"…</summary>
    public const string Wave = "wave";

    /// <summary>By territory type; groups are the registry keys rural, qpv, small_town, urban.</summary>
    public const string TerritoryType = "territory_type";

    /// <summary>By region; groups are the registry's region names.</summary>
    public const string Region = "region";

    /// <summary>By quarters since labelling; groups "0" (the quarter of labelling), "1"…</summary>
    public const string QuartersSinceLabelling = "quarters_since_labelling";

    /// <summary>By support coach; groups are coach identifiers.</summary>
    public const string Coach = "coach_id";

    /// <summary>The group of <see cref="National"/>, and the <c>quarter</c> cell of a row over all calendar quarters.</summary>
    public const string All = "all";
}

/// <summary>Orders groups: numeric groups (waves, ages) by number, so that "10" follows "9"; text groups ordinally.</summary>
internal sealed class BreakdownGroupComparer : IComparer<(string Text, int? Number)>
{
    public static BreakdownGroupComparer Instance { get; } = new();

    public int Compare((string Text, int? Number) x, (string Text, int? Number) y) =>
        x.Number is { } a && y.Number is { } b ? a.CompareTo(b) : string.CompareOrdinal(x.Text, y.Text);
}
