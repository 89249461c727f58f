using Impact.Analytics.Csv;
using Impact.Analytics.Indicators;

namespace Impact.Analytics.Tests.Csv;

public sealed class CsvTableTests
{
    [Fact]
    public void Write_QuotesAsRfc4180NeutralisesFormulasAndEndsLinesWithLf()
    {
        var csv = CsvTable.Write(["name", "value", "note"],
        [
            ["Atelier, du \"Port\"", "-0.05", null],
            ["=HYPERLINK(\"http://x\")", "12", "ligne 1\nligne 2"],
            ["@SUM(1+1)", "+3", "-cmd|' /C calc'!A0"],
        ]);

        Assert.Equal(
            "name,value,note\n"
            + "\"Atelier, du \"\"Port\"\"\",-0.05,\n"
            + "\"'=HYPERLINK(\"\"http://x\"\")\",12,\"ligne 1\nligne 2\"\n"
            + "'@SUM(1+1),+3,'-cmd|' /C calc'!A0\n",
            csv);
    }

    [Fact]
    public void Write_AnEmptyTableIsItsHeader() => Assert.Equal("a,b\n", CsvTable.Write(["a", "b"], []));

    [Fact]
    public void Write_RefusesARowOfAnotherWidth() =>
        Assert.Throws<ArgumentException>(() => CsvTable.Write(["a", "b"], [["1"]]));

    [Fact]
    public void Read_TakesABomSemicolonsTrimmedCellsAndSkipsBlankLines()
    {
        var rows = CsvTable.Read("\uFEFFaccount ; role;scope\r\n a@b.fr ;coach; C-01\r\n\r\nm@b.fr;ministry;\r\n", ["account", "role", "scope"], "accounts.csv", allowSemicolon: true);

        Assert.Equal([(2, "a@b.fr", "coach", "C-01"), (4, "m@b.fr", "ministry", "")],
            rows.Select(r => (r.Line, r.Cells["account"], r.Cells["role"], r.Cells["scope"])));
    }

    [Fact]
    public void Read_NamesTheMissingColumnsInFrench() =>
        Assert.Equal("accounts.csv : colonnes manquantes : scope.",
            Assert.Throws<ImpactException>(() => CsvTable.Read("account,role\n", ["account", "role", "scope"], "accounts.csv")).Message);

    /// <summary>The coaches' reminder lists (completeness/missing_by_coach.csv, alerts/reminders.csv) carry registry names: a formula in one is shown as text.</summary>
    [Fact]
    public void WriteMissing_NeutralisesAFormulaInARegistryName()
    {
        var missing = new MissingReturn(new Quarter(2024, 3), "MP-001", "@SUM(1+1)", "=C-01", "c01@example.org", new DateOnly(2024, 10, 30), false);

        Assert.Equal(
            "quarter,workshop_id,workshop_name,coach_id,coach_email,deadline,rejected_submission\n"
            + "2024-Q3,MP-001,'@SUM(1+1),'=C-01,c01@example.org,2024-10-30,false\n",
            CompletenessCsv.WriteMissing([missing]));
    }
}
