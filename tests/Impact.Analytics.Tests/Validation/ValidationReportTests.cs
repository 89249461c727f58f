using System.Text;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Tests.Validation;

public sealed class ValidationReportTests
{
    private static ValidationReport Rejected() => new()
    {
        WorkshopId = "MP-002",
        Quarter = "2024-Q3",
        FileName = "2024-Q3.csv",
        Format = ReturnFormat.Csv,
        Status = ValidationStatus.Rejected,
        ReceivedAt = new DateTimeOffset(2024, 10, 12, 8, 30, 0, TimeSpan.Zero),
        Findings =
        [
            new(Severity.Error, "cross.fte_le_headcount", "staff_fte", "Salariés en équivalent temps plein", "7,5", "L'effectif en ETP (7,5) dépasse l'effectif salarié (7).", "Corrigez."),
            new(Severity.Warning, "field.plausible", "narrative", "Faits marquants", "<script>", "Message.", "Fix."),
        ],
    };

    [Fact]
    public void ToFrenchText_SaysWhatToCorrect()
    {
        var expected = """
            Rapport de validation du retour trimestriel
            ===========================================
            Manufacture : MP-002
            Trimestre : T3 2024 (2024-Q3)
            Fichier : 2024-Q3.csv (CSV)
            Reçu le : 12/10/2024 à 10 h 30 (heure de Paris)

            Résultat : REFUSÉ — 1 erreur à corriger, 1 avertissement.
            Corrigez les erreurs ci-dessous puis déposez à nouveau le fichier : la nouvelle version remplacera celle-ci.

            Erreurs (le retour n'est pas pris en compte tant qu'elles ne sont pas corrigées) :
            1. Salariés en équivalent temps plein (staff_fte) — valeur reçue : « 7,5 »
               Problème : L'effectif en ETP (7,5) dépasse l'effectif salarié (7).
               Correction : Corrigez.

            Avertissements (le retour est pris en compte ; vérifiez ces valeurs) :
            1. Faits marquants (narrative) — valeur reçue : « <script> »
               Problème : Message.
               Correction : Fix.

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), Rejected().ToFrenchText().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToJson_UsesSnakeCaseKeepsAccentsAndEscapesHtml()
    {
        var json = Encoding.UTF8.GetString(Rejected().ToJson());
        Assert.Contains("\"workshop_id\": \"MP-002\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"rejected\"", json, StringComparison.Ordinal);
        Assert.Contains("\"error_count\": 1", json, StringComparison.Ordinal);
        Assert.Contains("dépasse", json, StringComparison.Ordinal);
        Assert.Contains("\\u003Cscript\\u003E", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_RoundTrips()
    {
        var report = Rejected();
        var again = ValidationReport.FromJson(report.ToJson());
        Assert.Equal(report.Findings, again.Findings);
        Assert.Equal(report.ReceivedAt, again.ReceivedAt);
        Assert.Equal(ValidationStatus.Rejected, again.Status);
    }

    [Fact]
    public void Echo_ShortensAndStripsControlCharacters() =>
        Assert.Equal("a b" + new string('x', 117) + "…", ValidationFinding.Echo("a\u0007b" + new string('x', 200)));
}
