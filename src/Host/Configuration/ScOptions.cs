using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Text;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Host.Configuration;

/// <summary>
/// Everything sc takes from its environment, read once at start (<see cref="FromEnvironment"/>) and handed down:
/// <see cref="Apply"/> gives the libraries their settings (none of them reads the environment), and the commands take
/// the rest (<see cref="Cuda"/>) from here. A value that cannot be meant is refused at once, naming the variable.
/// </summary>
public sealed record ScOptions
{
    /// <summary>Where the disk caches live (<c>SC_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/scriptcomposer</c>, else <c>~/.cache/scriptcomposer</c>); null when <c>SC_NO_CACHE=1</c> turns them off.</summary>
    public string? CacheFolder { get; init; }

    /// <summary>Where compiled CUDA kernels are kept (<c>SC_KERNEL_CACHE</c>); null for the cache folder's <c>kernels</c>.</summary>
    public string? KernelCacheFolder { get; init; }

    /// <summary>The folder holding ffmpeg and ffprobe (<c>SC_FFMPEG_DIR</c>); null to search <see cref="SearchPath"/>.</summary>
    public string? FfmpegFolder { get; init; }

    /// <summary>The folders programs are looked for in (<c>PATH</c>).</summary>
    public IReadOnlyList<string> SearchPath { get; init; } = [];

    /// <summary>Whether media may be decoded in process by libavcodec (<c>SC_IN_PROCESS_DECODE=0</c> turns it off).</summary>
    public bool InProcessDecode { get; init; } = true;

    /// <summary>Font folders scanned before the system's (<c>SC_FONT_DIRS</c>, separated by <c>:</c>).</summary>
    public IReadOnlyList<string> FontFolders { get; init; } = [];

    /// <summary>The user's data folder, whose <c>fonts</c> is scanned (<c>XDG_DATA_HOME</c>); null for <c>~/.local/share</c>.</summary>
    public string? DataHome { get; init; }

    /// <summary>The NVRTC library to load (<c>SC_NVRTC_PATH</c>); null to search for one.</summary>
    public string? NvrtcPath { get; init; }

    /// <summary>The variables the NVRTC search reads (<see cref="NvrtcLocation.SearchVariableNames"/>) that are set.</summary>
    public IReadOnlyDictionary<string, string> NvrtcSearchVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The most pixels one image or video frame may have (<c>SC_MAX_PIXELS</c>).</summary>
    public long MaxPixels { get; init; } = MediaLimits.DefaultMaxPixels;

    /// <summary>The cores this process's own work uses (<c>SC_THREADS</c>): the CPU backend's row loops and each video decoder; null for all of them.</summary>
    public int? Threads { get; init; }

    /// <summary>Whether every CUDA launch is waited for and checked (<c>SC_CUDA_SYNC=1</c>).</summary>
    public bool CudaSync { get; init; }

    /// <summary>The dotnet host that starts sc's worker processes when sc runs inside another program, such as the tests (<c>DOTNET_HOST_PATH</c>); null to find one.</summary>
    public string? DotnetHostPath { get; init; }

    /// <summary>A test hook (<c>SC_TEST_FAIL_CHUNK=INDEX:MARKER</c>): chunk INDEX fails once, while the marker file does not exist.</summary>
    public string? ChunkFailOnce { get; init; }

    /// <summary>The variable of <see cref="SlowCommit"/>.</summary>
    internal const string SlowCommitVariable = "SC_TEST_SLOW_COMMIT_MS";

    /// <summary>A test hook (<c>SC_TEST_SLOW_COMMIT_MS=N</c>): each file moved into place waits N ms first, so a signal can arrive during the move (<see cref="OutputCommit"/>).</summary>
    public TimeSpan SlowCommit { get; init; }

    /// <summary>Each setting with its effective value and where it came from, for <c>sc doctor --verbose</c>.</summary>
    public IReadOnlyList<ScOption> Described { get; init; } = [];

