using System.Globalization;

namespace Impact.Analytics;

/// <summary>
/// A calendar quarter, written <c>2024-Q3</c> (the machine form used in keys, paths and files).
/// French readers see <c>T3 2024</c>; <see cref="TryParse"/> accepts that form and <c>2024-T3</c> too.
/// </summary>
public readonly record struct Quarter : IComparable<Quarter>
{
    /// <summary>Smallest year accepted: the scheme started in 2021; older data is a typing error.</summary>
    public const int MinYear = 2000;

    /// <summary>Largest year accepted.</summary>
    public const int MaxYear = 2100;

    /// <summary>Creates a quarter; <paramref name="number"/> is 1 to 4.</summary>
    public Quarter(int year, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 4);
        Year = year;
        Number = number;
    }

    /// <summary>The calendar year.</summary>
    public int Year { get; }

    /// <summary>The quarter in the year, 1 to 4.</summary>
    public int Number { get; }

    /// <summary>A running index (year × 4 + quarter − 1), for arithmetic.</summary>
    public int Index => (Year * 4) + Number - 1;

    /// <summary>First day of the quarter.</summary>
    public DateOnly FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    /// <summary>Last day of the quarter.</summary>
    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>The quarter that contains <paramref name="date"/>.</summary>
    public static Quarter FromDate(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>The quarter <paramref name="count"/> quarters later (earlier when negative).</summary>
    public Quarter AddQuarters(int count) => FromIndex(Index + count);

    /// <summary>The quarter with the given <see cref="Index"/>.</summary>
    public static Quarter FromIndex(int index) => new(index / 4, (index % 4) + 1);

    /// <summary>Number of quarters from <paramref name="earlier"/> to this one.</summary>
    public int QuartersSince(Quarter earlier) => Index - earlier.Index;

    /// <summary>Parses <c>2024-Q3</c> (or <c>2024-T3</c>, any case, surrounding spaces ignored).</summary>
    /// <exception cref="FormatException">The text is not a quarter.</exception>
    public static Quarter Parse(string text) =>
        TryParse(text, out var quarter)
            ? quarter
            : throw new FormatException($"'{text}' is not a quarter: expected yyyy-Qn, e.g. 2024-Q3.");

    /// <summary>
    /// Parses <c>2024-Q3</c>, <c>2024-T3</c> or the French reading form <c>T3 2024</c> (what <see cref="ToFrench"/>
    /// writes; a no-break space is a space), any case, surrounding spaces ignored.
    /// </summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var s = text.AsSpan().Trim();
        if (s.Length == 7 && char.ToUpperInvariant(s[0]) == 'T' && s[1] is >= '1' and <= '4' && s[2] is ' ' or '\u00A0' or '\u202F'
            && int.TryParse(s[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var frenchYear) && frenchYear is >= MinYear and <= MaxYear)
        {
            quarter = new Quarter(frenchYear, s[1] - '0');
            return true;
        }

        if (s.Length != 7 || s[4] != '-' || (char.ToUpperInvariant(s[5]) is not ('Q' or 'T')))
        {
            return false;
        }

        if (!int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < MinYear or > MaxYear
            || s[6] is < '1' or > '4')
        {
            return false;
        }

        quarter = new Quarter(year, s[6] - '0');
        return true;
    }

    /// <summary>The machine form, <c>2024-Q3</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}");

    /// <summary>The French reading form, <c>T3 2024</c>.</summary>
    public string ToFrench() => string.Create(CultureInfo.InvariantCulture, $"T{Number} {Year}");

    /// <inheritdoc />
    public int CompareTo(Quarter other) => Index.CompareTo(other.Index);

    /// <summary>Compares quarters in time order.</summary>
    public static bool operator <(Quarter left, Quarter right) => left.Index < right.Index;

    /// <summary>Compares quarters in time order.</summary>
    public static bool operator >(Quarter left, Quarter right) => left.Index > right.Index;

    /// <summary>Compares quarters in time order.</summary>
    public static bool operator <=(Quarter left, Quarter right) => left.Index <= right.Index;

    /// <summary>Compares quarters in time order.</summary>
    public static bool operator >=(Quarter left, Quarter right) => left.Index >= right.Index;
}
