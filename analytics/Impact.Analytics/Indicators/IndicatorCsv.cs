using Impact.Analytics.Csv;
using Impact.Analytics.Registry;

namespace Impact.Analytics.Indicators;

/// <summary>
/// indicators/indicators.csv: one row per <see cref="IndicatorSet"/>, a header of the <see cref="Columns"/> in
/// their fixed order, ',' delimited, '.' decimals, invariant culture, the shortest exact form of each number
/// (no trailing zeros, no exponent), an empty cell for a null, LF line endings, no BOM (the caller encodes
/// the string as UTF-8). <see cref="Read"/> gives back equal sets.
/// </summary>
public static class IndicatorCsv
{
    private const string FileName = "indicators.csv";

    /// <summary>One column: its key, its cell, and the numeric value behind it (null for text columns).</summary>
    internal sealed record Column(string Key, Func<IndicatorSet, string?> Cell, Func<IndicatorSet, decimal?>? Number = null);

    /// <summary>Every column, in file order: the one place where a key is tied to its value.</summary>
    internal static IReadOnlyList<Column> Table { get; } =
    [
        new("workshop_id", s => s.WorkshopId),
        new("quarter", s => s.Quarter.ToString()),
        new("wave", s => CsvTable.Format(s.Wave)),
        new("region", s => s.Region),
        new("territory_type", s => WorkshopRegistry.FormatTerritory(s.TerritoryType)),
        new("coach_id", s => s.CoachId),
        new("status", s => s.Status),
        new("quarters_since_labelling", s => CsvTable.Format(s.QuartersSinceLabelling)),
        new("support_phase", s => FormatPhase(s.SupportPhase)),
        new("own_revenue", s => CsvTable.Format(s.OwnRevenue), s => s.OwnRevenue),
        new("operating_subsidies", s => CsvTable.Format(s.OperatingSubsidies), s => s.OperatingSubsidies),
        new("own_revenue_share", s => CsvTable.Format(s.OwnRevenueShare), s => s.OwnRevenueShare),
        new("operating_result", s => CsvTable.Format(s.OperatingResult), s => s.OperatingResult),
        new("operating_margin", s => CsvTable.Format(s.OperatingMargin), s => s.OperatingMargin),
        new("cash_end", s => CsvTable.Format(s.CashEnd), s => s.CashEnd),
        new("cash_runway_months", s => CsvTable.Format(s.CashRunwayMonths), s => s.CashRunwayMonths),
        new("machine_utilisation", s => CsvTable.Format(s.MachineUtilisation), s => s.MachineUtilisation),
        new("occupancy_rate", s => CsvTable.Format(s.OccupancyRate), s => s.OccupancyRate),
        new("staff_headcount", s => CsvTable.Format(s.StaffHeadcount), s => s.StaffHeadcount),
        new("hosted_enterprise_jobs", s => CsvTable.Format(s.HostedEnterpriseJobs), s => s.HostedEnterpriseJobs),
        new("total_jobs", s => CsvTable.Format(s.TotalJobs), s => s.TotalJobs),
        new("net_jobs_created", s => CsvTable.Format(s.NetJobsCreated), s => s.NetJobsCreated),
        new("jobs_per_100k_grant", s => CsvTable.Format(s.JobsPer100kGrant), s => s.JobsPer100kGrant),
        new("own_revenue_yoy", s => CsvTable.Format(s.OwnRevenueYoy), s => s.OwnRevenueYoy),
        new("vitality_index", s => CsvTable.Format(s.VitalityIndex), s => s.VitalityIndex),
    ];

    /// <summary>The column keys, in file order (docs/indicators.md).</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. Table.Select(c => c.Key)];

    /// <summary>The CSV text of <paramref name="sets"/>, in the order given (<see cref="IndicatorCalculator"/> sorts them).</summary>
    public static string Write(IEnumerable<IndicatorSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return CsvTable.Write(Columns, sets.Select(s => Table.Select(c => c.Cell(s)).ToList()));
    }

    /// <summary>Reads a file written by <see cref="Write"/> (extra columns are ignored), rows in file order.</summary>
    /// <exception cref="ImpactException">A column is missing or a value is malformed; the message is French.</exception>
    public static IReadOnlyList<IndicatorSet> Read(string csvText)
    {
        var sets = new List<IndicatorSet>();
        foreach (var (line, cells) in CsvTable.Read(csvText, Columns, FileName))
        {
            string Text(string key) => cells[key];
            decimal Number(string key) => CsvTable.ParseDecimal(cells[key], FileName, line, key);
            decimal? Optional(string key) => CsvTable.ParseOptionalDecimal(cells[key], FileName, line, key);
            int Whole(string key) => CsvTable.ParseInt(cells[key], FileName, line, key);
            sets.Add(new IndicatorSet
            {
                WorkshopId = Text("workshop_id"),
                Quarter = Quarter.TryParse(Text("quarter"), out var quarter) ? quarter : throw CsvTable.Invalid(Text("quarter"), FileName, line, "quarter"),
                Wave = Whole("wave"),
                Region = Text("region"),
                TerritoryType = ParseTerritory(Text("territory_type"), line),
                CoachId = Text("coach_id"),
                Status = Text("status"),
                QuartersSinceLabelling = Whole("quarters_since_labelling"),
                SupportPhase = ParsePhase(Text("support_phase"), line),
                OwnRevenue = Number("own_revenue"),
                OperatingSubsidies = Number("operating_subsidies"),
                OwnRevenueShare = Optional("own_revenue_share"),
                OperatingResult = Number("operating_result"),
                OperatingMargin = Optional("operating_margin"),
                CashEnd = Number("cash_end"),
                CashRunwayMonths = Optional("cash_runway_months"),
                MachineUtilisation = Optional("machine_utilisation"),
                OccupancyRate = Optional("occupancy_rate"),
                StaffHeadcount = Whole("staff_headcount"),
                HostedEnterpriseJobs = Whole("hosted_enterprise_jobs"),
                TotalJobs = Whole("total_jobs"),
                NetJobsCreated = Whole("net_jobs_created"),
                JobsPer100kGrant = Optional("jobs_per_100k_grant"),
                OwnRevenueYoy = Optional("own_revenue_yoy"),
                VitalityIndex = Optional("vitality_index"),
            });
        }

        return sets;
    }

    /// <summary>The CSV key of a support phase: <c>in</c> or <c>after</c>.</summary>
    public static string FormatPhase(SupportPhase phase) => phase switch
    {
        SupportPhase.In => "in",
        SupportPhase.After => "after",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown support phase."),
    };

    private static SupportPhase ParsePhase(string raw, int line) =>
        Enum.GetValues<SupportPhase>().Where(p => string.Equals(FormatPhase(p), raw, StringComparison.Ordinal)).Cast<SupportPhase?>().FirstOrDefault()
        ?? throw CsvTable.Invalid(raw, FileName, line, "support_phase");

    private static TerritoryType ParseTerritory(string raw, int line) =>
        Enum.GetValues<TerritoryType>().Where(t => string.Equals(WorkshopRegistry.FormatTerritory(t), raw, StringComparison.Ordinal)).Cast<TerritoryType?>().FirstOrDefault()
        ?? throw CsvTable.Invalid(raw, FileName, line, "territory_type");
}
