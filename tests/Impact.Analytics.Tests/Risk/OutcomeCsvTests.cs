using Impact.Analytics.Risk;

namespace Impact.Analytics.Tests.Risk;

public sealed class OutcomeCsvTests
{
    [Fact]
    public void Read_GivesEveryRowInFileOrder()
    {
        var outcomes = OutcomeCsv.Read("\uFEFFworkshop_id,quarter,event,note,extra\nMP-002,2023-Q2,distress,\"Trésorerie critique, signalée.\",x\nMP-002,2023-Q4,Recovered,,\n,,,,\nMP-001,2024-Q1,closed,Liquidation.,\n");
        Assert.Equal(
            [
                new OutcomeRecord("MP-002", new Quarter(2023, 2), "distress", "Trésorerie critique, signalée."),
                new OutcomeRecord("MP-002", new Quarter(2023, 4), "recovered", ""),
                new OutcomeRecord("MP-001", new Quarter(2024, 1), "closed", "Liquidation."),
            ],
            outcomes);
    }

    [Fact]
    public void Read_HeaderOnly_GivesNothing() => Assert.Empty(OutcomeCsv.Read("workshop_id,quarter,event,note\n"));

    [Theory]
    [InlineData("", "outcomes.csv : fichier vide, l'en-tête est attendu (workshop_id,quarter,event,note).")]
    [InlineData("workshop_id,quarter,note\nMP-001,2024-Q1,x\n", "outcomes.csv : colonnes manquantes : event.")]
    [InlineData("workshop_id,quarter,event,note\nMP-001,2024-Q5,closed,\n",
        "outcomes.csv : ligne 2, colonne quarter : valeur « 2024-Q5 » invalide, un trimestre est attendu (par exemple 2024-Q3).")]
    [InlineData("workshop_id,quarter,event,note\nMP-001,2024-Q1,closed,\nMP-001,2024-Q2,bankrupt,\n",
        "outcomes.csv : ligne 3, colonne event : valeur « bankrupt » invalide, attendu : closed, distress, recovered.")]
    [InlineData("workshop_id,quarter,event,note\n,2024-Q1,closed,\n",
        "outcomes.csv : ligne 2, colonne workshop_id : l'identifiant de la manufacture est vide.")]
    public void Read_Malformed_ThrowsInFrench(string csv, string message) =>
        Assert.Equal(message, Assert.Throws<ImpactException>(() => OutcomeCsv.Read(csv)).Message);
}
