using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Impact.Infra.Tests;

/// <summary>
/// The package `azd deploy` sends to Flex Consumption: the functions project published for linux-x64 with ReadyToRun
/// holds what the host needs (functions.metadata, host.json, the worker) and every native library and font the domain
/// needs on Linux. Published into a temporary folder, intermediates included (--artifacts-path), so the repository's
/// bin/ and obj/ are left alone.
/// </summary>
public sealed class PublishTests : IDisposable
{
    /// <summary>Native libraries a referenced package needs on linux-x64 (file names as NuGet restores them).</summary>
    /// <remarks>
    /// Microsoft.ML.CpuMath ships libCpuMathNative.so only for netstandard2.0: on .NET 8 and later it uses managed
    /// hardware intrinsics and brings no native library, so it is rightly absent from a net10.0 package.
    /// </remarks>
    private static readonly (string Package, string[] Libraries)[] NativeLibraries =
    [
        ("Microsoft.ML", ["libLdaNative.so"]),
        ("Microsoft.ML.FastTree", ["libFastTreeNative.so"]),
        ("Microsoft.ML.LightGbm", ["lib_lightgbm.so"]),
        ("ScottPlot", ["libSkiaSharp.so", "libHarfBuzzSharp.so"]),
    ];

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("impact-publish-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Functions_project_publishes_for_linux_x64_ready_to_run_with_everything_the_host_needs()
    {
        var output = Path.Combine(_scratch.FullName, "publish");
        var artifacts = Path.Combine(_scratch.FullName, "artifacts");

        var result = await DotNetCli.RunAsync(InfraPaths.Root, Timeout,
            "publish", Path.Combine("functions", "Impact.Functions", "Impact.Functions.csproj"),
            "-c", "Release", "-r", "linux-x64", "-p:PublishReadyToRun=true", "--self-contained", "false",
            "-o", output, "--artifacts-path", artifacts,
            "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(result.ExitCode == 0, result.ToString());

        var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .ToLookup(Path.GetFileName, StringComparer.Ordinal);

        // What the Functions host reads.
        Assert.True(File.Exists(Path.Combine(output, "functions.metadata")), "functions.metadata missing");
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(InfraPaths.Root, "host.json")), await File.ReadAllTextAsync(Path.Combine(output, "host.json")));
        Assert.True(File.Exists(Path.Combine(output, "Impact.Functions.dll")), "Impact.Functions.dll missing");
        Assert.True(IsReadyToRun(Path.Combine(output, "Impact.Functions.dll")), "Impact.Functions.dll is not ReadyToRun");
        Assert.DoesNotContain("local.settings.json", files.Select(g => g.Key));

        // Every native asset NuGet resolved for linux-x64 is in the package (whatever the packages are).
        foreach (var native in NativeAssets(Path.Combine(artifacts, "obj", "Impact.Functions", "project.assets.json")))
        {
            Assert.True(files.Contains(native), $"native library {native} (resolved for linux-x64) is not in the package");
        }

        // The ML.NET and ScottPlot native libraries, once those packages are referenced (the projects adopt them step by
        // step: until a package is referenced, its libraries are not asserted).
        var referenced = PackageReferences();
        foreach (var (package, libraries) in NativeLibraries.Where(n => referenced.Contains(n.Package)))
        {
            foreach (var library in libraries)
            {
                Assert.True(files.Contains(library), $"{library} (needed by {package} on Linux) is not in the package");
            }
        }

        // The bundled font(s) of the charts, once there are any: embedded in Impact.Analytics.dll or copied beside it.
        var resources = ManifestResources(Path.Combine(output, "Impact.Analytics.dll"));
        foreach (var font in BundledFonts())
        {
            Assert.True(
                files.Contains(font) || resources.Any(r => r.EndsWith(font, StringComparison.OrdinalIgnoreCase)),
                $"font {font} is neither embedded in Impact.Analytics.dll (resources: {string.Join(", ", resources)}) nor in the package");
        }
    }

    /// <summary>The PackageReference names of the projects under analytics/ (the domain and the use cases).</summary>
    private static HashSet<string> PackageReferences() =>
        Directory.EnumerateFiles(Path.Combine(InfraPaths.Root, "analytics"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(path => XDocument.Load(path).Descendants("PackageReference"))
            .Select(element => (string?)element.Attribute("Include"))
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Font files of the domain project (not its build output).</summary>
    private static List<string> BundledFonts()
    {
        var project = Path.Combine(InfraPaths.Root, "analytics", "Impact.Analytics");
        return [.. Directory.EnumerateFiles(project, "*.*", SearchOption.AllDirectories)
            .Where(path => Path.GetExtension(path).ToUpperInvariant() is ".TTF" or ".OTF")
            .Where(path => !Path.GetRelativePath(project, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(path => Path.GetFileName(path))];
    }

    /// <summary>File names of the native assets of the linux-x64 target in project.assets.json.</summary>
    private static List<string> NativeAssets(string assetsFile)
    {
        var assets = JsonNode.Parse(File.ReadAllText(assetsFile))!;
        var target = Assert.Single(assets["targets"]!.AsObject(), t => t.Key.EndsWith("/linux-x64", StringComparison.Ordinal)).Value!.AsObject();
        return [.. target
            .Select(library => library.Value?["native"] as JsonObject)
            .OfType<JsonObject>()
            .SelectMany(native => native.Select(n => n.Key))
            .Where(path => !path.EndsWith("_._", StringComparison.Ordinal))
            .Select(path => Path.GetFileName(path))
            .Distinct(StringComparer.Ordinal)];
    }

    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static List<string> ManifestResources(string assembly)
    {
        if (!File.Exists(assembly))
        {
            return [];
        }

        using var pe = new PEReader(File.OpenRead(assembly));
        var metadata = pe.GetMetadataReader();
        return [.. metadata.ManifestResources.Select(handle => metadata.GetString(metadata.GetManifestResource(handle).Name))];
    }
}
