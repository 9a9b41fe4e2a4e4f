using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>Transitions: every kind against its CPU twin on random pictures, and hand-computed pixels.</summary>
public abstract partial class BackendSuite
{
    public static TheoryData<TransitionKind> TransitionKinds() => [.. Enum.GetValues<TransitionKind>()];

    [SkippableTheory]
    [MemberData(nameof(TransitionKinds))]
    public void Transition_agrees_with_cpu(TransitionKind kind)
    {
        var from = RandomPremultiplied(W, H);
        var to = RandomPremultiplied(W, H);
        var color = RandomColor();
        foreach (var progress in new[] { 0f, 0.13f, 0.5f, 0.87f })
            AgreesWithCpu($"Transition {kind} at {progress} through {color}", [(W, H, null), (W, H, from), (W, H, to)],
                (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(kind, progress, color)));
    }

    [SkippableFact]
    public void Transition_effect_agrees_with_cpu()
    {
        var from = RandomPremultiplied(W, H);
        var to = RandomPremultiplied(W, H);
        var effect = new TransitionEffect(
            cuda: "return make_float4(a.x * (1.0f - p) + b.x * p, b.y, x < p * width ? a.z : b.z, y < height / 2 ? a.w : b.w);",
            cpu: (a, b, x, y, p) => new Float4(a.X * (1f - p) + b.X * p, b.Y, x < p * W ? a.Z : b.Z, y < H / 2 ? a.W : b.W),
            name: "mixed");
        foreach (var progress in new[] { 0f, 0.4f, 1f })
            AgreesWithCpu($"TransitionEffect at {progress}", [(W, H, null), (W, H, from), (W, H, to)],
                (b, i) => b.ApplyTransitionEffect(i[1], i[2], i[0], effect, progress));
    }

    [SkippableFact]
    public void Transition_effect_with_only_a_cpu_function_runs_it_on_every_backend()
    {
        var from = RandomPremultiplied(W, H);
        var to = RandomPremultiplied(W, H);
        var effect = new TransitionEffect(cpu: (a, b, x, y, p) => y % 2 == 0 ? a : b, name: "rows");
        AgreesWithCpu("TransitionEffect with only a C# function", [(W, H, null), (W, H, from), (W, H, to)],
            (b, i) => b.ApplyTransitionEffect(i[1], i[2], i[0], effect, 0.5f));
    }

    [SkippableFact]
    public void Transition_fade_mixes_by_progress()
    {
        // xfade's mix(a, b, 1 − progress): 200·0.75 + 0·0.25 = 150, 0·0.75 + 200·0.25 = 50.
        var pixels = RunOnBackend([(4, 3, null), (4, 3, Solid(4, 3, 200, 100, 0, 255)), (4, 3, Solid(4, 3, 0, 100, 200, 255))],
            (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(TransitionKind.Fade, 0.25f, Rgba.Black)));
        AllPixelsAre(pixels, 4, 3, 150, 100, 50, 255, "fade at 0.25");
    }

    [SkippableFact]
    public void Transition_fade_color_follows_xfades_fadeblack()
    {
        // At progress 0.2 (xfade's p = 0.8) the first picture is gone (smoothstep(0.8, 1, 0.8) = 0) and the second comes in by
        // 1 − smoothstep(0.2, 1, 0.8) = 0.15625: c = 0.8·color + 0.2·(0.84375·color + 0.15625·20).
        var pixels = RunOnBackend([(3, 2, null), (3, 2, Solid(3, 2, 200, 200, 200, 255)), (3, 2, Solid(3, 2, 20, 20, 20, 255))],
            (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(TransitionKind.FadeColor, 0.2f, new Rgba(250, 130, 10, 255))));
        AllPixelsAre(pixels, 3, 2, 243, 127, 10, 255, "fade through orange at 0.2"); // 242.81, 126.56, 10.31
    }

    [SkippableFact]
    public void Transition_wipe_left_shows_the_second_picture_right_of_the_edge()
    {
        // xfade: z = (int)(width·(1 − progress)) = 5 for 10 pixels at 0.5; x ≤ z shows the first picture.
        var pixels = RunOnBackend([(10, 2, null), (10, 2, Solid(10, 2, 255, 0, 0, 255)), (10, 2, Solid(10, 2, 0, 0, 255, 255))],
            (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(TransitionKind.WipeLeft, 0.5f, Rgba.Black)));
        for (var x = 0; x < 10; x++)
            PixelIs(pixels, 10, x, 1, (byte)(x <= 5 ? 255 : 0), 0, (byte)(x <= 5 ? 0 : 255), 255, $"wipe left at 0.5, x = {x}");
    }

