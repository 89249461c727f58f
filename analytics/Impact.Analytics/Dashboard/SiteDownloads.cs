using Impact.Analytics.Csv;
using System.Text;
using Impact.Analytics.Indicators;
using Impact.Analytics.Returns;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Impact.Analytics.Dashboard;

/// <summary>
/// The downloads of the site: the indicators (CSV and XLSX), the aggregates and the completeness grid (CSV), in the
/// same dialect and columns as the run's machine-readable outputs (docs/indicators.md), up to the as-of quarter. Text
/// cells that a spreadsheet would run as a formula are neutralised by the one guard every writer uses
/// (<see cref="FormulaGuard"/>: <see cref="CsvTable"/> for CSV, here for the workbook's text cells); numbers stay numbers.
/// </summary>
internal static class SiteDownloads
{
    public static string IndicatorsCsv(IReadOnlyList<IndicatorSet> sets) => IndicatorCsv.Write(sets);

    public static string AggregatesCsv(IReadOnlyList<AggregateRow> rows) => AggregateCsv.Write(rows);

    public static string CompletenessCsv(IReadOnlyList<CompletenessRow> rows) => Indicators.CompletenessCsv.WriteRows(rows);

    /// <summary>The indicators as a workbook: one sheet "Indicateurs", a header of the CSV keys, numbers as numeric cells.</summary>
    public static byte[] IndicatorsXlsx(IReadOnlyList<IndicatorSet> sets)
    {
        var rows = sets.Select(s => IndicatorCsv.Table.ToDictionary(
            c => c.Key,
            c => c.Number is { } number ? number(s) : (object?)FormulaGuard.Neutralise(c.Cell(s)),
            StringComparer.Ordinal)).ToList();
        var configuration = new OpenXmlConfiguration { EnableSharedStringCache = false, FreezeRowCount = 1 };
        using var stream = new MemoryStream();
        if (rows.Count == 0)
        {
            // MiniExcel writes no header for an empty list: give it one row of column names only.
            stream.SaveAs(new[] { IndicatorCsv.Columns.ToDictionary(c => c, c => (object?)null, StringComparer.Ordinal) }, sheetName: "Indicateurs", excelType: ExcelType.XLSX, configuration: configuration);
        }
        else
        {
            stream.SaveAs(rows, sheetName: "Indicateurs", excelType: ExcelType.XLSX, configuration: configuration);
        }

        return DeterministicZip.Normalize(stream.ToArray());
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The open data licence, as the public pages and the dictionary state it.</summary>
    public const string Licence = "Licence Ouverte / Open Licence version 2.0 (Etalab), https://www.etalab.gouv.fr/licence-ouverte-open-licence : réutilisation libre, en citant la source « Ministère, dispositif Manufactures de proximité » et la date de mise à jour.";

    /// <summary>The columns of manufactures.csv, the workshops' public facts.</summary>
    public static IReadOnlyList<(string Column, string Description)> WorkshopColumns { get; } =
    [
        ("workshop_id", "Identifiant de la manufacture dans le registre du ministère (MP-001…)."),
        ("name", "Nom de la manufacture."),
        ("commune_insee", "Code officiel géographique (Insee) de la commune où elle est installée."),
        ("department", "Département."),
        ("region", "Région."),
        ("territory_type", "Type de territoire : qpv (quartier prioritaire de la politique de la ville), rural, medium_city (ville moyenne), metropolis (métropole)."),
        ("wave", "Vague de labellisation (1, 2, 3…)."),
        ("labelled_on", "Date de labellisation (AAAA-MM-JJ)."),
    ];

    /// <summary>manufactures.csv: the registry's public facts, one row per workshop, by identifier.</summary>
    public static string WorkshopsCsv(IReadOnlyList<Registry.Workshop> workshops) => CsvTable.Write(
        [.. WorkshopColumns.Select(c => c.Column)],
        workshops.OrderBy(w => w.WorkshopId, StringComparer.Ordinal).Select(w => (IReadOnlyList<string?>)
        [
            w.WorkshopId, w.Name, w.CommuneInsee, w.Department, w.Region, Registry.WorkshopRegistry.FormatTerritory(w.TerritoryType),
            CsvTable.Format(w.Wave), CsvTable.Format(w.LabelledOn),
        ]));

    /// <summary>
    /// dictionnaire.csv: every column of every open-data file, described in French, with the licence and the secrecy
    /// rule on the first lines (a reader opening only this file learns both).
    /// </summary>
    public static string DictionaryCsv()
    {
        var rows = new List<IReadOnlyList<string?>>
        {
            new[] { "*", "licence", Licence },
            new[] { "*", "secret_statistique", $"Une valeur calculée sur moins de {StatisticalSecrecy.MinWorkshops} manufactures, ou dont une seule manufacture représente 85 % ou plus du total, n'est pas publiée : la ligne est absente." },
        };
        rows.AddRange(WorkshopColumns.Select(c => (IReadOnlyList<string?>)["manufactures.csv", c.Column, c.Description]));
        rows.AddRange(AggregateColumns.Select(c => (IReadOnlyList<string?>)["agregats.csv", c.Column, c.Description]));
        rows.AddRange(CompletenessColumns.Select(c => (IReadOnlyList<string?>)["completude.csv", c.Column, c.Description]));
        return CsvTable.Write(["file", "column", "description"], rows);
    }

    private static readonly (string Column, string Description)[] AggregateColumns =
    [
        ("dimension", "Découpage : national, wave (vague), territory_type, region, quarters_since_labelling (trimestres depuis la labellisation)."),
        ("group", "Groupe dans le découpage (all pour national, 3 pour la vague 3, qpv…)."),
        ("quarter", "Trimestre civil (AAAA-Qn), ou all pour l'ensemble des trimestres (ancienneté seulement)."),
        ("indicator", "Indicateur (définitions : page « Sources et méthodes », methodes.html, du tableau de bord)."),
        ("n", "Nombre de retours (manufacture × trimestre) qui ont une valeur."),
        ("total", "Somme des valeurs."),
        ("median", "Médiane."),
        ("q1", "Premier quartile."),
        ("q3", "Troisième quartile."),
    ];

    private static readonly (string Column, string Description)[] CompletenessColumns =
    [
        ("dimension", "Découpage : national, wave, territory_type, region."),
        ("group", "Groupe dans le découpage."),
        ("quarter", "Trimestre (AAAA-Qn)."),
        ("expected", "Retours attendus."),
        ("received", "Retours reçus et acceptés."),
        ("on_time", "Reçus avant la date limite."),
        ("late", "Reçus après la date limite (hors retours dont la date de réception est inconnue)."),
        ("missing", "Manquants (non reçus ou refusés et non corrigés)."),
        ("completeness_rate", "Part des retours attendus reçus (0 à 1)."),
        ("timeliness_rate", "Part des retours attendus reçus à temps (0 à 1) ; vide si une date de réception est inconnue."),
        ("time_unknown", "Reçus dont la date de réception a été perdue (dossier copié ou exporté) : ni à temps ni en retard."),
    ];
}
