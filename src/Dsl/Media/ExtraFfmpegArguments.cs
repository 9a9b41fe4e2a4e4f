namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Checks a script's <c>ffmpegArgs</c>: options, each with its value where it takes one. ffmpeg takes any other word for
/// the name of one more output and writes it straight over whatever file has that name, outside sc's care (no temporary
/// file, no check against the script's inputs): <c>ffmpegArgs: new[] { "-y", "in.mp4" }</c> overwrote the input.
/// </summary>
public static class ExtraFfmpegArguments
{
    /// <summary>
    /// ffmpeg's options that take no value (its boolean ones, and their "no" forms): after one of these, a word is not a value.
    /// Any option not named here is taken to take a value. A flag missing from here would have the option after it read as its
    /// value and a later value refused ("-force_fps", "-tune", "film"), so all of ffmpeg's output-side boolean options are listed.
    /// </summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
    {
        "y", "n", "an", "vn", "sn", "dn", "shortest", "copyts", "start_at_zero", "debug_ts", "xerror", "bitexact", "accurate_seek",
        "autorotate", "autoscale", "re", "stats", "nostats", "stdin", "nostdin", "fix_sub_duration", "qphist", "psnr", "intra", "hide_banner",
        "benchmark", "benchmark_all", "dump", "hex", "ignore_unknown", "copy_unknown", "recast_media", "report", "noautorotate", "noautoscale",
        "noaccurate_seek", "nocopyts", "noshortest", "nostart_at_zero", "vstats", "auto_conversion_filters", "noauto_conversion_filters",
        "find_stream_info", "force_fps", "copyinkf", "seek_timestamp", "ignore_chapters",
    };

    /// <exception cref="ScriptComposerException">A word stands where an option belongs.</exception>
    public static void Check(IReadOnlyList<string> arguments)
    {
        var valueFor = (string?)null;
        foreach (var argument in arguments)
        {
            if (valueFor is not null)
            {
                valueFor = null;
                continue;
            }
            if (argument.Length > 1 && argument[0] == '-')
            {
                var name = argument[1..].Split(':', 2)[0];
                valueFor = Flags.Contains(name) ? null : argument;
                continue;
            }
            throw new ScriptComposerException(
                $"ffmpegArgs holds '{argument}' where an option belongs: ffmpeg would take it for the name of one more output and write it directly, " +
                "over any file of that name (an input included). Give options, each with its value (such as new[] { \"-tune\", \"film\" }); " +
                "the output's own path is the one Render names.");
        }
    }
}
