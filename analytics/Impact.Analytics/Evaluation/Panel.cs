namespace Impact.Analytics.Evaluation;

/// <summary>A unit of the evaluation panel: a laureate workshop or an applicant that was not selected.</summary>
/// <param name="UnitId">The unit's identifier (<c>unit_id</c>), e.g. <c>MP-001</c> or <c>AP-017</c>.</param>
/// <param name="FirstTreatedQuarter">The quarter of its labelling (<c>first_treated_quarter</c>); null when never treated.</param>
public sealed record PanelUnit(string UnitId, Quarter? FirstTreatedQuarter);

/// <summary>
/// The external quarterly panel of the impact evaluation (evaluation/panel.csv, DOMAIN.md "Impact evaluation"):
/// units observed before and after labelling, one or more numeric outcome columns, and each unit's first treated
/// quarter. Quarters run without gaps from <see cref="FirstQuarter"/> to <see cref="LastQuarter"/>; a unit may miss
/// some of them (an unbalanced panel) and a row may leave an outcome empty. Read it with <see cref="PanelCsv.Read"/>.
/// </summary>
public sealed class Panel
{
    private readonly Dictionary<string, double[]> _values;
    private readonly Dictionary<string, int> _unitIndex;

    internal Panel(IReadOnlyList<PanelUnit> units, Quarter firstQuarter, int quarterCount, IReadOnlyList<string> outcomes, Dictionary<string, double[]> values, int rows)
    {
        Units = units;
        FirstQuarter = firstQuarter;
        QuarterCount = quarterCount;
        Outcomes = outcomes;
        _values = values;
        Rows = rows;
        _unitIndex = new Dictionary<string, int>(units.Count, StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            _unitIndex.Add(units[i].UnitId, i);
        }
    }

    /// <summary>The units, sorted by identifier (ordinal).</summary>
    public IReadOnlyList<PanelUnit> Units { get; }

    /// <summary>The first quarter with a row.</summary>
    public Quarter FirstQuarter { get; }

    /// <summary>The last quarter with a row.</summary>
    public Quarter LastQuarter => FirstQuarter.AddQuarters(QuarterCount - 1);

    /// <summary>Quarters from <see cref="FirstQuarter"/> to <see cref="LastQuarter"/>, both included.</summary>
    public int QuarterCount { get; }

    /// <summary>The outcome columns (every numeric column besides unit_id, quarter and first_treated_quarter), in file order.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>Rows read (observed unit-quarters).</summary>
    public int Rows { get; }

    /// <summary>The value of <paramref name="outcome"/> for a unit at a quarter; null when the row is missing or the cell empty.</summary>
    /// <exception cref="ArgumentException">The unit or the outcome is not in the panel.</exception>
    public double? Value(string unitId, Quarter quarter, string outcome)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        if (!_unitIndex.TryGetValue(unitId, out var unit))
        {
            throw new ArgumentException($"Unit '{unitId}' is not in the panel.", nameof(unitId));
        }

        var t = quarter.QuartersSince(FirstQuarter);
        if (t < 0 || t >= QuarterCount)
        {
            return null;
        }

        var value = Series(outcome)[(unit * QuarterCount) + t];
        return double.IsNaN(value) ? null : value;
    }

    /// <summary>The values of one outcome, unit-major: [unit × <see cref="QuarterCount"/> + quarter], NaN when not observed.</summary>
    internal double[] Series(string outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return _values.TryGetValue(outcome, out var series)
            ? series
            : throw new ArgumentException($"Outcome '{outcome}' is not in the panel.", nameof(outcome));
    }
}
