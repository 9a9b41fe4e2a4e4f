namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>The CUresult codes this code looks at by value; the driver names any other code (cuGetErrorName).</summary>
internal enum CudaResult
{
    Success = 0,
    InvalidValue = 1,
    OutOfMemory = 2,
    NotInitialized = 3,
    NoDevice = 100,
    InvalidDevice = 101,
    InvalidPtx = 218,
    UnsupportedPtxVersion = 222,
    NotFound = 500,
    NotReady = 600,
}
