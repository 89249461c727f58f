using Impact.Analytics.Evaluation;

namespace Impact.Analytics.Tests.Evaluation;

public sealed class PanelCsvTests
{
    [Fact]
    public void Read_TinyPanel_UnitsQuartersOutcomesAndValues()
    {
        var panel = PanelCsv.Read("\uFEFF" + TinyPanel.Unbalanced);
        Assert.Equal(["A1", "A2", "B", "C", "D"], panel.Units.Select(u => u.UnitId));
        Assert.Equal([TinyPanel.Q(2), TinyPanel.Q(2), TinyPanel.Q(3), null, null], panel.Units.Select(u => u.FirstTreatedQuarter));
        Assert.Equal((TinyPanel.Q(1), TinyPanel.Q(4), 4, 18), (panel.FirstQuarter, panel.LastQuarter, panel.QuarterCount, panel.Rows));
        Assert.Equal(["salaried_headcount"], panel.Outcomes);
        Assert.Equal(26, panel.Value("B", TinyPanel.Q(3), "salaried_headcount"));
        Assert.Null(panel.Value("A2", TinyPanel.Q(3), "salaried_headcount"));
        Assert.Null(panel.Value("D", TinyPanel.Q(1), "salaried_headcount"));
        Assert.Null(panel.Value("D", new Quarter(2023, 1), "salaried_headcount"));
    }

    [Fact]
    public void Read_OutcomesAreTheNumericColumns_TextColumnsIgnored_EmptyCellsMissing()
    {
        var panel = PanelCsv.Read(
            "region,unit_id,quarter,own_revenue_eur,first_treated_quarter,salaried_headcount,note\n"
            + "Bretagne,A,2022-Q1,1.5e3,2022-Q2,4.25,\"ouvert, enfin\"\n"
            + "Bretagne,A,2022-Q2,,2022-Q2,-1,\n"
            + "Normandie,C,2022-Q3,2000,,,rien\n");
        Assert.Equal(["own_revenue_eur", "salaried_headcount"], panel.Outcomes);
        Assert.Equal(1500, panel.Value("A", TinyPanel.Q(1), "own_revenue_eur"));
        Assert.Null(panel.Value("A", TinyPanel.Q(2), "own_revenue_eur"));
        Assert.Equal(-1, panel.Value("A", TinyPanel.Q(2), "salaried_headcount"));
        Assert.Null(panel.Value("C", TinyPanel.Q(3), "salaried_headcount"));
        Assert.Equal(3, panel.QuarterCount); // 2022-Q1 to 2022-Q3, though nobody has a row for every quarter
    }

    [Theory]
    [InlineData("", "panel.csv : fichier vide ; l'en-tête est attendu (unit_id,quarter,first_treated_quarter et au moins une colonne de résultat numérique).")]
    [InlineData("unit_id,quarter,y\nA,2022-Q1,1\n", "panel.csv : colonnes manquantes : first_treated_quarter.")]
    [InlineData("unit_id;quarter;first_treated_quarter;y\nA;2022-Q1;;1\n",
        "panel.csv : colonnes manquantes : unit_id, quarter, first_treated_quarter (le séparateur attendu est la virgule, pas le point-virgule).")]
    [InlineData("unit_id,quarter,first_treated_quarter\n", "panel.csv : aucune ligne de données sous l'en-tête.")]
    [InlineData("unit_id,quarter,first_treated_quarter,name\nA,2022-Q1,,Atelier\n",
        "panel.csv : aucune colonne de résultat numérique (attendue en plus de unit_id, quarter et first_treated_quarter, par exemple salaried_headcount).")]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,,1\nA,2022-Q5,,2\n, 2022-Q2,,3\nB,2022-Q1,2022,4\n",
        "panel.csv illisible : ligne 3, colonne quarter : valeur « 2022-Q5 » invalide, un trimestre AAAA-Qn est attendu (par exemple 2024-Q3) ; "
        + "ligne 4 : unit_id vide ; ligne 5, colonne first_treated_quarter : valeur « 2022 » invalide, un trimestre AAAA-Qn est attendu (par exemple 2024-Q3).")]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,,1\nA,2022-Q1,,2\nA,2022-Q2,2022-Q2,3\nB,2022-Q1,,4,5\n",
        "panel.csv illisible : ligne 3 : l'unité A a déjà une ligne pour 2022-Q1 (ligne 2) ; "
        + "ligne 4 : l'unité A a first_treated_quarter « 2022-Q2 » mais vide à la ligne 2 (une unité n'a qu'un trimestre de première labellisation) ; "
        + "ligne 5 : 5 cellules pour 4 colonnes.")]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,,1\nA,2022-Q2,,4,5\nA,2022-Q3,,NaN\n",
        "panel.csv illisible : ligne 3 : 5 cellules pour 4 colonnes ; ligne 4, colonne y : valeur « NaN » invalide, un nombre est attendu (point décimal, par exemple 4.25) ou une cellule vide.")]
    [InlineData("unit_id,quarter,first_treated_quarter,y\nA,2022-Q1,,1\nA,2022-Q2,,\"4,5\"\n",
        "panel.csv illisible : ligne 3, colonne y : valeur « 4,5 » invalide, un nombre est attendu (point décimal, par exemple 4.25) ou une cellule vide.")]
    [InlineData("unit_id,quarter,y,first_treated_quarter,y\nA,2022-Q1,1,,2\n", "panel.csv : colonnes en double dans l'en-tête : y.")]
    public void Read_Malformed_FrenchErrorWithTheLine(string csv, string message)
    {
        var error = Assert.Throws<ImpactException>(() => PanelCsv.Read(csv));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Read_ManyProblems_ShowsTwentyAndCountsTheRest()
    {
        var csv = "unit_id,quarter,first_treated_quarter,y\n" + string.Concat(Enumerable.Range(0, 25).Select(_ => "A,bad,,1\n"));
        var error = Assert.Throws<ImpactException>(() => PanelCsv.Read(csv, "evaluation/panel.csv"));
        Assert.StartsWith("evaluation/panel.csv illisible : ligne 2, colonne quarter", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" ; et 5 autres.", error.Message, StringComparison.Ordinal);
    }
}
