// A custom per-pixel kernel: CUDA C for the GPU, the same function in C# for the CPU backend.
//   ./scripts/sc render scripts/pixel-effect.csx
var waves = PixelEffect(
    cuda: """
        float s = 0.5f + 0.5f * sinf(0.05f * x + 4.0f * t);
        px = make_float4(px.x * s, px.y, px.z * (1.0f - s), px.w);
        """,
    cpu: (px, x, y, t) =>
    {
        var s = 0.5f + 0.5f * MathF.Sin(0.05f * x + 4.0f * t);
        return new Float4(px.X * s, px.Y, px.Z * (1 - s), px.W);
    },
    name: "waves");

var picture = Gradient.Linear(640, 360, (0, 0), (640, 360), "white", "#3050ff").WithDuration(3);
Render(picture.Apply(waves), "out/pixel-effect.mp4", fps: 30);
