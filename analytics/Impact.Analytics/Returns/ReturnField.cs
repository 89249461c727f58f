namespace Impact.Analytics.Returns;

/// <summary>How a field's value is written and checked.</summary>
public enum FieldKind
{
    /// <summary>A workshop identifier (letters, digits, '-' and '_').</summary>
    Identifier,

    /// <summary>A quarter, <c>2024-Q3</c>.</summary>
    Quarter,

    /// <summary>One value among <see cref="ReturnField.Choices"/>.</summary>
    Choice,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>A decimal number.</summary>
    DecimalNumber,

    /// <summary>An amount in euros (decimal).</summary>
    Money,

    /// <summary>An ISO date, <c>2026-06-30</c>.</summary>
    Date,

    /// <summary><c>yes</c> or <c>no</c> (also <c>oui</c>/<c>non</c>).</summary>
    YesNo,

    /// <summary>Free text, untrusted.</summary>
    Text,
}

/// <summary>One allowed value of a choice field: its machine key and its French label.</summary>
public sealed record FieldChoice(string Key, string Label)
{
    /// <summary>
    /// Other ways people write this value (« actif », « fermé »), accepted like the key and the label: compared
    /// ignoring case and accents, after trimming.
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

/// <summary>
/// One field of the quarterly return: the single definition from which the parser, the validator,
/// the templates and docs/return-schema.md are all derived.
/// </summary>
/// <param name="Key">The machine key (snake_case), as in files and storage.</param>
/// <param name="Label">The French label shown to workshops.</param>
/// <param name="Unit">The French unit ("€", "personnes", "h", "m²", or empty).</param>
/// <param name="Kind">The type of value.</param>
/// <param name="Required">Whether a return without it is rejected.</param>
/// <param name="Help">French help: what to enter and how.</param>
public sealed record ReturnField(string Key, string Label, string Unit, FieldKind Kind, bool Required, string Help)
{
    /// <summary>Hard lower bound (inclusive) for numbers; below it the return is rejected.</summary>
    public decimal? Min { get; init; }

    /// <summary>Hard upper bound (inclusive) for numbers; above it the return is rejected.</summary>
    public decimal? Max { get; init; }

    /// <summary>Above this (but within <see cref="Max"/>) the value is accepted with a warning.</summary>
    public decimal? PlausibleMax { get; init; }

    /// <summary>Allowed values of a <see cref="FieldKind.Choice"/> field.</summary>
    public IReadOnlyList<FieldChoice> Choices { get; init; } = [];

    /// <summary>Maximum length in characters of a text value.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Whether the kind is numeric (integer, decimal or money).</summary>
    public bool IsNumeric => Kind is FieldKind.WholeNumber or FieldKind.DecimalNumber or FieldKind.Money;

    /// <summary>The French label with its unit, e.g. "Trésorerie en fin de trimestre (€)".</summary>
    public string LabelWithUnit => Unit.Length == 0 ? Label : $"{Label} ({Unit})";
}