    /// <summary>The options last <see cref="Apply"/>'d in this process (those of an empty environment before).</summary>
    public static ScOptions Current { get; private set; } = Read(_ => null, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The CUDA backend's options: kernels in the kernel cache <see cref="Apply"/> set, launches checked one by one with <see cref="CudaSync"/>.</summary>
    public CudaOptions Cuda => new() { SynchronizeEachLaunch = CudaSync };

    /// <summary>The options of this process's environment.</summary>
    /// <exception cref="ScriptComposerException">A variable holds a value that cannot be meant; the message names it and the fix.</exception>
    public static ScOptions FromEnvironment() =>
        Read(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>
    /// The options an environment gives: <paramref name="environment"/> reads a variable (null when unset; an empty value
    /// counts as unset), <paramref name="home"/> is the user's home folder, for the defaults under it.
    /// </summary>
    /// <exception cref="ScriptComposerException">A variable holds a value that cannot be meant; the message names it and the fix.</exception>
    public static ScOptions Read(Func<string, string?> environment, string home)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value : null;
        var described = new List<ScOption>();

        var noCache = Switch(Get, "SC_NO_CACHE", "turn the disk caches off", "keep them") ?? false;
        string? cache;
        if (noCache)
        {
            cache = null;
            described.Add(new("SC_CACHE_DIR", "off: no disk caches", "from SC_NO_CACHE"));
        }
        else if (Get("SC_CACHE_DIR") is { } explicitRoot)
        {
            cache = explicitRoot;
            described.Add(new("SC_CACHE_DIR", cache, "environment"));
        }
        else if (Get("XDG_CACHE_HOME") is { } xdg)
        {
            cache = Path.Combine(xdg, "scriptcomposer");
            described.Add(new("SC_CACHE_DIR", cache, "from XDG_CACHE_HOME"));
        }
        else
        {
            cache = Path.Combine(home, ".cache", "scriptcomposer");
            described.Add(new("SC_CACHE_DIR", cache, "default"));
        }

        var kernels = Get("SC_KERNEL_CACHE");
        described.Add(kernels is not null
            ? new("SC_KERNEL_CACHE", kernels, "environment")
            : new("SC_KERNEL_CACHE", cache is null ? "off: no disk caches" : Path.Combine(cache, "kernels"), "default"));

        var ffmpeg = Get("SC_FFMPEG_DIR");
        described.Add(new("SC_FFMPEG_DIR", ffmpeg ?? "unset: ffmpeg and ffprobe are looked for on PATH", ffmpeg is null ? "default" : "environment"));
        var searchPath = (Get("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

        var decode = Switch(Get, "SC_IN_PROCESS_DECODE", "decode in process where it can", "leave decoding to ffmpeg processes");
        described.Add(new("SC_IN_PROCESS_DECODE", (decode ?? true) ? "1 (on where the libraries allow)" : "0 (ffmpeg processes decode)", decode is null ? "default" : "environment"));

        var fonts = (Get("SC_FONT_DIRS") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        described.Add(new("SC_FONT_DIRS", fonts.Length == 0 ? "none besides the system's" : string.Join(Path.PathSeparator, fonts), fonts.Length == 0 ? "default" : "environment"));
        var dataHome = Get("XDG_DATA_HOME");
        described.Add(new("XDG_DATA_HOME", dataHome ?? Path.Combine(home, ".local", "share"), dataHome is null ? "default" : "environment"));

        var nvrtc = string.IsNullOrWhiteSpace(Get("SC_NVRTC_PATH")) ? null : Get("SC_NVRTC_PATH");
        described.Add(new("SC_NVRTC_PATH", nvrtc ?? "unset: the newest NVRTC the driver runs is looked for", nvrtc is null ? "default" : "environment"));
        var search = NvrtcLocation.SearchVariableNames
            .Select(name => (Name: name, Value: Get(name)))
            .Where(v => v.Value is not null)
            .ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);

        var maxPixelsText = Get("SC_MAX_PIXELS");
        var maxPixels = maxPixelsText is null ? MediaLimits.DefaultMaxPixels : MediaLimits.ParseMaxPixels(maxPixelsText);
        described.Add(new("SC_MAX_PIXELS", maxPixels.ToString(System.Globalization.CultureInfo.InvariantCulture), maxPixelsText is null ? "default" : "environment"));

        var threadsText = Get("SC_THREADS");
        var threads = threadsText is null ? (int?)null : ParseThreads(threadsText);
        described.Add(new("SC_THREADS", threads is { } t
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{t} (of {Environment.ProcessorCount} cores)")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"all {Environment.ProcessorCount} cores"), threads is null ? "default" : "environment"));

        var cudaSync = Switch(Get, "SC_CUDA_SYNC", "check every CUDA launch at once", "let launches run ahead");
        described.Add(new("SC_CUDA_SYNC", (cudaSync ?? false) ? "1 (every launch checked)" : "0 (launches run ahead)", cudaSync is null ? "default" : "environment"));

        var dotnetHost = Get("DOTNET_HOST_PATH");
        if (dotnetHost is not null)
            described.Add(new("DOTNET_HOST_PATH", dotnetHost, "environment"));
        var failOnce = Get(Chunks.ChunkTask.FailOnceVariable);
        if (failOnce is not null)
            described.Add(new(Chunks.ChunkTask.FailOnceVariable, failOnce, "environment (a test hook)"));
        var slowCommitText = Get(SlowCommitVariable);
        var slowCommit = slowCommitText is not null && int.TryParse(slowCommitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pause)
            ? TimeSpan.FromMilliseconds(pause) : TimeSpan.Zero;
        if (slowCommitText is not null)
            described.Add(new(SlowCommitVariable, slowCommitText, "environment (a test hook)"));

        return new ScOptions
        {
            DotnetHostPath = dotnetHost,
            ChunkFailOnce = failOnce,
            SlowCommit = slowCommit,
            CacheFolder = cache,
            KernelCacheFolder = kernels,
            FfmpegFolder = ffmpeg,
            SearchPath = searchPath,
            InProcessDecode = decode ?? true,
            FontFolders = fonts,
            DataHome = dataHome,
            NvrtcPath = nvrtc,
            NvrtcSearchVariables = search,
            MaxPixels = maxPixels,
            Threads = threads,
            CudaSync = cudaSync ?? false,
            Described = described,
        };
    }

    /// <summary>
    /// Gives the libraries their settings (the disk cache, the kernel cache, where ffmpeg and NVRTC are, the font folders, the cores,
    /// the pixel budget) and makes these the <see cref="Current"/> options. Call it at start, before anything probes:
    /// what is found once per process (NVRTC, ffmpeg's libraries, the fonts) is not looked for again.
    /// </summary>
    public void Apply()
    {
        DiskCache.Root = CacheFolder;
        KernelCompiler.DefaultCacheDirectory = KernelCacheFolder;
        CudaLoader.Configure(new NvrtcLocation(NvrtcPath, NvrtcSearchVariables));
        FfmpegTools.Configure(new FfmpegSettings(FfmpegFolder, SearchPath, InProcessDecode, Threads));
        CpuThreads.Count = Threads ?? Environment.ProcessorCount;
        FontCatalog.Configure(FontFolders, DataHome);
        MediaLimits.MaxPixels = MaxPixels;
        OutputCommit.PausePerFile = SlowCommit;
        Current = this;
    }

    /// <summary>
    /// The most <c>SC_THREADS</c> may give: every thread is started and each decoder makes a frame per thread, so a number far
    /// past any machine's cores only fills the memory (99999 was killed for it).
    /// </summary>
    internal const int MaxThreads = 1024;

    /// <summary>A number of cores as <c>SC_THREADS</c> gives it: a whole number from 1 to <see cref="MaxThreads"/>.</summary>
    private static int ParseThreads(string text)
    {
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1)
            throw new ScriptComposerException(
                $"SC_THREADS is '{text}', which is not a number of cores. Give a whole number from 1 (such as SC_THREADS=4), or unset it to use all {Environment.ProcessorCount} cores.");
        if (count > MaxThreads)
            throw new ScriptComposerException(
                $"SC_THREADS is {count}, more threads than sc can start (at most {MaxThreads}; this machine has {Environment.ProcessorCount} cores). Give a smaller number, or unset it to use all cores.");
        return count;
    }

    /// <summary>An on/off variable: 1, true, yes, on or 0, false, no, off (any case); null when unset.</summary>
    private static bool? Switch(Func<string, string?> get, string name, string whatOnDoes, string whatOffDoes)
    {
        if (get(name) is not { } text)
            return null;
        return text.Trim().ToLowerInvariant() switch
        {
            "1" or "true" or "yes" or "on" => true,
            "0" or "false" or "no" or "off" => false,
            _ => throw new ScriptComposerException(
                $"{name} is '{text}', which is neither on nor off. Set {name}=1 to {whatOnDoes} or {name}=0 to {whatOffDoes} " +
                "(true/false, yes/no and on/off are taken too), or unset it."),
        };
    }
}
