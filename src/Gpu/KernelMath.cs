using System.Runtime.CompilerServices;

namespace ScriptComposer.Gpu;

/// <summary>
/// The parameter math every backend does the same way on the host before its kernels run (rounding, premultiplied colors, exact
/// angles, blur radius, gray weights, BT.709 conversion of one color, the I420 frame check), so the CPU kernels and the CUDA launches
/// take the same floats and throw the same messages. Nothing here knows a backend.
/// </summary>
internal static class KernelMath
{
    /// <summary>Add 0.5, clamp to [0, 255], truncate: the one rounding of every kernel (sc_to_u8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte ToByte(float value) => (byte)Math.Clamp(value + 0.5f, 0f, 255f);

    /// <summary>A straight color premultiplied as <see cref="IComputeBackend.Fill"/> stores it.</summary>
    internal static (byte R, byte G, byte B, byte A) PremultipliedBytes(Rgba color)
    {
        var a = color.A / 255f;
        return (ToByte(color.R * a), ToByte(color.G * a), ToByte(color.B * a), color.A);
    }

    /// <summary>cos θ and sin θ of a counter-clockwise angle in degrees, exact at multiples of 90°.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The angle is not finite.</exception>
    internal static (float Cos, float Sin) CosSin(float degrees)
    {
        if (!float.IsFinite(degrees))
            throw new ArgumentOutOfRangeException(nameof(degrees), degrees, "A rotation angle must be a finite number of degrees.");
        var d = degrees % 360f;
        if (d < 0f)
            d += 360f;
        return d switch
        {
            0f => (1f, 0f),
            90f => (0f, 1f),
            180f => (-1f, 0f),
            270f => (0f, -1f),
            _ => ((float)Math.Cos(d * Math.PI / 180.0), (float)Math.Sin(d * Math.PI / 180.0)),
        };
    }

    /// <summary>The blur radius ⌈3σ⌉ (0 for σ ≤ 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">σ is not finite.</exception>
    internal static int BlurRadius(float sigma)
    {
        if (!float.IsFinite(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "A blur's sigma must be a finite number of pixels.");
        return sigma <= 0f ? 0 : (int)MathF.Ceiling(3f * sigma);
    }

    /// <summary>The black-and-white weights of <paramref name="p"/> normalized by their sum.</summary>
    /// <exception cref="ArgumentException">A negative weight, or a sum that is not positive and finite.</exception>
    internal static (float R, float G, float B) GrayWeights(in ColorParams p)
    {
        var (r, g, b) = p.GrayWeights;
        var sum = r + g + b;
        if (!(sum > 0f) || !float.IsFinite(sum) || r < 0f || g < 0f || b < 0f)
            throw new ArgumentException($"Black-and-white weights must be non-negative with a positive sum; got ({r}, {g}, {b}).", nameof(p));
        return (r / sum, g / sum, b / sum);
    }

    /// <summary>
    /// BT.709 limited-range Y of an RGB color on 0..255, unrounded: sc_rgba_to_yuv420's luma, shared by every scalar path that writes
    /// Y (the CPU's vector paths write the same operations in the same order).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Bt709Y(float r, float g, float b) => 16f + (0.2126f * r + 0.7152f * g + 0.0722f * b) * (219f / 255f);

    /// <summary>BT.709 limited-range U (Cb) of an RGB color on 0..255, unrounded, as <see cref="Bt709Y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Bt709U(float r, float g, float b) => 128f + (-0.1146f * r - 0.3854f * g + 0.5f * b) * (224f / 255f);

    /// <summary>BT.709 limited-range V (Cr) of an RGB color on 0..255, unrounded, as <see cref="Bt709Y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Bt709V(float r, float g, float b) => 128f + (0.5f * r - 0.4542f * g - 0.0458f * b) * (224f / 255f);

    /// <summary>Throws unless <paramref name="length"/> is exactly an I420 frame of the image's size (every backend's message).</summary>
    /// <exception cref="ArgumentException">The length is another.</exception>
    internal static void CheckI420(int length, DeviceImage image, string parameterName)
    {
        var layout = new Yuv420Layout(image.Width, image.Height);
        if (length != layout.TotalBytes)
            throw new ArgumentException(
                $"An I420 frame for a {image.Width}x{image.Height} image is {layout.TotalBytes} bytes (Y {layout.LumaBytes}, then U and V " +
                $"{layout.ChromaBytes} each, {layout.ChromaWidth}x{layout.ChromaHeight}); the buffer has {length}.", parameterName);
    }

    /// <summary>Throws unless <paramref name="length"/> holds an I420 frame of <paramref name="width"/>×<paramref name="height"/> (at least).</summary>
    /// <exception cref="ArgumentException">The buffer is too short.</exception>
    internal static Yuv420Layout CheckI420Output(int width, int height, int length, string parameterName)
    {
        var layout = new Yuv420Layout(width, height);
        if (length < layout.TotalBytes)
            throw new ArgumentException($"A {width}x{height} I420 frame needs {layout.TotalBytes} bytes; the buffer has {length}.", parameterName);
        return layout;
    }

    /// <summary>The sources of an average, checked: 1 to 256 of them (255·256 fits the 16-bit sums), each of the target's size and none the target.</summary>
    internal static IReadOnlyList<DeviceImage> CheckAverage(IReadOnlyList<DeviceImage> sources, DeviceImage target)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count is < 1 or > 256)
            throw new ArgumentException($"An average takes 1 to 256 pictures; got {sources.Count}.", nameof(sources));
        foreach (var source in sources)
        {
            if (ReferenceEquals(source, target))
                throw new ArgumentException("An average's target may not be one of its sources.", nameof(target));
            if (source.Width != target.Width || source.Height != target.Height)
                throw new ArgumentException($"Every picture of an average must have the target's size {target.Width}x{target.Height}; one is {source.Width}x{source.Height}.", nameof(sources));
        }
        return sources;
    }

    /// <summary>Checks the three images of a transition: one size, and a target that is neither input.</summary>
    internal static void CheckTransition(DeviceImage from, DeviceImage to, DeviceImage target)
    {
        if (from.Width != to.Width || from.Height != to.Height || target.Width != from.Width || target.Height != from.Height)
            throw new ArgumentException($"A transition's pictures must have one size: from {from.Width}x{from.Height}, to {to.Width}x{to.Height}, target {target.Width}x{target.Height}.", nameof(target));
        if (ReferenceEquals(target, from) || ReferenceEquals(target, to))
            throw new ArgumentException("A transition needs a target distinct from its two pictures.", nameof(target));
    }
}
