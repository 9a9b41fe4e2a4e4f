using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Dsl.Text;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Compile errors that teach: an unknown name (CS1061, CS0103, CS0117) gets the DSL's spelling of the moviepy name it is
/// (<c>fadein</c> → <c>FadeIn</c>, <c>set_position</c> → <c>At</c>) or else the nearest DSL name; a number where a width goes
/// (<c>Resize(0.5)</c>, CS1503) gets <c>scale:</c>. The hint follows the compiler's message on the same line.
/// </summary>
public static class DiagnosticHints
{
    /// <summary>moviepy's names (1.x and 2.x), lower case, and what a script writes instead.</summary>
    private static readonly Dictionary<string, string> Moviepy = new(StringComparer.Ordinal)
    {
        ["fadein"] = "FadeIn", ["fadeout"] = "FadeOut", ["crossfadein"] = "CrossFadeIn", ["crossfadeout"] = "CrossFadeOut",
        ["audio_fadein"] = "AudioFadeIn", ["audio_fadeout"] = "AudioFadeOut",
        ["set_position"] = "At", ["set_pos"] = "At", ["with_position"] = "At",
        ["subclip"] = "Subclip", ["subclipped"] = "Subclip", ["cutout"] = "CutOut", ["with_section_cut_out"] = "CutOut",
        ["speedx"] = "Speed", ["multiply_speed"] = "Speed", ["with_speed_scaled"] = "Speed",
        ["resize"] = "Resize", ["resized"] = "Resize", ["crop"] = "Crop", ["cropped"] = "Crop", ["margin"] = "Margin",
        ["rotate"] = "Rotate", ["rotated"] = "Rotate", ["mirror_x"] = "MirrorX", ["mirror_y"] = "MirrorY",
        ["volumex"] = "Volume", ["multiply_volume"] = "Volume", ["with_volume_scaled"] = "Volume",
        ["set_duration"] = "WithDuration", ["with_duration"] = "WithDuration", ["set_start"] = "WithStart", ["with_start"] = "WithStart",
        ["set_end"] = "WithEnd", ["with_end"] = "WithEnd", ["set_opacity"] = "Opacity", ["with_opacity"] = "Opacity",
        ["set_mask"] = "WithMask", ["with_mask"] = "WithMask", ["set_audio"] = "WithAudio", ["with_audio"] = "WithAudio",
        ["without_audio"] = "WithoutAudio", ["loop"] = "Loop", ["time_mirror"] = "Reverse", ["freeze"] = "Freeze",
        ["blackwhite"] = "BlackAndWhite", ["invert_colors"] = "Invert", ["colorx"] = "ColorX", ["multiply_color"] = "ColorX",
        ["gamma_corr"] = "Gamma", ["mask_color"] = "ChromaKey",
        ["fl_image"] = "Map", ["image_transform"] = "Map", ["fl"] = "Map", ["transform"] = "Map",
        ["fl_time"] = "MapTime", ["time_transform"] = "MapTime", ["get_frame"] = "GetFrame", ["iter_frames"] = "IterFrames",
        ["write_videofile"] = "Render", ["write_gif"] = "Render", ["write_images_sequence"] = "Render", ["write_audiofile"] = "RenderAudio",
        ["save_frame"] = "SaveFrame", ["concatenate_videoclips"] = "Concatenate", ["concatenate_audioclips"] = "Concatenate",
        ["clips_array"] = "Grid", ["compositevideoclip"] = "Composite", ["compositeaudioclip"] = "Mix",
        ["videofileclip"] = "Video", ["audiofileclip"] = "Audio", ["textclip"] = "Text", ["subtitlesclip"] = "Subtitles",
        ["color_gradient"] = "Gradient.Linear", ["with_background_color"] = "Composite(w, h, clips, bg: ...)",
        ["with_effects"] = "the effect's own method (clip.FadeIn(1).Speed(2))", ["fx"] = "the effect's own method (clip.FadeIn(1).Speed(2))",
        ["accel_decel"] = "AccelDecel", ["acceldecel"] = "AccelDecel", ["blink"] = "Blink", ["even_size"] = "EvenSize", ["evensize"] = "EvenSize",
        ["freeze_region"] = "FreezeRegion", ["freezeregion"] = "FreezeRegion", ["headblur"] = "HeadBlur", ["lum_contrast"] = "LumContrast",
        ["lumcontrast"] = "LumContrast", ["make_loopable"] = "MakeLoopable", ["makeloopable"] = "MakeLoopable", ["mask_and"] = "MaskAnd",
        ["masks_and"] = "MaskAnd", ["masksand"] = "MaskAnd", ["mask_or"] = "MaskOr", ["masks_or"] = "MaskOr", ["masksor"] = "MaskOr",
        ["painting"] = "Painting", ["scroll"] = "Scroll", ["supersample"] = "Supersample", ["time_symmetrize"] = "TimeSymmetrize",
        ["timesymmetrize"] = "TimeSymmetrize", ["timemirror"] = "Reverse", ["audio_left_right"] = "StereoVolume",
        ["multiplystereovolume"] = "StereoVolume", ["multiply_stereo_volume"] = "StereoVolume", ["audio_loop"] = "AudioLoop",
        ["audioloop"] = "AudioLoop", ["audio_normalize"] = "AudioNormalize", ["audionormalize"] = "AudioNormalize",
        ["audioclip"] = "AudioFrames", ["max_volume"] = "AudioNormalize",
        ["duration"] = "Duration", ["w"] = "Width", ["h"] = "Height", ["size"] = "Width and Height", ["start"] = "Start", ["end"] = "End",
    };

