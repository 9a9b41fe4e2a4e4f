using System.Diagnostics;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ScriptComposer.Tests.Device;

/// <summary>
/// The test assembly's own entry point: <c>dotnet ScriptComposer.Tests.dll CLASS[.METHOD] ...</c> runs those test classes in this
/// process with xunit's own execution engine, with nothing but the .NET runtime (no SDK, no vstest), as on a GPU machine lent for a
/// few minutes (<c>scripts/device-check</c>). A class is named by its full name or by its name alone. Prints a line per test and
/// ends with <c>N passed, N failed, N skipped</c>; exit code 0 when none failed and some ran. <c>dotnet test</c> does not use it.
/// </summary>
public static class DeviceTestMain
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args.Contains("--help"))
        {
            Console.WriteLine("usage: dotnet ScriptComposer.Tests.dll CLASS[.METHOD] ...   (runs those tests in this process; see scripts/device-check)");
            return args.Length == 0 ? 2 : 0;
        }
        var (passed, failed, skipped) = Run(args, Console.Out);
        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        return failed > 0 || passed + skipped == 0 ? 1 : 0;
    }

    /// <summary>Runs the named classes (or single tests) of this assembly, one class after another, and counts the results.</summary>
    /// <exception cref="ArgumentException">A name matches no test class.</exception>
    public static (int Passed, int Failed, int Skipped) Run(IReadOnlyList<string> names, TextWriter output)
    {
        var assembly = typeof(DeviceTestMain).Assembly;
        var classes = assembly.GetTypes().Where(t => t.IsClass && t.IsPublic && !t.IsAbstract).ToArray();
        var sink = new Sink(output);
        using var framework = new XunitTestFramework(sink);
        using var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        var options = new Options();
        options.SetValue<bool?>("xunit.execution.DisableParallelization", true);
        var cases = new List<ITestCase>();
        foreach (var name in names)
        {
            var (typeName, method) = Split(name, classes);
            var found = new DiscoverySink();
            discoverer.Find(typeName, false, found, options);
            found.Complete.WaitOne();
            var matching = found.Cases.Where(c => method is null || c.TestMethod.Method.Name == method).ToArray();
            if (matching.Length == 0)
                throw new ArgumentException($"'{name}' names no test of {assembly.GetName().Name}.", nameof(names));
            cases.AddRange(matching);
        }
        using var executor = framework.GetExecutor(assembly.GetName());
        executor.RunTests(cases, sink, options);
        sink.Complete.WaitOne();
        return (sink.Passed, sink.Failed, sink.Skipped);
    }

    /// <summary>"Class" or "Class.Method" (full or short class names) as the class's full name and the method, if any.</summary>
    private static (string Type, string? Method) Split(string name, Type[] classes)
    {
        Type? Find(string typeName) =>
            classes.FirstOrDefault(t => t.FullName == typeName) ?? classes.FirstOrDefault(t => t.Name == typeName);
        if (Find(name) is { } whole)
            return (whole.FullName!, null);
        var dot = name.LastIndexOf('.');
        if (dot > 0 && Find(name[..dot]) is { } owner)
            return (owner.FullName!, name[(dot + 1)..]);
        throw new ArgumentException($"'{name}' is no test class of this assembly (give CLASS or CLASS.METHOD).", nameof(name));
    }

    private sealed class Options : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = [];

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    private sealed class DiscoverySink : LongLivedMarshalByRefObject, IMessageSink
    {
        public List<ITestCase> Cases { get; } = [];

        public ManualResetEvent Complete { get; } = new(false);

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is ITestCaseDiscoveryMessage discovered)
                Cases.Add(discovered.TestCase);
            if (message is IDiscoveryCompleteMessage)
                Complete.Set();
            return true;
        }
    }

    /// <summary>Prints each result as it comes (and any test output), and counts them.</summary>
    private sealed class Sink(TextWriter output) : LongLivedMarshalByRefObject, IMessageSink
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public int Passed { get; private set; }

        public int Failed { get; private set; }

        public int Skipped { get; private set; }

        public ManualResetEvent Complete { get; } = new(false);

        public bool OnMessage(IMessageSinkMessage message)
        {
            lock (this)
            {
                switch (message)
                {
                    case ITestPassed passed:
                        Passed++;
                        output.WriteLine($"PASS {passed.Test.DisplayName} ({passed.ExecutionTime * 1000:0} ms)");
                        WriteOutput(passed.Output);
                        break;
                    case ITestFailed failed:
                        Failed++;
                        output.WriteLine($"FAIL {failed.Test.DisplayName} ({failed.ExecutionTime * 1000:0} ms): {string.Join(" | ", failed.ExceptionTypes)}");
                        output.WriteLine(ExceptionUtility.CombineMessages(failed));
                        output.WriteLine(ExceptionUtility.CombineStackTraces(failed));
                        WriteOutput(failed.Output);
                        break;
                    case ITestSkipped skipped:
                        Skipped++;
                        output.WriteLine($"SKIP {skipped.Test.DisplayName}: {skipped.Reason}");
                        break;
                    case IErrorMessage error:
                        Failed++;
                        output.WriteLine($"ERROR {string.Join(" | ", error.ExceptionTypes)}: {ExceptionUtility.CombineMessages(error)}");
                        break;
                    case ITestClassCleanupFailure cleanup:
                        Failed++;
                        output.WriteLine($"ERROR cleaning up {cleanup.TestClass.Class.Name}: {ExceptionUtility.CombineMessages(cleanup)}");
                        break;
                    case ITestAssemblyFinished:
                        output.WriteLine($"finished in {_clock.Elapsed.TotalSeconds:0.0} s");
                        Complete.Set();
                        break;
                    case IDiagnosticMessage diagnostic:
                        output.WriteLine($"xunit: {diagnostic.Message}");
                        break;
                }
                output.Flush();
            }
            return true;
        }

        private void WriteOutput(string text)
        {
            if (!string.IsNullOrWhiteSpace(text))
                output.WriteLine("  " + text.TrimEnd().Replace("\n", "\n  ", StringComparison.Ordinal));
        }
    }
}
