using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>Frames rented from the backend (<see cref="IComputeBackend.RentHostFrame"/>): whole after their fence, and lent again.</summary>
public abstract partial class BackendSuite
{
    [SkippableFact]
    public void A_rented_frame_holds_after_its_fence_what_plain_memory_holds_when_the_call_returns()
    {
        const int width = 10, height = 6;
        var pixels = RandomPremultiplied(width, height);
        using var image = Backend.Allocate(width, height);
        Backend.Upload(pixels, image);
        using var layer = Backend.Allocate(4, 4);
        Backend.Upload(RandomPremultiplied(4, 4), layer);
        var i420 = new byte[new Yuv420Layout(width, height).TotalBytes];
        new Random(Seed).NextBytes(i420);
        var videoLayers = new[] { new Yuv420Layer(i420, width, height, 0, 0, 0.6f) };
        var draws = new[] { new LayerDraw(image, 0, 0), new LayerDraw(layer, 3, 1, 0.5f) };

        var operations = new (string Name, int Bytes, HostWrite Write)[]
        {
            ("Download", pixels.Length, target => Backend.Download(image, target)),
            ("ConvertToYuv420", i420.Length, target => Backend.ConvertToYuv420(image, target)),
            ("MixI420Layers", i420.Length, target => Backend.MixI420Layers(width, height, Rgba.Black, videoLayers, target)),
            ("CompositeLayersToI420", i420.Length, target => Backend.CompositeLayersToI420(width, height, Rgba.Black, draws, target)),
        };
        foreach (var (name, bytes, write) in operations)
        {
            var expected = new byte[bytes];
            write(expected);
            var frame = Backend.RentHostFrame(bytes);
            Assert.Equal(bytes, frame.Length);
            write(frame.Span);
            using (var fence = Backend.Fence())
                fence.Wait();
            Assert.True(expected.AsSpan().SequenceEqual(frame.Span), $"{name} into a rented frame, after its fence, differs from {name} into plain memory (seed {Seed}).");
            Backend.ReturnHostFrame(frame);
            var again = Backend.RentHostFrame(bytes);
            Backend.ReturnHostFrame(again);
        }
    }

    private delegate void HostWrite(Span<byte> target);
}
