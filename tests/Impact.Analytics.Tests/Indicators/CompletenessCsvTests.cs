using Impact.Analytics.Indicators;

namespace Impact.Analytics.Tests.Indicators;

public sealed class CompletenessCsvTests
{
    [Fact]
    public void WriteRows_ExactHeaderAndRows()
    {
        var csv = CompletenessCsv.WriteRows(
        [
            new CompletenessRow("national", "all", new Quarter(2024, 3), 3, 3, 2, 1, 0, 1m, 0.6667m),
            new CompletenessRow("wave", "3", new Quarter(2022, 2), 0, 0, 0, 0, 0, null, null),
            new CompletenessRow("wave", "1", new Quarter(2022, 2), 4, 3, 0, 0, 1, 0.75m, null, 3),
        ]);

        Assert.Equal(
            "dimension,group,quarter,expected,received,on_time,late,missing,completeness_rate,timeliness_rate,time_unknown\n"
            + "national,all,2024-Q3,3,3,2,1,0,1,0.6667,0\n"
            + "wave,3,2022-Q2,0,0,0,0,0,,,0\n"
            + "wave,1,2022-Q2,4,3,0,0,1,0.75,,3\n",
            csv);
    }

    [Fact]
    public void WriteMissing_ExactHeaderAndQuotedNames()
    {
        var result = Completeness.Compute(
            CompletenessTests.CompletenessRegistry(),
            [new ReceivedReturn("MP-003", new Quarter(2022, 1), new DateTimeOffset(2022, 4, 2, 0, 0, 0, TimeSpan.Zero), false, null)],
            new Quarter(2022, 1), new Quarter(2022, 1), Impact.Analytics.Settings.ReportingOptions.Default);

        Assert.Equal(
            "quarter,workshop_id,workshop_name,coach_id,coach_email,deadline,rejected_submission\n"
            + "2022-Q1,MP-001,Atelier MP-001,C-01,c01@example.org,2022-04-30,false\n"
            + "2022-Q1,MP-003,\"Atelier, du \"\"Port\"\"\",C-01,c01@example.org,2022-04-30,true\n",
            CompletenessCsv.WriteMissing(result.Missing));
    }
}
