using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Mono.Cecil;
using Mono.Cecil.Cil;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Tests.Scripting;

/// <summary>
/// What <see cref="ScriptWeaver"/> puts into a compiled script: a loop guard at every back-edge, an entry guard in every
/// method, the process-ending calls replaced, and every sequence point (so every reported line) that of the user's file.
/// </summary>
public sealed class ScriptWeaverTests : IDisposable
{
    private static readonly ScriptHost Host = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("sc-weave-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (byte[] Image, byte[] Symbols) Compile(string code, string name = "x.csx")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, code);
        var compilation = Host.CreateCompilation(path, code);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        return (pe.ToArray(), pdb.ToArray());
    }

    private static ModuleDefinition Read((byte[] Image, byte[] Symbols) compiled) =>
        ModuleDefinition.ReadModule(new MemoryStream(compiled.Image), new ReaderParameters
        {
            ReadSymbols = true,
            SymbolStream = new MemoryStream(compiled.Symbols),
            SymbolReaderProvider = new PortablePdbReaderProvider(),
        });

    private static List<Instruction> Calls(ModuleDefinition module, string name) =>
        module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
            .Where(i => i.OpCode == OpCodes.Call && i.Operand is MethodReference { DeclaringType.Name: nameof(ScriptGuard) } called && called.Name == name)
            .ToList();

    private static SortedSet<int> Lines(ModuleDefinition module) =>
        [.. module.GetTypes().SelectMany(t => t.Methods).SelectMany(m => m.DebugInformation.SequencePoints).Where(p => !p.IsHidden).Select(p => p.StartLine)];

    [Fact]
    public void Every_loop_gets_a_guard_and_no_line_moves()
    {
        const string code = """
            var n = 0;
            while (n < 3) n++;
            for (var i = 0; i < 2; i++)
            {
                foreach (var c in "ab") { n += c; }
            }
            do n--; while (n > 100);
            foreach (var (a, b) in new[] { (1, 2) })
                n += a + b;
            again:
            if (n++ < 200) goto again;
            """;
        var compiled = Compile(code);

        using var plain = Read(compiled);
        using var woven = Read(ScriptWeaver.Weave(compiled.Image, compiled.Symbols));

        Assert.Equal(6, Calls(woven, nameof(ScriptGuard.Loop)).Count);
        Assert.Equal(Lines(plain), Lines(woven));
    }

