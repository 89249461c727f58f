using Impact.Analytics.Evaluation;

namespace Impact.Analytics.Tests.Evaluation;

/// <summary>
/// A hand-made panel small enough to compute by hand: four quarters (2022-Q1 to 2022-Q4), two units labelled in
/// 2022-Q2 (A1, A2), one in 2022-Q3 (B), two never labelled (C, D). Salaried headcount:
/// <code>
///            Q1  Q2  Q3  Q4
///   A1 (Q2)  10  13  15  16
///   A2 (Q2)  12  14  18  17
///   B  (Q3)  20  21  26  28
///   C  (-)    5   6   8   8
///   D  (-)    7   7   9  11
/// </code>
/// </summary>
internal static class TinyPanel
{
    public const string Balanced =
        "unit_id,quarter,salaried_headcount,first_treated_quarter\n"
        + "A1,2022-Q1,10,2022-Q2\nA1,2022-Q2,13,2022-Q2\nA1,2022-Q3,15,2022-Q2\nA1,2022-Q4,16,2022-Q2\n"
        + "A2,2022-Q1,12,2022-Q2\nA2,2022-Q2,14,2022-Q2\nA2,2022-Q3,18,2022-Q2\nA2,2022-Q4,17,2022-Q2\n"
        + "B,2022-Q1,20,2022-Q3\nB,2022-Q2,21,2022-Q3\nB,2022-Q3,26,2022-Q3\nB,2022-Q4,28,2022-Q3\n"
        + "C,2022-Q1,5,\nC,2022-Q2,6,\nC,2022-Q3,8,\nC,2022-Q4,8,\n"
        + "D,2022-Q1,7,\nD,2022-Q2,7,\nD,2022-Q3,9,\nD,2022-Q4,11,\n";

    /// <summary>The same panel without A2's row for 2022-Q3 and D's row for 2022-Q1.</summary>
    public static string Unbalanced =>
        Balanced.Replace("A2,2022-Q3,18,2022-Q2\n", "", StringComparison.Ordinal).Replace("D,2022-Q1,7,\n", "", StringComparison.Ordinal);

    public static Panel Read(string csv) => PanelCsv.Read(csv);

    public static Quarter Q(int number) => new(2022, number);
}