    private static readonly Lazy<IReadOnlyList<string>> DslNames = new(() =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(Clip), typeof(CompositeClip) })
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance))
                if (member is MethodInfo { IsSpecialName: false } or PropertyInfo) names.Add(member.Name);
        }
        foreach (var type in new[] { typeof(Clips), typeof(ScriptGlobals) })
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                if (!method.IsSpecialName) names.Add(method.Name);
        }
        names.ExceptWith(["ToString", "Equals", "GetHashCode", "GetType", "Deconstruct", "<Clone>$", "Describe", "InputFiles"]);
        return [.. names.Order(StringComparer.Ordinal)];
    });

    /// <summary>The diagnostic as the compiler writes it (<c>path(line,col): error CSxxxx: message</c>), with a hint when there is one.</summary>
    public static string Format(Diagnostic diagnostic) => Hint(diagnostic) is { } hint ? $"{diagnostic} {hint}" : diagnostic.ToString();

    /// <summary>What to write instead, or null.</summary>
    public static string? Hint(Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree is not { } tree)
            return null;
        var node = tree.GetRoot().FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return diagnostic.Id switch
        {
            "CS1061" or "CS0103" or "CS0117" => Name(node) is { } name ? ForName(name) : null,
            "CS1503" => ForArgument(node),
            _ => null,
        };
    }

    /// <summary>The hint for an unknown name: its moviepy meaning, or the nearest DSL name.</summary>
    public static string? ForName(string name)
    {
        if (Moviepy.TryGetValue(name.ToLowerInvariant(), out var dsl))
            return $"(moviepy's '{name}' is {(dsl.Contains(' ', StringComparison.Ordinal) ? dsl : $"'{dsl}'")} here.)";
        return Nearest(name) is { } near && near != name ? $"(Did you mean '{near}'?)" : null;
    }

    private static string? Nearest(string name)
    {
        var flat = name.Replace("_", "", StringComparison.Ordinal);
        var same = DslNames.Value.FirstOrDefault(n => string.Equals(n, flat, StringComparison.OrdinalIgnoreCase));
        if (same is not null)
            return same;
        var best = DslNames.Value.Select(n => (Name: n, Distance: EditDistance.Levenshtein(flat.ToLowerInvariant(), n.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).First();
        return best.Distance <= Math.Max(1, Math.Min(3, flat.Length / 3)) ? best.Name : null;
    }

    /// <summary>A number where <c>Resize</c> takes a width: the factor goes to <c>scale:</c>.</summary>
    private static string? ForArgument(SyntaxNode node)
    {
        if (node.FirstAncestorOrSelf<ArgumentSyntax>() is not { NameColon: null } argument
            || argument.Parent is not ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } list
            || list.Arguments.IndexOf(argument) != 0)
            return null;
        var method = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
        var text = argument.Expression.ToString();
        return method == "Resize" && argument.Expression is not LiteralExpressionSyntax { Token.Value: int }
            ? $"(Resize's first argument is a width in pixels; for a factor write Resize(scale: {text}).)"
            : null;
    }

    private static string? Name(SyntaxNode node) => node switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => node.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().LastOrDefault()?.Identifier.ValueText,
    };
}
