namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// The CUresult codes this code looks at by value, or names without a driver (a fake runtime in the tests, a driver whose
/// cuGetErrorName is missing); the driver names any other code (cuGetErrorName).
/// </summary>
internal enum CudaResult
{
    Success = 0,
    InvalidValue = 1,
    OutOfMemory = 2,
    NotInitialized = 3,
    NoDevice = 100,
    InvalidDevice = 101,
    InvalidImage = 200,
    InvalidContext = 201,
    NoBinaryForGpu = 209,
    IllegalAddress = 700,
    InvalidPtx = 218,
    JitCompilerNotFound = 221,
    UnsupportedPtxVersion = 222,
    JitCompilationDisabled = 223,
    InvalidSource = 300,
    FileNotFound = 301,
    SharedObjectInitFailed = 303,
    NotFound = 500,
    NotReady = 600,
    LaunchFailed = 719,
}
