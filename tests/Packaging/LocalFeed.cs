using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Packaging;

/// <summary>
/// The packages <c>dotnet pack</c> makes of this checkout (the sc tool from src/Host, the library from src/Dsl and src/Gpu),
/// made once per test run into a local folder feed in a temporary folder, from the binaries the solution build left
/// (<c>--no-build</c>: nothing the other tests run is rebuilt under them). Each run gets a version of its own, so that
/// no package cache can answer with an older build's package. Beside the feed, a <c>nuget.config</c> for what installs
/// and restores from it: the feed added to the machine's sources, packages restored into a folder of the run's own with
/// the machine's package cache as a fallback, so SkiaSharp and the rest are taken from the cache the solution's restore
/// filled (nothing is downloaded again, nothing of the run is left in the cache), and a source that cannot be reached
/// (an offline machine) is passed over.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    private readonly TempFolder _folder = new("feed");
    private readonly Lazy<string?> _packed;

    public LocalFeed()
    {
        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
        _packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The version every package of this run has.</summary>
    public string Version { get; }

    /// <summary>The folder the packages are in.</summary>
    public string Folder => _folder["feed"];

    /// <summary>A folder with the <c>nuget.config</c> that adds the feed (run <c>dotnet</c> commands from it or below it).</summary>
    public string Root => _folder.Path;

    /// <summary>The configuration the build was made in (the one the tests were built in), for <c>dotnet pack --no-build</c>.</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>Packs the three projects once; fails the calling test with dotnet's output when packing failed.</summary>
    public void RequirePacked()
    {
        if (_packed.Value is { } failure)
            Assert.Fail(failure);
    }

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="directory"/>; the outcome with its output.</summary>
    public static (int ExitCode, string Output) Dotnet(string directory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(ScRunner.DotnetHost)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The test host's MSBuild settings must not leak into the builds it starts.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            info.Environment.Remove(name);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"dotnet {string.Join(' ', args)} did not finish within 10 minutes.\n{stdout.Result}{stderr.Result}");
        }
        process.WaitForExit();
        return (process.ExitCode, $"dotnet {string.Join(' ', args)} (in {directory}): exit code {process.ExitCode}\n{stdout.Result}{stderr.Result}");
    }

    public void Dispose() => _folder.Dispose();

    private string? Pack()
    {
        Directory.CreateDirectory(Folder);
        foreach (var project in new[] { "src/Gpu", "src/Dsl", "src/Host" })
        {
            var (code, output) = Dotnet(RepositoryFiles.Root, null, "pack", project, "-c", Configuration, "--no-build", "-o", Folder,
                $"-p:PackageVersion={Version}", "--nologo");
            if (code != 0)
                return $"Packing {project} failed (the solution must be built in {Configuration} first):\n{output}";
        }
        var (listed, machineCache) = Dotnet(Root, null, "nuget", "locals", "global-packages", "--list");
        var cache = machineCache.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("global-packages: ", StringComparison.Ordinal))?["global-packages: ".Length..];
        if (listed != 0 || cache is null)
            return $"Could not learn the machine's package cache:\n{machineCache}";
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{_folder["packages"]}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{cache}" />
              </fallbackPackageFolders>
              <packageSources>
                <add key="scriptcomposer-test-feed" value="{Folder}" />
              </packageSources>
            </configuration>
            """);
        return null;
    }
}
