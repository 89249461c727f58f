using Impact.Analytics.Indicators;

namespace Impact.Analytics.Tests.Indicators;

public sealed class AggregateCsvTests
{
    [Fact]
    public void Write_ExactHeaderAndRows()
    {
        var csv = AggregateCsv.Write(
        [
            new AggregateRow("national", "all", new Quarter(2024, 3), "own_revenue", 4, 10m, 2.5m, 1.75m, 3.25m),
            new AggregateRow("national", "all", new Quarter(2024, 3), "own_revenue_yoy", 0, null, null, null, null),
            new AggregateRow("quarters_since_labelling", "8", null, "operating_margin", 3, -0.1500m, -0.05m, -0.0750m, 0m),
            new AggregateRow("region", "Provence-Alpes-Côte d'Azur, Corse", new Quarter(2024, 3), "total_jobs", 1, 12m, 12m, 12m, 12m),
        ]);

        Assert.Equal(
            "dimension,group,quarter,indicator,n,total,median,q1,q3\n"
            + "national,all,2024-Q3,own_revenue,4,10,2.5,1.75,3.25\n"
            + "national,all,2024-Q3,own_revenue_yoy,0,,,,\n"
            + "quarters_since_labelling,8,all,operating_margin,3,-0.15,-0.05,-0.075,0\n"
            + "region,\"Provence-Alpes-Côte d'Azur, Corse\",2024-Q3,total_jobs,1,12,12,12,12\n",
            csv);
    }
}