    [Fact]
    public void Every_method_local_function_lambda_and_accessor_is_entered_through_the_guard()
    {
        const string code = """
            int Twice(int x) => 2 * x;
            int Prop => 3;
            static int Local(int x) { int Inner(int y) => y + 1; return Inner(x); }
            Func<int, int> f = x => x + 1;
            Action a = () => { };
            var total = Twice(Prop) + Local(1) + f(2);
            a();
            """;
        var compiled = Compile(code);

        using var woven = Read(ScriptWeaver.Weave(compiled.Image, compiled.Symbols));

        var methods = woven.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();
        Assert.All(methods, m =>
        {
            var first = m.Body.Instructions.Take(4).ToList();
            Assert.True(first[3].Operand is MethodReference { Name: nameof(ScriptGuard.Enter) }, $"{m.FullName} does not start with the guard");
        });
        foreach (var name in new[] { "Twice", "get_Prop", "Inner", "Local" })
            Assert.Contains(methods, m => m.Name.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void Calls_that_end_the_process_are_replaced_and_keep_their_line()
    {
        // Process is not among the assemblies a script gets unasked: it names it, as a script would.
        const string code = """
            #r "System.Diagnostics.Process"
            var code = 3;
            if (code == 4)
                Environment.Exit(code);
            Action<int> quit = Environment.Exit;
            if (code == 5)
                System.Diagnostics.Process.GetCurrentProcess().Kill();
            """;
        var compiled = Compile(code);

        using var woven = Read(ScriptWeaver.Weave(compiled.Image, compiled.Symbols));

        var instructions = woven.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).SelectMany(m => m.Body.Instructions).ToList();
        Assert.DoesNotContain(instructions, i => i.Operand is MethodReference { DeclaringType.FullName: "System.Environment", Name: "Exit" });
        Assert.DoesNotContain(instructions, i => i.Operand is MethodReference { DeclaringType.FullName: "System.Diagnostics.Process", Name: "Kill" });
        Assert.Equal(2, instructions.Count(i => i.Operand is MethodReference { DeclaringType.Name: nameof(ScriptGuard), Name: nameof(ScriptGuard.Exit) }));
        Assert.Single(instructions, i => i.Operand is MethodReference { DeclaringType.Name: nameof(ScriptGuard), Name: nameof(ScriptGuard.Kill) });
    }

    [Fact]
    public void Woven_code_of_every_kind_of_loop_and_body_still_computes_the_same()
    {
        // Loops that start at a try, end one, sit in handlers, iterators and async methods, gotos, deep but finite
        // recursion and tail calls: the woven IL must stay valid and mean the same.
        var path = Path.Combine(_folder, "kinds.csx");
        File.WriteAllText(path, """
            using System.Threading.Tasks;
            var total = 0L;
            var i = 0;
            do
            {
                try { total += i; if (i % 3 == 0) continue; }
                finally { total++; }
            } while (++i < 50);
            foreach (var x in new List<int> { 1, 2, 3, 4 }) { if (x == 2) continue; if (x == 4) break; total += 10 * x; }
            IEnumerable<int> Numbers(int n) { try { for (var k = 0; k < n; k++) yield return k; } finally { total += 1000; } }
            var numbers = Numbers(10).Sum();
            total += numbers;
            async Task<int> Later(int n) { var sum = 0; for (var k = 0; k < n; k++) { await Task.Yield(); sum += k; } return sum; }
            total += Later(5).GetAwaiter().GetResult();
            var g = 0;
            again:
            try { if (g++ < 5) throw new InvalidOperationException(); }
            catch (InvalidOperationException) { while (g < 3) g++; goto again; }
            total += g;
            int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);
            total += Depth(5000);
            int Last(int n) => n == 0 ? 7 : Last(n - 1);
            total += Last(100);
            switch (total % 2) { case 0: total += 2; break; default: total += 1; break; }
            Render(Color(8, 8, "red").WithDuration(1), $"out{total}.mp4");
            """);

        var evaluation = Host.Evaluate(path, ScriptArgs.Empty);

        // 0..49 plus 50 finally runs; 10 + 30; 45 + 1000; 10; g ends at 6; 5000; 7; then the parity step.
        var expected = 1225L + 50 + 40 + 45 + 1000 + 10 + 6 + 5000 + 7;
        expected += expected % 2 == 0 ? 2 : 1;
        Assert.EndsWith($"out{expected}.mp4", Assert.Single(evaluation.Outputs).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_woven_script_stops_when_its_context_says_so_on_any_thread()
    {
        const string code = """
            Func<System.Threading.ManualResetEventSlim, int> spin = started => { started.Set(); var x = 0; while (true) x++; };
            Outputs.Count.ToString();
            """;
        var path = Path.Combine(_folder, "spin.csx");
        File.WriteAllText(path, code);
        var compilation = Host.CreateCompilation(path, code);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        Assert.True(compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb)).Success);
        var (image, symbols) = ScriptWeaver.Weave(pe.ToArray(), pdb.ToArray());
        var context = new System.Runtime.Loader.AssemblyLoadContext("weave test", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image), new MemoryStream(symbols));
            var guard = new ScriptGuardContext();
            ScriptWeaver.Attach(assembly, guard);
            var lambda = assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                .Single(m => m.ReturnType == typeof(int) && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(ManualResetEventSlim) && m.Name.Contains("b__", StringComparison.Ordinal));
            var target = Activator.CreateInstance(lambda.DeclaringType!, nonPublic: true);
            using var started = new ManualResetEventSlim();
            var spinning = Task.Run(() => lambda.Invoke(target, BindingFlags.DoNotWrapExceptions, null, [started], null));

            Assert.True(started.Wait(TimeSpan.FromSeconds(60)), "The lambda never started.");
            Assert.False(spinning.IsCompleted);
            guard.Stop(() => new OperationCanceledException("stop"));

            var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => spinning);
            Assert.Equal("stop", stopped.Message);
            Assert.Equal((path, 1), ScriptHost.ScriptLineOf(stopped));
        }
        finally
        {
            context.Unload();
        }
    }
}
