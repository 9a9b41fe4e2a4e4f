using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Packaging;

/// <summary>
/// sc installed the way .NET tools are, and the DSL used as a library package (issue 18): both packed into a local
/// feed (<see cref="LocalFeed"/>), the tool installed from it into a temporary tool path and run on hello.csx, and a
/// console program of a few lines built against the library package, rendering without a script.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PackageTests(LocalFeed feed) : IClassFixture<LocalFeed>
{
    private static readonly Rgba Navy = new(0x1e, 0x3c, 0x72);
    private static readonly Rgba Red = new(255, 0, 0);

    [SkippableFact]
    public void The_tool_installs_from_the_feed_and_renders_hello()
    {
        ToolRunner.RequireFfmpeg();
        feed.RequirePacked();
        using var work = new TempFolder("tool");
        var tools = work["tools"];
        var (installed, output) = LocalFeed.Dotnet(feed.Root, null, "tool", "install", "ScriptComposer.Tool", "--tool-path", tools,
            "--version", feed.Version, "--add-source", feed.Folder, "--ignore-failed-sources");
        Assert.True(installed == 0, output);
        var sc = Path.Combine(tools, "sc");
        Assert.True(File.Exists(sc), $"dotnet tool install put no 'sc' command in {tools}:\n{output}");

        // The example as a user has it: the script, its media and its output folder.
        var project = work["project"];
        Directory.CreateDirectory(Path.Combine(project, "media"));
        Directory.CreateDirectory(Path.Combine(project, "out"));
        File.Copy(RepositoryFiles.Script("hello.csx"), Path.Combine(project, "hello.csx"));
        File.Copy(Path.Combine(RepositoryFiles.Root, "scripts", "media", "logo.png"), Path.Combine(project, "media", "logo.png"));
        var render = ToolRunner.RunIn(project, sc, ["render", "hello.csx", "--backend", "cpu"], TimeSpan.FromMinutes(5), DotnetRoot());
        Assert.True(render.ExitCode == 0, $"the installed sc failed:\n{render.Stderr}");

        var probe = MediaProbeTool.Probe(Path.Combine(project, "out", "hello.mp4"));
        Assert.Equal((1280, 720, 150L), (probe.Width, probe.Height, probe.FrameCount));
    }

    [SkippableFact]
    public void A_console_program_renders_frames_through_the_library_package()
    {
        ToolRunner.RequireFfmpeg();
        feed.RequirePacked();
        var app = Path.Combine(feed.Root, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ScriptComposer.Dsl" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        // A clip graph in plain C#, no script: a navy background and a red square moving right at 100 px/s.
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using ScriptComposer.Dsl;
            using ScriptComposer.Dsl.Media;
            using ScriptComposer.Dsl.Rendering;
            using ScriptComposer.Dsl.Scripting;
            using ScriptComposer.Gpu;

            FfmpegTools.Configure(FfmpegSettings.OnPath(Environment.GetEnvironmentVariable("PATH")));
            var background = Clips.Color(320, 180, "#1e3c72");
            var square = Clips.Color(40, 40, "red").At(t => (20 + 100 * t, 70));
            var scene = Clips.Composite(320, 180, background, square).WithDuration(1);

            using var backend = Backends.Create(BackendKind.Cpu).Backend;
            var video = new VideoOutput(scene, Path.GetFullPath(args[0]), new FrameRate(30), new EncoderSettings());
            var summary = RenderJob.RenderVideo(video, backend, new RenderRange(To: 0.2));
            RenderJob.RenderFrame(scene, 0.5, Path.GetFullPath(args[1]), backend);
            Console.WriteLine($"{summary.Frames} frames");
            """);
        var (built, output) = LocalFeed.Dotnet(app, null, "build", "-c", "Release", "--nologo", "-p:RestoreIgnoreFailedSources=true");
        Assert.True(built == 0, output);
        // The XML docs came with the package, for the editor to show.
        var lib = Path.Combine(feed.Root, "packages", "scriptcomposer.dsl", feed.Version, "lib", "net10.0");
        Assert.True(File.Exists(Path.Combine(lib, "ScriptComposer.Dsl.xml")), $"no XML docs in {lib}");

        var (ran, said) = LocalFeed.Dotnet(app, null, Path.Combine(app, "bin", "Release", "net10.0", "app.dll"), "out.mp4", "frame.png");
        Assert.True(ran == 0, said);

        var probe = MediaProbeTool.Probe(Path.Combine(app, "out.mp4"));
        Assert.Equal((320, 180, 6L), (probe.Width, probe.Height, probe.FrameCount));
        var first = FrameGrabber.Frame(Path.Combine(app, "out.mp4"), 0);
        PixelCheck.AssertNear(first, 40, 90, Red, 40, "the square at 0 s");
        PixelCheck.AssertNear(first, 200, 90, Navy, 12, "the background at 0 s");
        var frame = RgbaImage.LoadPng(Path.Combine(app, "frame.png"));
        Assert.Equal((320, 180), (frame.Width, frame.Height));
        PixelCheck.AssertNear(frame, 90, 90, Red, 1, "the square at 0.5 s (x 70 to 110)");
        PixelCheck.AssertNear(frame, 40, 90, Navy, 1, "where the square was at 0 s");
    }

    /// <summary>Where the running .NET is, for the tool's launcher (it looks for the runtime there first).</summary>
    private static Dictionary<string, string> DotnetRoot()
    {
        var host = ToolRunner.Locate(ScRunner.DotnetHost) ?? ScRunner.DotnetHost;
        var real = File.ResolveLinkTarget(host, returnFinalTarget: true)?.FullName ?? host;
        return new() { ["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(real))! };
    }
}
