namespace Impact.Infra.Tests;

/// <summary>
/// Central package management stays away from the project the Functions Worker SDK generates under obj/
/// (WorkerExtensions.csproj, which sets its own versions): left in the tree by an interrupted build, it restores,
/// instead of failing every later build with NU1008 (azure-functions-dotnet-worker #2689). Any other project of the
/// repository that sets a version is still refused.
/// </summary>
public sealed class GeneratedProjectTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    // Inside the repository (so Directory.Packages.props applies), in an ignored obj/ folder.
    private readonly DirectoryInfo _scratch = Directory.CreateDirectory(Path.Combine(InfraPaths.Root, "tests", "Impact.Infra.Tests", "obj", "cpm-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => _scratch.Delete(recursive: true);

    private async Task<ProcessResult> RestoreAsync(string projectName)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scratch.FullName, projectName)).FullName;
        var project = Path.Combine(folder, projectName + ".csproj");
        await File.WriteAllTextAsync(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Sep" Version="0.17.1" /></ItemGroup>
            </Project>
            """);
        return await DotNetCli.RunAsync(folder, Timeout, "restore", project, "-nodeReuse:false");
    }

    [Fact]
    public async Task A_generated_WorkerExtensions_project_left_in_the_tree_restores()
    {
        var result = await RestoreAsync("WorkerExtensions");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("NU1008", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_project_that_sets_a_version_is_still_refused()
    {
        var result = await RestoreAsync("NotGenerated");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("NU1008", result.StandardOutput, StringComparison.Ordinal);
    }
}
