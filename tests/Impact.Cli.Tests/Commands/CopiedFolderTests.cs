using System.Globalization;

namespace Impact.Cli.Tests.Commands;

/// <summary>
/// A folder copied without its file times (cp without -p, a clone, an export): every return carries the time of the copy.
/// Nothing may then be called late: timeliness is unknown in completeness, the run's summary and the dashboard's data.
/// </summary>
public sealed class CopiedFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_OnACopyWithoutFileTimes_CallsNothingLate()
    {
        var original = Path.Combine(_folder.Root, "original");
        var copy = Path.Combine(_folder.Root, "copie");
        Assert.Equal(0, (await CliRun.RunAsync("simulate", "--workshops", "30", "--quarters", "8", "--seed", "5", "--out", original)).ExitCode);
        var copiedAt = CliRun.Now.UtcDateTime; // after every simulated receipt
        foreach (var file in Directory.EnumerateFiles(Path.Combine(original, "registry")).Concat(Directory.EnumerateFiles(Path.Combine(original, "returns"), "*", SearchOption.AllDirectories)))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(original, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, copiedAt); // what cp does without -p
        }

        var first = await CliRun.RunAsync("run", "--in", original, "--out", Path.Combine(original, "output"), "--as-of", "2023-Q3");
        var second = await CliRun.RunAsync("run", "--in", copy, "--out", Path.Combine(copy, "output"), "--as-of", "2023-Q3");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);

        var withTimes = National(Path.Combine(original, "output"));
        var withoutTimes = National(Path.Combine(copy, "output"));
        Assert.True(withTimes.Sum(r => r.Late) > 0, "the simulated folder has late returns");
        Assert.All(withTimes, r => Assert.Equal(0, r.TimeUnknown));

        // Same returns received; none late, none on time: their timeliness is unknown.
        Assert.Equal(withTimes.Select(r => (r.Quarter, r.Expected, r.Received, r.Missing)), withoutTimes.Select(r => (r.Quarter, r.Expected, r.Received, r.Missing)));
        Assert.All(withoutTimes, r =>
        {
            Assert.Equal(0, r.Late);
            Assert.Equal(0, r.OnTime);
            Assert.Equal(r.Received, r.TimeUnknown);
            Assert.Equal("", r.TimelinessRate);
        });
        Assert.Contains("dans les délais : inconnu, les dates de réception des fichiers ont été perdues (dossier copié ou exporté ?)", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("dans les délais : inconnu", first.Output, StringComparison.Ordinal);

        // The public completeness chart's data: a column for the unknown times only where there are some.
        Assert.StartsWith("quarter,expected,on_time,late,missing,completeness_rate,timeliness_rate\n",
            File.ReadAllText(Path.Combine(original, "output", "site", "graphiques", "completude.csv")), StringComparison.Ordinal);
        var chart = File.ReadAllLines(Path.Combine(copy, "output", "site", "graphiques", "completude.csv"));
        Assert.Equal("quarter,expected,on_time,late,missing,completeness_rate,timeliness_rate,time_unknown", chart[0]);
        Assert.All(chart.Skip(1), line => Assert.Matches("^T[1-4] 20[0-9]{2},[0-9]+,0,0,[0-9]+,[0-9.]+,,[0-9]+$", line));
    }

    private static List<(string Quarter, int Expected, int Received, int OnTime, int Late, int Missing, string TimelinessRate, int TimeUnknown)> National(string output)
    {
        var lines = File.ReadAllLines(Path.Combine(output, "completeness", "completeness.csv"));
        Assert.Equal("dimension,group,quarter,expected,received,on_time,late,missing,completeness_rate,timeliness_rate,time_unknown", lines[0]);
        return
        [
            .. lines.Skip(1).Select(l => l.Split(',')).Where(c => c[0] == "national" && c[3] != "0")
                .Select(c => (c[2], N(c[3]), N(c[4]), N(c[5]), N(c[6]), N(c[7]), c[9], N(c[10]))),
        ];

        static int N(string cell) => int.Parse(cell, CultureInfo.InvariantCulture);
    }
}
