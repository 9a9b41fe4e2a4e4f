using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>Times written for ffmpeg exactly, from whole microseconds: no floating point between the count and the text.</summary>
internal static class FfmpegDuration
{
    /// <summary>"S.ffffff" seconds for <paramref name="microseconds"/> (0 or more), such as "1.033367".</summary>
    public static string FromMicroseconds(long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1_000_000}.{microseconds % 1_000_000:D6}");
    }
}
