using Impact.Analytics.FollowUp;
using Impact.Analytics.Returns;
using Impact.Analytics.Validation;

namespace Impact.Analytics.Tests.FollowUp;

public sealed class NoticeTextsTests
{
    private static readonly Uri Base = new("https://tableau.example.org/");

    private static readonly Impact.Analytics.Registry.Workshop Workshop = SampleReturns.Workshop("MP-002", new DateOnly(2022, 7, 12), new DateOnly(2025, 1, 31)) with
    {
        Name = "Atelier des Quais",
        ContactEmail = "bonjour@atelier-des-quais.example.org",
        CoachEmail = "coach.c02@example.org",
    };

    private static ValidationReport Report(params (Severity Severity, string Field, string Message)[] findings) => new()
    {
        WorkshopId = "MP-002",
        Quarter = "2024-Q3",
        FileName = "2024-Q3.csv",
        Format = ReturnFormat.Csv,
        Status = findings.Any(f => f.Severity == Severity.Error) ? ValidationStatus.Rejected : ValidationStatus.Accepted,
        ReceivedAt = new DateTimeOffset(2024, 10, 12, 14, 3, 0, TimeSpan.Zero),
        ContentSha256 = "3f2a9c0d1e5b7a48" + new string('0', 48),
        Findings = [.. findings.Select(f => new ValidationFinding(f.Severity, "test.rule", f.Field, null, null, f.Message, "Corrigez la valeur."))],
    };

    [Fact]
    public void ForReport_ARejectionListsTheErrorsAndHowToUploadAgain()
    {
        var notice = NoticeTexts.ForReport(Workshop, Report((Severity.Error, "salaried_headcount", "Valeur négative."), (Severity.Warning, "cash_end", "Baisse forte.")), Base, sendReceipts: false)!;

        Assert.Equal((NoticeKind.ReturnRejected, "MP-002", "return-rejected~2024-Q3~3f2a9c0d1e5b7a48", "bonjour@atelier-des-quais.example.org"),
            (notice.Kind, notice.Partition, notice.Row, notice.Recipient));
        Assert.Equal("[Manufactures de proximité] Retour du T3 2024 refusé : 1 erreur à corriger", notice.Subject);
        Assert.StartsWith("Bonjour,\n\nLe retour trimestriel de Atelier des Quais (MP-002) pour le T3 2024 n'a pas pu être pris en compte : il contient 1 erreur. "
            + "Le rapport ci-dessous indique, pour chacune, le champ concerné et la correction à apporter.\n\nRapport de validation du retour trimestriel\n", notice.Body, StringComparison.Ordinal);
        Assert.Contains("1. Champ « salaried_headcount »\n   Problème : Valeur négative.\n   Correction : Corrigez la valeur.\n", notice.Body, StringComparison.Ordinal);
        Assert.EndsWith("Pour déposer un retour corrigé :\n"
            + "- sur la page de la manufacture, rubrique « Déposer un retour » : https://tableau.example.org/app/workshops/MP-002\n"
            + "- ou par l'API : PUT https://tableau.example.org/api/workshops/MP-002/returns/2024-Q3?format=csv (ou xlsx, json)\n"
            + "Le modèle à remplir (CSV, XLSX ou JSON) : https://tableau.example.org/api/template?format=xlsx\n"
            + "\n-- \nSuivi des manufactures de proximité. Message automatique : pour toute question, écrivez à votre accompagnateur (coach.c02@example.org).\n", notice.Body, StringComparison.Ordinal);
        Assert.Equal("mp-002.return-rejected.2024-q3.3f2a9c0d1e5b7a48@avis.manufactures", notice.MessageId);
    }

    [Fact]
    public void ForReport_WarningsAreToldAndACleanAcceptanceOnlyWhenReceiptsAreAsked()
    {
        var warned = NoticeTexts.ForReport(Workshop, Report((Severity.Warning, "cash_end", "Baisse forte."), (Severity.Warning, "narrative", "Formule.")), null, sendReceipts: false)!;
        Assert.Equal((NoticeKind.ReturnWarnings, "[Manufactures de proximité] Retour du T3 2024 accepté, 2 avertissements à vérifier"), (warned.Kind, warned.Subject));
        Assert.Contains("- sur la page de la manufacture, rubrique « Déposer un retour » : app/workshops/MP-002\n", warned.Body, StringComparison.Ordinal);

        Assert.Null(NoticeTexts.ForReport(Workshop, Report(), Base, sendReceipts: false));
        var receipt = NoticeTexts.ForReport(Workshop, Report(), Base, sendReceipts: true)!;
        Assert.Equal(("return-receipt~2024-Q3~3f2a9c0d1e5b7a48", "[Manufactures de proximité] Retour du T3 2024 reçu et accepté"), (receipt.Row, receipt.Subject));
        Assert.DoesNotContain("Pour déposer", receipt.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ForReport_NoContactAddressNoNotice() =>
        Assert.Null(NoticeTexts.ForReport(Workshop with { ContactEmail = null }, Report((Severity.Error, "x", "y")), Base, sendReceipts: true));

    [Fact]
    public void Reminder_BeforeAndAfterTheDeadlineOncePerQuarter()
    {
        var before = NoticeTexts.Reminder(Workshop, new Quarter(2024, 3), new DateOnly(2024, 10, 30), after: false, Base)!;
        Assert.Equal(("reminder-before-deadline~2024-Q3", "[Manufactures de proximité] Rappel : retour du T3 2024 attendu au plus tard le 30 octobre 2024"), (before.Row, before.Subject));
        Assert.StartsWith("Bonjour,\n\nNous n'avons pas encore reçu le retour trimestriel de Atelier des Quais (MP-002) pour le T3 2024. Il est attendu au plus tard le mercredi 30 octobre 2024.\n\nPour déposer votre retour :\n",
            before.Body, StringComparison.Ordinal);

        var after = NoticeTexts.Reminder(Workshop, new Quarter(2024, 3), new DateOnly(2024, 10, 30), after: true, Base)!;
        Assert.Equal(("reminder-after-deadline~2024-Q3", "[Manufactures de proximité] Retour du T3 2024 en retard : date limite du 30 octobre 2024 dépassée"), (after.Row, after.Subject));
        Assert.Contains("attendu au plus tard le mercredi 30 octobre 2024. Déposez-le dès que possible : un retour en retard est toujours pris en compte.", after.Body, StringComparison.Ordinal);
        Assert.Null(NoticeTexts.Reminder(Workshop with { ContactEmail = null }, new Quarter(2024, 3), new DateOnly(2024, 10, 30), after: true, Base));
    }

    [Fact]
    public void Notice_JsonRoundTripsAndAnAlertIsNotANotice()
    {
        var notice = NoticeTexts.Reminder(Workshop, new Quarter(2024, 3), new DateOnly(2024, 10, 30), after: true, Base)!;
        Assert.Equal(notice, Notice.TryFromJson(notice.ToJson()));
        Assert.Contains("\"notice\":\"reminder_after_deadline\"", notice.ToJson(), StringComparison.Ordinal);
        Assert.Null(Notice.TryFromJson("""{"workshop_id":"MP-002","level":"red"}"""));
        Assert.Throws<ImpactException>(() => Notice.TryFromJson("{pas du json"));
    }
}
