namespace ScriptComposer.Dsl.Media.Native;

internal static unsafe partial class LibAv
{
    // AVFrame: data[8], linesize[8], extended_data, width, height, nb_samples, format (offsets as for video frames).
    internal static byte** FrameExtendedData(nint frame) => *(byte***)(frame + 96);

    internal static int FrameSamples(nint frame) => *(int*)(frame + 112);
}
