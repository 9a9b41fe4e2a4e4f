using System.Runtime.CompilerServices;
using ScriptComposer.Host.Configuration;

namespace ScriptComposer.Tests.Support;

/// <summary>
/// Configures the libraries as <c>sc</c> does at start (<see cref="ScOptions.Apply"/> of this process's environment), before
/// any test runs: tests that use the libraries directly see the same cache folder (scripts/test sets <c>SC_CACHE_DIR</c>),
/// ffmpeg and fonts as the commands they run in this process.
/// </summary>
internal static class TestConfiguration
{
    [ModuleInitializer]
    internal static void Configure() => ScOptions.FromEnvironment().Apply();
}