    [SkippableFact]
    public void Transition_slide_left_moves_both_pictures()
    {
        // A push by (int)(−0.5·8) = −4: output x shows the first picture's x + 4 for x < 4, then the second's x − 4.
        var from = Columns(8, 1, x => (byte)(10 + x));
        var to = Columns(8, 1, x => (byte)(100 + x));
        var pixels = RunOnBackend([(8, 1, null), (8, 1, from), (8, 1, to)],
            (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(TransitionKind.SlideLeft, 0.5f, Rgba.Black)));
        for (var x = 0; x < 8; x++)
            PixelIs(pixels, 8, x, 0, (byte)(x < 4 ? 10 + x + 4 : 100 + x - 4), 0, 0, 255, $"slide left at 0.5, x = {x}");
    }

    [SkippableFact]
    public void Transition_cover_left_slides_the_second_picture_over_a_still_first()
    {
        var from = Columns(8, 1, x => (byte)(10 + x));
        var to = Columns(8, 1, x => (byte)(100 + x));
        var pixels = RunOnBackend([(8, 1, null), (8, 1, from), (8, 1, to)],
            (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(TransitionKind.CoverLeft, 0.25f, Rgba.Black)));
        // (int)(−0.75·8) = −6: the second picture's columns 0 and 1 at x = 6 and 7; the first picture stays where it was.
        for (var x = 0; x < 8; x++)
            PixelIs(pixels, 8, x, 0, (byte)(x < 6 ? 10 + x : 100 + x - 6), 0, 0, 255, $"cover left at 0.25, x = {x}");
    }

    [SkippableFact]
    public void Transition_dissolve_switches_each_pixel_once_in_a_fixed_order()
    {
        const int w = 64, h = 48;
        var from = Solid(w, h, 255, 0, 0, 255);
        var to = Solid(w, h, 0, 0, 255, 255);
        bool[]? before = null;
        foreach (var progress in new[] { 0f, 0.25f, 0.5f, 0.75f, 0.999f })
        {
            var pixels = RunOnBackend([(w, h, null), (w, h, from), (w, h, to)],
                (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(TransitionKind.Dissolve, progress, Rgba.Black)));
            var shows = new bool[w * h];
            for (var p = 0; p < w * h; p++)
            {
                Assert.True(pixels[p * 4] is 0 or 255 && pixels[p * 4 + 2] == 255 - pixels[p * 4], $"dissolve at {progress}: pixel {p} is neither picture");
                shows[p] = pixels[p * 4 + 2] == 255;
                if (before is not null)
                    Assert.True(!before[p] || shows[p], $"dissolve: pixel {p} went back to the first picture at {progress}");
            }
            var share = shows.Count(s => s) / (double)(w * h);
            Assert.InRange(share, progress - 0.05, progress + 0.05);
            before = shows;
        }
    }

    [SkippableFact]
    public void Transition_rect_open_grows_a_centered_rectangle()
    {
        // At 0.5 over 8×4: |2x + 1 − 8| < 4 and |2y + 1 − 4| < 2, so x in 2..5 and y in 1..2 show the second picture.
        var pixels = RunOnBackend([(8, 4, null), (8, 4, Solid(8, 4, 255, 0, 0, 255)), (8, 4, Solid(8, 4, 0, 0, 255, 255))],
            (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(TransitionKind.RectOpen, 0.5f, Rgba.Black)));
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 8; x++)
            {
                var inside = x is >= 2 and <= 5 && y is >= 1 and <= 2;
                PixelIs(pixels, 8, x, y, (byte)(inside ? 0 : 255), 0, (byte)(inside ? 255 : 0), 255, "rect open at 0.5");
            }
    }

    [SkippableFact]
    public void Transition_refuses_pictures_of_different_sizes()
    {
        using var from = Backend.Allocate(4, 4);
        using var to = Backend.Allocate(4, 3);
        using var target = Backend.Allocate(4, 4);
        var error = Assert.Throws<ArgumentException>(() => Backend.Transition(from, to, target, new TransitionParams(TransitionKind.Fade, 0.5f, Rgba.Black)));
        Assert.Contains("one size", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Columns(int width, int height, Func<int, byte> red)
    {
        var pixels = Solid(width, height, 0, 0, 0, 255);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                pixels[(y * width + x) * 4] = red(x);
        return pixels;
    }
}
