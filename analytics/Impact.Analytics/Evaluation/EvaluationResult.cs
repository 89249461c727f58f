namespace Impact.Analytics.Evaluation;

/// <summary>
/// ATT(g,t): the average effect of labelling on the units first treated at <see cref="Group"/> (g), at quarter
/// <see cref="Quarter"/> (t), measured against never-treated units from the quarter before labelling (g − 1).
/// Before labelling (t &lt; g) it is a placebo that should sit near zero; at t = g − 1 it is 0 by construction.
/// </summary>
public sealed record GroupTimeAtt
{
    /// <summary>g: the group's first treated quarter.</summary>
    public required Quarter Group { get; init; }

    /// <summary>t: the calendar quarter.</summary>
    public required Quarter Quarter { get; init; }

    /// <summary>e = t − g, quarters since labelling (negative before; −1 is the base quarter).</summary>
    public int EventTime => Quarter.QuartersSince(Group);

    /// <summary>The estimate, in the outcome's unit.</summary>
    public required double Att { get; init; }

    /// <summary>Its bootstrap standard error.</summary>
    public required double Se { get; init; }

    /// <summary>Lower end of the pointwise 95% confidence interval.</summary>
    public required double CiLow { get; init; }

    /// <summary>Upper end of the pointwise 95% confidence interval.</summary>
    public required double CiHigh { get; init; }

    /// <summary>Units of the group observed at both t and g − 1 (those that enter the cell).</summary>
    public required int TreatedUnits { get; init; }

    /// <summary>Never-treated units observed at both t and g − 1.</summary>
    public required int ControlUnits { get; init; }
}

/// <summary>
/// One point of the event-study curve: the effect e quarters after labelling, averaged over the groups observed at
/// e with weights proportional to their size. Leads (e &lt; 0) are placebos that should sit near zero; e = −1 is 0 by
/// construction (every group is compared with its own quarter g − 1).
/// </summary>
public sealed record EventStudyPoint
{
    /// <summary>e: quarters since the labelling quarter (0 is the labelling quarter).</summary>
    public required int EventTime { get; init; }

    /// <summary>The estimate, in the outcome's unit.</summary>
    public required double Estimate { get; init; }

    /// <summary>Its bootstrap standard error.</summary>
    public required double Se { get; init; }

    /// <summary>Lower end of the pointwise 95% confidence interval.</summary>
    public required double CiLow { get; init; }

    /// <summary>Upper end of the pointwise 95% confidence interval.</summary>
    public required double CiHigh { get; init; }

    /// <summary>Lower end of the simultaneous 95% band: the whole curve lies within the band in 95% of samples.</summary>
    public required double BandLow { get; init; }

    /// <summary>Upper end of the simultaneous 95% band.</summary>
    public required double BandHigh { get; init; }

    /// <summary>Groups (labelling quarters) observed at this event time.</summary>
    public required int Groups { get; init; }

    /// <summary>Treated units that enter this point (summed over its groups' cells).</summary>
    public required int TreatedUnits { get; init; }
}

/// <summary>A group of units first treated at the same quarter, and its size (its weight in the aggregations).</summary>
/// <param name="Group">g, the first treated quarter.</param>
/// <param name="Units">Units in the group.</param>
public sealed record TreatmentGroup(Quarter Group, int Units);

/// <summary>The headline figures of an evaluation (evaluation/summary.json).</summary>
public sealed record EvaluationSummary
{
    /// <summary>The outcome column, e.g. <c>salaried_headcount</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>
    /// The overall ATT: the average of the post-treatment ATT(g,t) (t ≥ g) weighted by group size (Callaway and
    /// Sant'Anna's "simple" aggregation), i.e. the average effect over treated unit-quarters after labelling.
    /// </summary>
    public required double OverallAtt { get; init; }

    /// <summary>Its bootstrap standard error.</summary>
    public required double Se { get; init; }

    /// <summary>Lower end of its 95% confidence interval.</summary>
    public required double CiLow { get; init; }

    /// <summary>Upper end of its 95% confidence interval.</summary>
    public required double CiHigh { get; init; }

    /// <summary>
    /// The p-value of the pre-trend test: the hypothesis that every lead e ≤ −2 of the event study is zero, tested
    /// with the bootstrap distribution of the largest lead in standard errors (a sup-t test). Small (under 0.05)
    /// means that treated and comparison units already diverged before labelling. Null when the panel has no lead e ≤ −2.
    /// </summary>
    public required double? PretrendPValue { get; init; }

