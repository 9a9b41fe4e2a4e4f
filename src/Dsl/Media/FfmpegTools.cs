using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media;

/// <summary>Finds ffmpeg and ffprobe (on PATH, or where <c>SC_FFMPEG_DIR</c> points) and asks ffmpeg what it can do.</summary>
public static class FfmpegTools
{
    private static readonly ConcurrentDictionary<string, IReadOnlySet<string>> EncoderCache = new();

    private static readonly ConcurrentDictionary<(string Ffmpeg, string Codec), AudioEncoderLimits> AudioLimitCache = new();

    private static readonly ConcurrentDictionary<(string Ffmpeg, string Codec), IReadOnlyList<string>> PixelFormatCache = new();

    public const string InstallHint =
        "Install it with 'apt-get install ffmpeg' (or run ./scripts/install-deps), or set SC_FFMPEG_DIR to the folder that holds ffmpeg and ffprobe.";

    public static string FfmpegPath => Locate("ffmpeg");

    public static string FfprobePath => Locate("ffprobe");

    private static volatile FfmpegSettings _settings = FfmpegSettings.None;

    /// <summary>Where ffmpeg is looked for and how media are decoded (<see cref="Configure"/>).</summary>
    public static FfmpegSettings Settings => _settings;

    /// <summary>
    /// Sets where ffmpeg and ffprobe are found and whether decoding may happen in process; the host calls it once at
    /// start (in-process decoding is set up at its first use, so a later change of that part is not seen).
    /// </summary>
    public static void Configure(FfmpegSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <summary>The folder SC_FFMPEG_DIR names, or null to search PATH.</summary>
    public static string? BinaryFolder => _settings.BinaryFolder;

    public static string Locate(string tool)
    {
        if (BinaryFolder is { } dir)
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
            throw new ScriptComposerException($"{tool} was not found in SC_FFMPEG_DIR ('{dir}'). Point SC_FFMPEG_DIR at a folder holding ffmpeg and ffprobe, or unset it to use PATH.");
        }
        foreach (var folder in _settings.SearchPath)
        {
            var candidate = Path.Combine(folder, tool);
            if (File.Exists(candidate)) return candidate;
        }
        if (ReferenceEquals(_settings, FfmpegSettings.None))
            throw new ScriptComposerException($"{tool} was not looked for: nothing said where. A program using the ScriptComposer library calls FfmpegTools.Configure(FfmpegSettings.OnPath(...)) once before it renders, with the value of its PATH variable.");
        throw new ScriptComposerException($"{tool} was not found on PATH; ScriptComposer needs it to read and write video. {InstallHint}");
    }

    /// <summary>
    /// The names of the encoders this ffmpeg has (libx264, libvpx-vp9, ...). Asked once per ffmpeg binary and kept on disk
    /// (<see cref="DiskCache"/> folder "tools"), since every render checks its encoder and asking costs a process start.
    /// </summary>
    public static IReadOnlySet<string> Encoders() => EncoderCache.GetOrAdd(FfmpegPath, path => Encoders(path, DiskCache.Folder("tools")));

    private const string EncodersFormat = "sc-encoders 2";

    /// <summary>
    /// <see cref="Encoders()"/> without the memory cache, for tests. An entry on disk is used only when it is whole and
    /// unchanged and reads as an encoder list (one plain name a line, rawvideo among them, which every ffmpeg has);
    /// anything else is asked again and replaced, so a damaged entry cannot make a render report a missing encoder.
    /// </summary>
    internal static IReadOnlySet<string> Encoders(string ffmpegPath, string? cacheFolder)
    {
        var file = cacheFolder is not null
            ? Path.Combine(cacheFolder, $"encoders-{DiskCache.KeyOf($"{EncodersFormat}\n{DiskCache.VersionOf(new FileInfo(ffmpegPath))}")}.txt")
            : null;
        if (file is not null && DiskCache.TryReadSealed(file, EncodersFormat) is { } cached && ReadEncoderList(Encoding.UTF8.GetString(cached)) is { } known)
            return known;
        var names = ParseEncodersOutput(RunToString(ffmpegPath, "-hide_banner", "-encoders"));
        if (file is not null && ReadEncoderList(string.Join('\n', names)) is not null)
            DiskCache.WriteSealed(file, EncodersFormat, Encoding.UTF8.GetBytes(string.Join('\n', names.Order(StringComparer.Ordinal))));
        return names;
    }

