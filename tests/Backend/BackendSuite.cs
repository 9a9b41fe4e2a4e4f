using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// One suite for every backend (a subclass per backend). Two kinds of tests:
/// agreement with the CPU twins on random inputs within ±1 per channel, with the outputs poisoned differently on each
/// side so an unwritten pixel fails; and hand-computed pixel values (golden) for the compositor's semantics, exact.
/// </summary>
public abstract partial class BackendSuite : IDisposable
{
    /// <summary>What an output holds before an operation writes it, under test and in the reference (different, so both must write).</summary>
    private const byte PoisonTested = 0xA5;
    private const byte PoisonReference = 0x3C;

    private readonly Random _random;
    private IComputeBackend? _backend;
    private CpuBackend? _reference;

    protected BackendSuite()
    {
        var seed = Environment.GetEnvironmentVariable("SC_TEST_SEED") is { } s && int.TryParse(s, out var parsed) ? parsed : Random.Shared.Next();
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The random seed (set SC_TEST_SEED to replay a failure).</summary>
    protected int Seed { get; }

    /// <summary>Creates the backend under test, or skips with the reason it cannot run here.</summary>
    protected abstract IComputeBackend CreateBackend();

    /// <summary>True when <see cref="CreateBackend"/> hands out a backend shared by the class's tests (its fixture disposes it).</summary>
    protected virtual bool SharesBackend => false;

    protected IComputeBackend Backend => _backend ??= CreateBackend();

    private CpuBackend Reference => _reference ??= new CpuBackend();

    public void Dispose()
    {
        if (!SharesBackend)
            _backend?.Dispose();
        _reference?.Dispose();
        GC.SuppressFinalize(this);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    /// <summary>Random valid premultiplied pixels: alpha in [1, 255], each color ≤ alpha; about a quarter fully opaque.</summary>
    protected byte[] RandomPremultiplied(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < pixels.Length; i += 4)
        {
            var a = _random.Next(4) == 0 ? 255 : _random.Next(1, 256);
            pixels[i] = (byte)_random.Next(0, a + 1);
            pixels[i + 1] = (byte)_random.Next(0, a + 1);
            pixels[i + 2] = (byte)_random.Next(0, a + 1);
            pixels[i + 3] = (byte)a;
        }
        return pixels;
    }

    /// <summary>Random bytes in [1, 255] (never zero), for straight-alpha inputs and masks.</summary>
    protected byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)_random.Next(1, 256);
        return bytes;
    }

    protected Rgba RandomColor() => new((byte)_random.Next(256), (byte)_random.Next(256), (byte)_random.Next(256), (byte)_random.Next(256));

    protected static byte[] Solid(int width, int height, byte r, byte g, byte b, byte a)
    {
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < pixels.Length; i += 4)
        {
            pixels[i] = r;
            pixels[i + 1] = g;
            pixels[i + 2] = b;
            pixels[i + 3] = a;
        }
        return pixels;
    }

    protected static byte[] Poison(int width, int height, byte value)
    {
        var pixels = new byte[width * height * 4];
        Array.Fill(pixels, value);
        return pixels;
    }

    private static DeviceImage Load(IComputeBackend backend, int width, int height, byte[] pixels)
    {
        var image = backend.Allocate(width, height);
        backend.Upload(pixels, image);
        return image;
    }

    private static byte[] Read(IComputeBackend backend, DeviceImage image)
    {
        backend.Synchronize();
        var pixels = new byte[image.ByteCount];
        backend.Download(image, pixels);
        return pixels;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on the backend under test and on the CPU reference, each with its own copy of the
    /// inputs (<paramref name="inputs"/>[0] is the target; a null entry is poisoned), and compares the targets within ±1.
    /// </summary>
    protected void AgreesWithCpu(string what, (int Width, int Height, byte[]? Pixels)[] inputs, Action<IComputeBackend, DeviceImage[]> operation)
    {
        byte[] Run(IComputeBackend backend, byte poison)
        {
            var images = inputs.Select(input => Load(backend, input.Width, input.Height, input.Pixels ?? Poison(input.Width, input.Height, poison))).ToArray();
            try
            {
                operation(backend, images);
                return Read(backend, images[0]);
            }
            finally
            {
                foreach (var image in images)
                    image.Dispose();
            }
        }

        var expected = Run(Reference, PoisonReference);
        var actual = Run(Backend, PoisonTested);
        PixelAssert.Equal(expected, actual, inputs[0].Width, inputs[0].Height, 1, $"{what} on {Backend.Name} ({Backend.Device}) vs the CPU twin, seed {Seed}");
    }

    /// <summary>Runs <paramref name="operation"/> on the backend under test and returns the target's pixels.</summary>
    protected byte[] RunOnBackend((int Width, int Height, byte[]? Pixels)[] inputs, Action<IComputeBackend, DeviceImage[]> operation)
    {
        var images = inputs.Select(input => Load(Backend, input.Width, input.Height, input.Pixels ?? Poison(input.Width, input.Height, PoisonTested))).ToArray();
        try
        {
            operation(Backend, images);
            return Read(Backend, images[0]);
        }
        finally
        {
            foreach (var image in images)
                image.Dispose();
        }
    }

    protected static void PixelIs(byte[] pixels, int width, int x, int y, byte r, byte g, byte b, byte a, string what)
    {
        var i = (y * width + x) * 4;
        var actual = (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]);
        Assert.True(actual == (r, g, b, a), $"{what}: pixel ({x}, {y}) is {actual}, expected {(r, g, b, a)}");
    }

    protected static void AllPixelsAre(byte[] pixels, int width, int height, byte r, byte g, byte b, byte a, string what) =>
        PixelAssert.Equal(Solid(width, height, r, g, b, a), pixels, width, height, 0, what);
}