    /// <summary>Leads e ≤ −2 the pre-trend test covers.</summary>
    public required int PretrendLeads { get; init; }

    /// <summary>Treated units in the groups that enter the estimate.</summary>
    public required int TreatedUnits { get; init; }

    /// <summary>Never-treated units (the comparison group), including units first treated after the panel's last quarter.</summary>
    public required int ControlUnits { get; init; }

    /// <summary>Units left out: treated at or before the panel's first quarter (no quarter before labelling to compare from).</summary>
    public required int ExcludedUnits { get; init; }

    /// <summary>The groups that enter the estimate, by first treated quarter.</summary>
    public required IReadOnlyList<TreatmentGroup> Groups { get; init; }

    /// <summary>The panel's first quarter.</summary>
    public required Quarter FirstQuarter { get; init; }

    /// <summary>The panel's last quarter.</summary>
    public required Quarter LastQuarter { get; init; }

    /// <summary>Bootstrap draws B.</summary>
    public required int Bootstrap { get; init; }

    /// <summary>The bootstrap seed.</summary>
    public required int Seed { get; init; }

    /// <summary>The critical value of the simultaneous band (in standard errors; 1.96 would be a pointwise interval).</summary>
    public required double BandCriticalValue { get; init; }
}

/// <summary>
/// What <see cref="ImpactEstimator.Estimate"/> finds for one outcome: the group-time effects, the event-study curve,
/// the overall effect and the pre-trend test, with their 95% intervals; and the reading of them in plain French.
/// </summary>
public sealed class EvaluationResult
{
    internal EvaluationResult(EvaluationSummary summary, IReadOnlyList<GroupTimeAtt> groupTime, IReadOnlyList<EventStudyPoint> eventStudy)
    {
        Summary = summary;
        GroupTime = groupTime;
        EventStudy = eventStudy;
    }

    /// <summary>The outcome column.</summary>
    public string Outcome => Summary.Outcome;

    /// <summary>The headline figures.</summary>
    public EvaluationSummary Summary { get; }

    /// <summary>ATT(g,t) for every estimable cell, sorted by g then t (pre-treatment cells included).</summary>
    public IReadOnlyList<GroupTimeAtt> GroupTime { get; }

    /// <summary>The event-study curve, sorted by e (leads included; e = −1 is 0).</summary>
    public IReadOnlyList<EventStudyPoint> EventStudy { get; }

    /// <summary>
    /// The latest event time e ≥ 0 at which every group is observed, or null when there is none: up to it, each point
    /// of the curve averages the same groups, so that a change along the curve is not a change of composition.
    /// A natural horizon for <see cref="ToFrenchReading(int)"/>.
    /// </summary>
    public int? HorizonWithAllGroups =>
        EventStudy.Where(p => p.EventTime >= 0 && p.Groups == Summary.Groups.Count).Select(p => (int?)p.EventTime).Max();

    /// <summary>The event-study point at <paramref name="eventTime"/>, or null when no group is observed there.</summary>
    public EventStudyPoint? At(int eventTime) => EventStudy.FirstOrDefault(p => p.EventTime == eventTime);

    /// <summary>
    /// The overall effect in one French sentence, e.g.
    /// « +1,2 emploi salarié par manufacture en moyenne depuis la labellisation, IC 95 % [0,8 ; 1,6] ».
    /// </summary>
    public string ToFrenchReading() =>
        FrenchReading.Effect(Outcome, Summary.OverallAtt, Summary.CiLow, Summary.CiHigh, "en moyenne depuis la labellisation");

    /// <summary>
    /// The effect <paramref name="eventTime"/> quarters after labelling in one French sentence, e.g.
    /// « +1,8 emploi salarié par manufacture après 6 trimestres, IC 95 % [0,9 ; 2,7] ».
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No group is observed at that event time.</exception>
    public string ToFrenchReading(int eventTime)
    {
        var point = At(eventTime) ?? throw new ArgumentOutOfRangeException(nameof(eventTime), eventTime,
            $"Expected an event time of the curve ({EventStudy[0].EventTime} to {EventStudy[^1].EventTime}).");
        return FrenchReading.Effect(Outcome, point.Estimate, point.CiLow, point.CiHigh, FrenchReading.When(eventTime));
    }

    /// <summary>The pre-trend test in one or two French sentences, saying whether the comparison is credible.</summary>
    public string ToFrenchPretrendReading() => FrenchReading.Pretrend(Summary.PretrendPValue, Summary.PretrendLeads);
}