    /// <summary>The names in <c>ffmpeg -encoders</c> output: the second word of each line after the "------" rule.</summary>
    internal static HashSet<string> ParseEncodersOutput(string output)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var started = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.TrimStart().StartsWith("------", StringComparison.Ordinal)) { started = true; continue; }
            if (!started) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2) names.Add(parts[1]);
        }
        return names;
    }

    /// <summary>A cached list (one name a line), or null when it does not look like one.</summary>
    private static HashSet<string>? ReadEncoderList(string text)
    {
        var names = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return names.Contains("rawvideo") && names.All(IsEncoderName) ? names : null;
    }

    private static bool IsEncoderName(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>
    /// The sample rates and channel layouts the audio encoder <paramref name="codec"/> takes (empty lists: any), as
    /// <c>ffmpeg -h encoder=</c> lists them; asked once per ffmpeg binary and codec and kept on disk like <see cref="Encoders()"/>.
    /// </summary>
    public static AudioEncoderLimits AudioLimits(string codec) => AudioLimitCache.GetOrAdd((FfmpegPath, codec), key =>
        AudioEncoderLimits.Parse(KeptOutput(key.Ffmpeg, "audio-encoder", "Encoder ", "-hide_banner", "-h", $"encoder={key.Codec}")));

    /// <summary>
    /// The pixel formats the video encoder <paramref name="codec"/> takes, in ffmpeg's order (empty: it lists none, so it is not
    /// asked, or this ffmpeg has no such encoder), as <c>ffmpeg -h encoder=</c> lists them; asked once per ffmpeg binary and codec
    /// and kept on disk like <see cref="Encoders()"/>.
    /// </summary>
    public static IReadOnlyList<string> PixelFormats(string codec) => PixelFormatCache.GetOrAdd((FfmpegPath, codec), key =>
        ParsePixelFormats(KeptOutput(key.Ffmpeg, "video-encoder", "Encoder ", "-hide_banner", "-h", $"encoder={key.Codec}")));

    /// <summary>The names on the "Supported pixel formats:" line of <c>ffmpeg -h encoder=NAME</c>.</summary>
    internal static IReadOnlyList<string> ParsePixelFormats(string help)
    {
        const string label = "Supported pixel formats:";
        var line = help.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal));
        return line is null ? [] : line[label.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Whether this ffmpeg was built with libsoxr, the resampler <c>aresample</c> uses at its best.</summary>
    public static bool HasSoxr() => SoxrCache.GetOrAdd(FfmpegPath, path =>
        KeptOutput(path, "buildconf", "configuration:", "-hide_banner", "-buildconf").Contains("--enable-libsoxr", StringComparison.Ordinal));

    /// <summary>
    /// What <paramref name="ffmpeg"/> prints for <paramref name="arguments"/>, asked once per ffmpeg binary and kept on disk (<see cref="DiskCache"/>
    /// folder "tools", named after <paramref name="kind"/>), since asking costs a process start. An answer is kept only when it holds
    /// <paramref name="whole"/>, the mark of a complete one, so a run that failed is asked again next time, and is read back only when it still does.
    /// </summary>
    private static string KeptOutput(string ffmpeg, string kind, string whole, params string[] arguments)
    {
        var file = DiskCache.Folder("tools") is { } folder
            ? Path.Combine(folder, $"{kind}-{DiskCache.KeyOf(DiskCache.VersionOf(new FileInfo(ffmpeg)) + "\n" + string.Join('\n', arguments))}.txt")
            : null;
        // A kept answer is believed only when whole too: a damaged one (or one from another version of sc) is asked again.
        if (file is not null && DiskCache.TryRead(file) is { Length: > 0 } cached && Encoding.UTF8.GetString(cached) is var kept && kept.Contains(whole, StringComparison.Ordinal))
            return kept;
        var text = RunToString(ffmpeg, arguments);
        if (file is not null && text.Contains(whole, StringComparison.Ordinal))
            DiskCache.Write(file, Encoding.UTF8.GetBytes(text));
        return text;
    }

    private static readonly ConcurrentDictionary<string, bool> SoxrCache = new();

    /// <summary>
    /// The options that make ffmpeg hand on every decoded frame as it is (no frame dropped or repeated to a rate): <c>-fps_mode
    /// passthrough</c>, or <c>-vsync passthrough</c> for an ffmpeg older than 5.1, which has no <c>-fps_mode</c> (the static builds
    /// that GPU machines are often given).
    /// </summary>
    public static IReadOnlyList<string> EveryFrame() => EveryFrame(Options());

    internal static IReadOnlyList<string> EveryFrame(IReadOnlySet<string> options) =>
        options.Contains("-fps_mode") ? ["-fps_mode", "passthrough"] : ["-vsync", "passthrough"];

    /// <summary>
    /// The encoder's time base, one frame of <paramref name="fps"/> (<c>-enc_time_base</c>), where this ffmpeg takes it.
    /// Left to itself, ffmpeg times the encoder by the rate it guesses from the input, which it rounds to a common one
    /// near a rare rate: 120000/1001 became 120, and an MP4 got a frame more than it was given.
    /// MPEG-4 part 2 takes no time base finer than 1/65535, so it is left to ffmpeg there.
    /// </summary>
    public static IReadOnlyList<string> EncoderTimeBase(FrameRate fps, string codec) => EncoderTimeBase(fps, codec, Options());

    internal static IReadOnlyList<string> EncoderTimeBase(FrameRate fps, string codec, IReadOnlySet<string> options) =>
        options.Contains("-enc_time_base") && !(codec == "mpeg4" && fps.Numerator > 65535) ? ["-enc_time_base:v", $"{fps.Denominator}/{fps.Numerator}"] : [];

    /// <summary>The option that names raw sound's channel layout: <c>-ch_layout</c>, or <c>-channel_layout</c> for an ffmpeg older than 5.1.</summary>
    public static string ChannelLayoutOption() => ChannelLayoutOption(Options());

    internal static string ChannelLayoutOption(IReadOnlySet<string> options) => options.Contains("-ch_layout") ? "-ch_layout" : "-channel_layout";

    /// <summary>The options this ffmpeg lists in <c>ffmpeg -h long</c>.</summary>
    private static IReadOnlySet<string> Options() => OptionsCache.GetOrAdd(FfmpegPath, path =>
        OptionsIn(KeptOutput(path, "help", "-f fmt", "-hide_banner", "-h", "long")));

    /// <summary>The option names of ffmpeg's help text: the first word of each line that starts with '-'.</summary>
    internal static IReadOnlySet<string> OptionsIn(string help) =>
        help.Split('\n').Select(line => line.TrimStart()).Where(line => line.StartsWith('-')).Select(line => line.Split(' ', 2)[0]).ToHashSet(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, IReadOnlySet<string>> OptionsCache = new();

    /// <summary>The first line of <c>ffmpeg -version</c>.</summary>
    public static string Version() => RunToString(FfmpegPath, "-version").Split('\n')[0].Trim();

    private static string RunToString(string path, params string[] arguments)
    {
        var (_, output, errors) = Run(path, arguments);
        return output + errors;
    }

    /// <summary>
    /// Runs <paramref name="program"/> to its end, each argument passed as it is (no shell, no quoting), and returns its exit
    /// code and output. It is tracked while it runs (<see cref="CleanupRegistry"/>), so it ends with sc: a probe of a file
    /// that never answers (a named pipe) or a slow encoder trial does not outlive a cancelled command.
    /// </summary>
    internal static (int ExitCode, string Output, string Errors) Run(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            var stop = HelperProcessStop.Current;
            using var process = CleanupRegistry.Start(info) ?? throw new ScriptComposerException($"{Path.GetFileName(program)} could not be started. {InstallHint}");
            try
            {
                using (stop?.Token.Register(() =>
                {
                    stop.NoteEnded();
                    CleanupRegistry.Kill(process);
                }))
                {
                    process.StandardInput.Close();
                    var errors = process.StandardError.ReadToEndAsync();
                    var output = process.StandardOutput.ReadToEnd();
                    process.WaitForExit();
                    if (stop is { Token.IsCancellationRequested: true } && process.ExitCode != 0)
                        throw new ScriptComposerException($"{Path.GetFileName(program)} was stopped before it finished, {stop.Reason}. " +
                            "Does the script read a file that never ends, such as a named pipe, or one on a network mount that does not answer?");
                    return (process.ExitCode, output, errors.GetAwaiter().GetResult());
                }
            }
            finally
            {
                CleanupRegistry.Forget(process);
            }
        }
        catch (Win32Exception e)
        {
            throw new ScriptComposerException($"Could not run {program}: {e.Message}. {InstallHint}", e);
        }
    }
}
