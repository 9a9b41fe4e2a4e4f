using System.Reflection;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>
/// What a clip reads is what an output may not replace: every kind of clip that holds other clips must name their files, or an
/// output could overwrite a video the script reads through it.
/// </summary>
public class ClipInputFilesTests
{
    [Fact]
    public void Every_kind_of_clip_that_holds_clips_names_their_files()
    {
        var holders = typeof(Clip).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Clip)) && !t.IsAbstract)
            .Where(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Any(p => HoldsClips(p.PropertyType)))
            .ToList();

        Assert.NotEmpty(holders);
        var missing = holders.Where(t => t.GetMethod(nameof(Clip.InputFiles), Type.EmptyTypes)!.DeclaringType != t).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, $"These clips hold clips but do not add their InputFiles: {string.Join(", ", missing)}");
    }

    [Fact]
    public void A_mapped_clip_a_mask_and_a_replaced_sound_name_their_files()
    {
        var video = new VideoClip(new MediaInfo("/media/v.mp4", 32, 24, 1, new FrameRate(30), "yuv420p", HasAudio: false), 32, 24) { Duration = 1 };
        var sound = new AudioClip(new FileAudio("/media/s.wav", 1, 48000, ChannelLayout.Stereo)) { Duration = 1 };

        Assert.Contains("/media/v.mp4", video.Map((_, image) => image).InputFiles());
        Assert.Contains("/media/v.mp4", Color(32, 24, "red").WithMask(video).InputFiles());
        Assert.Contains("/media/s.wav", Color(32, 24, "red").WithAudio(sound).InputFiles());
    }

    private static bool HoldsClips(Type type) =>
        typeof(Clip).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericArguments().Any(a => typeof(Clip).IsAssignableFrom(a)) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type));
}
