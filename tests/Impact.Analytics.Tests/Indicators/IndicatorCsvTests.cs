using Impact.Analytics.Indicators;
using static Impact.Analytics.Tests.Indicators.IndicatorSamples;

namespace Impact.Analytics.Tests.Indicators;

public sealed class IndicatorCsvTests
{
    private const string Header =
        "workshop_id,quarter,wave,region,territory_type,coach_id,status,quarters_since_labelling,support_phase,"
        + "own_revenue,operating_subsidies,own_revenue_share,operating_result,operating_margin,cash_end,cash_runway_months,"
        + "machine_utilisation,occupancy_rate,staff_headcount,hosted_enterprise_jobs,total_jobs,net_jobs_created,"
        + "jobs_per_100k_grant,own_revenue_yoy,vitality_index";

    private static IReadOnlyList<IndicatorSet> Sets() =>
        IndicatorCalculator.Compute([Mp002Q3Of2024(), Mp001Q3Of2024(), Mp002Q3Of2023(), Mp001Q3Of2023()], Workshops());

    [Fact]
    public void Columns_AreTheStableKeysInOrder()
    {
        Assert.Equal(Header, string.Join(',', IndicatorCsv.Columns));
    }

    [Fact]
    public void Write_ExactTextWithEmptyCellsForNulls()
    {
        var sets = Sets();

        var csv = IndicatorCsv.Write(sets.Where(s => s.Quarter == new Quarter(2024, 3)));

        Assert.Equal(
            Header + "\n"
            + "MP-001,2024-Q3,1,Bourgogne-Franche-Comté,rural,C-01,active,11,after,0,0,,0,,-500,,0.0001,0.25,3,0,3,-2,,,12.5\n"
            + "MP-002,2024-Q3,3,Hauts-de-France,qpv,C-02,active,8,in,35000,15000,0.7,5000,0.1,30000,2,0.7,0.8,6,14,20,1,7.1429,0.25,78.8\n",
            csv);
    }

    [Fact]
    public void ToColumns_TheCellsOfTheRowByKey()
    {
        var b = Sets().Single(s => s.WorkshopId == "MP-001" && s.Quarter == new Quarter(2024, 3));

        var columns = b.ToColumns();

        Assert.Equal(IndicatorCsv.Columns.Order(StringComparer.Ordinal), columns.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("rural", columns["territory_type"]);
        Assert.Equal("after", columns["support_phase"]);
        Assert.Equal("-500", columns["cash_end"]);
        Assert.Null(columns["own_revenue_share"]);
        Assert.Equal("12.5", columns["vitality_index"]);
    }

    [Fact]
    public void Write_HeaderOnlyWhenThereIsNoSet()
    {
        Assert.Equal(Header + "\n", IndicatorCsv.Write([]));
        Assert.Empty(IndicatorCsv.Read(Header + "\n"));
    }

    [Fact]
    public void Read_RoundTripsExactly()
    {
        var sets = Sets().Append(Set("MP-\"9\"", "2024-Q1") with { Region = "Région, \"test\"\nsuite", OwnRevenueShare = -0.1234m, SupportPhase = SupportPhase.After })
            .ToList();

        var csv = IndicatorCsv.Write(sets);
        var again = IndicatorCsv.Read(csv);

        Assert.Equal(sets, again);
        Assert.Equal(csv, IndicatorCsv.Write(again));
        Assert.DoesNotContain("\r", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IgnoresABomAndExtraColumns()
    {
        var csv = IndicatorCsv.Write(Sets());
        var lines = csv.Split('\n');
        var widened = "\uFEFF" + string.Join('\n', lines.Select((l, i) => l.Length == 0 ? l : l + (i == 0 ? ",extra" : ",x")));

        Assert.Equal(Sets(), IndicatorCsv.Read(widened));
    }

    [Fact]
    public void Read_NamesAMissingColumnInFrench()
    {
        var csv = Header.Replace(",vitality_index", "", StringComparison.Ordinal) + "\n";

        var ex = Assert.Throws<ImpactException>(() => IndicatorCsv.Read(csv));

        Assert.Equal("indicators.csv : colonnes manquantes : vitality_index.", ex.Message);
    }

    [Fact]
    public void Read_NamesAMalformedValueInFrench()
    {
        var csv = IndicatorCsv.Write(Sets()).Replace(",qpv,", ",forest,", StringComparison.Ordinal);

        var ex = Assert.Throws<ImpactException>(() => IndicatorCsv.Read(csv));

        Assert.Equal("indicators.csv : ligne 4, colonne territory_type : valeur « forest » invalide.", ex.Message);
    }
}
