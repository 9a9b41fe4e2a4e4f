namespace ScriptComposer.Gpu;

/// <summary>
/// A point in a backend's queued work (<see cref="IComputeBackend.Fence"/>): <see cref="Wait"/> returns once everything queued
/// before it has finished, so a frame written into a rented host frame (<see cref="IComputeBackend.RentHostFrame"/>) may be read.
/// Dispose it when done; waiting is allowed from any thread, once or many times, until then.
/// </summary>
public sealed class DeviceFence : IDisposable
{
    private readonly Action? _wait;
    private Action? _release;

    /// <summary>A fence with nothing to wait for: what a backend that finishes every call before it returns gives.</summary>
    public static DeviceFence Completed { get; } = new(null, null);

    internal DeviceFence(Action? wait, Action? release)
    {
        _wait = wait;
        _release = release;
    }

    public void Wait() => _wait?.Invoke();

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
