using System.Globalization;
using System.Text;
using Impact.Analytics.Indicators;
using Impact.Analytics.Registry;
using Impact.Analytics.Dashboard.Pages;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The site's input, checked, cut at the as-of quarter and indexed for the pages and charts: quarters to show,
/// each workshop's indicator sets, aggregate lookups, the latest risk score of each workshop, page slugs.
/// </summary>
internal sealed class SiteData
{
    private readonly Dictionary<(string Dimension, string Group, Quarter Quarter, string Indicator), AggregateRow> _aggregates;
    private readonly Dictionary<string, IReadOnlyList<IndicatorSet>> _byWorkshop;
    private readonly Dictionary<(string WorkshopId, Quarter Quarter), SiteReturnExtract> _returns;
    private readonly HashSet<(string Dimension, string Group, Quarter Quarter, string Indicator)> _secretAggregates;
    private readonly Dictionary<string, string> _regionSlugs;

    public SiteData(SiteInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Registry);
        ArgumentNullException.ThrowIfNull(input.Indicators);
        ArgumentNullException.ThrowIfNull(input.Aggregates);
        ArgumentNullException.ThrowIfNull(input.Completeness);
        Input = input;
        AsOf = input.AsOf;
        IsPublic = input.Audience == SiteAudience.Public;
        Workshops = [.. input.Registry.Workshops.OrderBy(w => w.WorkshopId, StringComparer.Ordinal)];
        var first = Workshops.Count == 0 ? AsOf : Quarter.FromIndex(Math.Min(AsOf.Index, Workshops.Min(w => w.LabelledQuarter.Index)));
        Quarters = [.. Enumerable.Range(first.Index, AsOf.Index - first.Index + 1).Select(Quarter.FromIndex)];
        Indicators = [.. input.Indicators.Where(s => s.Quarter <= AsOf)];
        _byWorkshop = Indicators.GroupBy(s => s.WorkshopId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<IndicatorSet>)[.. g.OrderBy(s => s.Quarter)], StringComparer.Ordinal);
        // For anonymous readers, a secret aggregate is simply absent: every page, chart and download then says so.
        PublishedAggregates = [.. input.Aggregates.Where(a => (a.Quarter is null || a.Quarter <= AsOf) && !(IsPublic && StatisticalSecrecy.IsSecret(a)))];
        _aggregates = PublishedAggregates
            .Where(a => a.Quarter is not null)
            .ToDictionary(a => (a.Dimension, a.Group, a.Quarter!.Value, a.Indicator));
        _secretAggregates = IsPublic
            ? [.. input.Aggregates.Where(a => a.Quarter is { } q && q <= AsOf && StatisticalSecrecy.IsSecret(a)).Select(a => (a.Dimension, a.Group, a.Quarter!.Value, a.Indicator))]
            : [];
        _returns = IsPublic ? [] : (input.Returns ?? []).Where(r => r.Quarter <= AsOf).ToDictionary(r => (r.WorkshopId, r.Quarter));
        Completeness = [.. input.Completeness.Rows.Where(r => r.Quarter <= AsOf && !(IsPublic && StatisticalSecrecy.IsSecret(r)))];
        Missing = IsPublic ? [] : [.. input.Completeness.Missing.Where(m => m.Quarter <= AsOf)];
        RiskScores = input.RiskScores is null ? null : [.. input.RiskScores.Where(r => r.Quarter <= AsOf)];
        // One workshop's latest level is private: the public site only counts levels (RiskScores, per quarter).
        LatestRisk = IsPublic ? null : RiskScores?.GroupBy(r => r.WorkshopId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Quarter)!, StringComparer.Ordinal);
        WaveLabelledOn = Workshops.GroupBy(w => w.Wave).ToDictionary(g => g.Key, g => g.Min(w => w.LabelledOn));
        Regions = [.. Workshops.Select(w => w.Region).Distinct(StringComparer.Ordinal).Order(FrenchOrder)];
        _regionSlugs = Slugs(Regions, keepCase: false);
    }

    public SiteInput Input { get; }

    /// <summary>Whether the site is for anonymous readers (<see cref="SiteAudience.Public"/>).</summary>
    public bool IsPublic { get; }

    /// <summary>The aggregates the site may show, "all quarters" rows included: all of them signed in, the non-secret ones in public.</summary>
    public IReadOnlyList<AggregateRow> PublishedAggregates { get; }

    public Quarter AsOf { get; }

    /// <summary>Every quarter from the first labelling to the as-of quarter.</summary>
    public IReadOnlyList<Quarter> Quarters { get; }

    /// <summary>The registry's workshops, by identifier (ordinal).</summary>
    public IReadOnlyList<Workshop> Workshops { get; }

    /// <summary>The indicator sets up to the as-of quarter.</summary>
    public IReadOnlyList<IndicatorSet> Indicators { get; }

    public IReadOnlyList<CompletenessRow> Completeness { get; }

    public IReadOnlyList<MissingReturn> Missing { get; }

    /// <summary>The risk scores up to the as-of quarter; null when the risk step has not published any.</summary>
    public IReadOnlyList<SiteRiskScore>? RiskScores { get; }

    /// <summary>Each workshop's latest risk score; null when there are no risk scores.</summary>
    public IReadOnlyDictionary<string, SiteRiskScore>? LatestRisk { get; }

    /// <summary>
    /// Sorts names as a French reader expects without depending on the host's ICU data: accents and case ignored
    /// first (Île-de-France among the I), then ordinal to break ties.
    /// </summary>
    public static IComparer<string> FrenchOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var byLetters = string.CompareOrdinal(Slug(a), Slug(b));
        return byLetters != 0 ? byLetters : string.CompareOrdinal(a, b);
    });

    /// <summary>The region names, in <see cref="FrenchOrder"/>.</summary>
    public IReadOnlyList<string> Regions { get; }

    /// <summary>The first labelling date of each wave.</summary>
    public IReadOnlyDictionary<int, DateOnly> WaveLabelledOn { get; }

    public bool HasReturnExtracts => !IsPublic && Input.Returns is not null;

    public IReadOnlyList<IndicatorSet> IndicatorsOf(string workshopId) => _byWorkshop.GetValueOrDefault(workshopId) ?? [];

    public SiteReturnExtract? ReturnOf(string workshopId, Quarter quarter) => _returns.GetValueOrDefault((workshopId, quarter));

    public AggregateRow? Aggregate(string dimension, string group, Quarter quarter, string indicator) =>
        _aggregates.GetValueOrDefault((dimension, group, quarter, indicator));

    /// <summary>Whether that aggregate exists but is withheld by <see cref="StatisticalSecrecy"/> (public site only).</summary>
    public bool IsSecret(string dimension, string group, Quarter quarter, string indicator) =>
        _secretAggregates.Contains((dimension, group, quarter, indicator));

    /// <summary>Whether a completeness cell exists but is withheld by <see cref="StatisticalSecrecy"/> (public site only).</summary>
    public bool IsCompletenessSecret(string dimension, string group, Quarter quarter) =>
        IsPublic && Input.Completeness.Rows.Any(r => r.Dimension == dimension && r.Group == group && r.Quarter == quarter && StatisticalSecrecy.IsSecret(r));

    public string WaveLabel(int wave) => FrenchLabels.Wave(wave, WaveLabelledOn.TryGetValue(wave, out var date) ? date : null);

    /// <summary>The page of a region, relative to the site root: <c>regions/auvergne-rhone-alpes.html</c>.</summary>
    public string RegionPath(string region) => "regions/" + _regionSlugs[region] + ".html";

    /// <summary>The path of a coach's portfolio, relative to the signed-in root: <c>coaches/C-01</c>.</summary>
    public static string CoachPath(string coachId) => "coaches/" + Uri.EscapeDataString(coachId);

    /// <summary>The signed-in page of a workshop, relative to <c>/app/</c>: <c>workshops/MP-001</c> (rendered on request; never on the public site).</summary>
    public static string WorkshopPath(string workshopId) => "workshops/" + Uri.EscapeDataString(workshopId);

    /// <summary>The frame of the signed-in national pages (the ministry's menu); null on the public site.</summary>
    public PageChrome? Chrome(string root) => IsPublic ? null : SignedInPages.MinistryChrome(root, "ministère");

    /// <summary>A file name made of ASCII letters, digits and hyphens: accents dropped, anything else a hyphen.</summary>
    public static string Slug(string text, bool keepCase = false)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(keepCase ? c : char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "sans-nom" : slug;
    }

    /// <summary>Distinct slugs for distinct names (a numeric suffix when two names give the same slug).</summary>
    private static Dictionary<string, string> Slugs(IReadOnlyList<string> names, bool keepCase)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var slug = Slug(name, keepCase);
            var candidate = slug;
            for (var i = 2; !used.Add(candidate.ToUpperInvariant()); i++)
            {
                candidate = slug + "-" + i.ToString(CultureInfo.InvariantCulture);
            }

            slugs[name] = candidate;
        }

        return slugs;
    }
}
