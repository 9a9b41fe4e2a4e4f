using System.Diagnostics;
using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Weaves the guards into a compiled script (its assembly and portable PDB, the script and every <c>#load</c>ed file):
/// <see cref="ScriptGuard.Loop"/> at every backward branch target (every loop, <c>goto</c> included) and
/// <see cref="ScriptGuard.Enter"/> at the start of every method body (methods, local functions, lambdas, accessors,
/// constructors; with no tail calls, which would turn endless recursion into an endless loop), both reading the <see cref="ScriptGuardContext"/> the host puts in the assembly's own static field; and
/// calls that would end the process (<c>Environment.Exit</c>, <c>Environment.FailFast</c>, <c>Process.Kill</c>) sent to
/// <see cref="ScriptGuard"/>'s replacements. The script's text is never changed, so every diagnostic keeps its line and
/// column; each woven call takes the sequence point of the instruction it precedes, so a stop is reported at the line
/// of the loop body or method it happened in.
/// </summary>
internal static class ScriptWeaver
{
    /// <summary>Part of the compiled-script cache key: change it whenever what is woven changes.</summary>
    public const string Version = "guards 6";

    private const string HolderName = "<ScriptGuard>";
    private const string FieldName = "Context";
    private const string StatementFileName = "StatementFile";
    private const string StatementLineName = "StatementLine";

    private static readonly Dictionary<(string Type, string Method, int Arguments), MethodInfo> Replacements = new()
    {
        [("System.Environment", "Exit", 1)] = Guard(nameof(ScriptGuard.Exit), typeof(int)),
        [("System.Environment", "FailFast", 1)] = Guard(nameof(ScriptGuard.FailFast), typeof(string)),
        [("System.Environment", "FailFast", 2)] = Guard(nameof(ScriptGuard.FailFast), typeof(string), typeof(Exception)),
        [("System.Environment", "FailFast", 3)] = Guard(nameof(ScriptGuard.FailFast), typeof(string), typeof(Exception), typeof(string)),
        [("System.Diagnostics.Process", "Kill", 0)] = Guard(nameof(ScriptGuard.Kill), typeof(Process)),
        [("System.Diagnostics.Process", "Kill", 1)] = Guard(nameof(ScriptGuard.Kill), typeof(Process), typeof(bool)),
    };

    /// <summary>The woven image and symbols of a compiled script.</summary>
    public static (byte[] Image, byte[] Symbols) Weave(byte[] image, byte[] symbols)
    {
        using var module = ModuleDefinition.ReadModule(new MemoryStream(image), new ReaderParameters
        {
            ReadSymbols = true,
            SymbolStream = new MemoryStream(symbols),
            SymbolReaderProvider = new PortablePdbReaderProvider(),
            InMemory = true,
        });
        var holder = new TypeDefinition("", HolderName,
            Mono.Cecil.TypeAttributes.NotPublic | Mono.Cecil.TypeAttributes.Abstract | Mono.Cecil.TypeAttributes.Sealed | Mono.Cecil.TypeAttributes.Class,
            module.TypeSystem.Object);
        var field = new FieldDefinition(FieldName, Mono.Cecil.FieldAttributes.Public | Mono.Cecil.FieldAttributes.Static,
            module.ImportReference(typeof(ScriptGuardContext)));
        holder.Fields.Add(field);
        var statementFile = new FieldDefinition(StatementFileName, Mono.Cecil.FieldAttributes.Public | Mono.Cecil.FieldAttributes.Static, module.TypeSystem.String);
        var statementLine = new FieldDefinition(StatementLineName, Mono.Cecil.FieldAttributes.Public | Mono.Cecil.FieldAttributes.Static, module.TypeSystem.Int32);
        holder.Fields.Add(statementFile);
        holder.Fields.Add(statementLine);
        var guards = new Guards(
            field,
            statementFile,
            statementLine,
            module.ImportReference(Guard(nameof(ScriptGuard.Loop), typeof(ScriptGuardContext))),
            module.ImportReference(Guard(nameof(ScriptGuard.Enter), typeof(string), typeof(int), typeof(ScriptGuardContext))),
            module.ImportReference(Guard(nameof(ScriptGuard.Return))),
            Replacements.ToDictionary(r => r.Key, r => module.ImportReference(r.Value)));

        foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList())
        {
            var topLevel = IsTopLevel(method.DeclaringType.Name, method.Name);
            WeaveMethod(method, guards, topLevel);
            // The script's top-level code runs once, so optimizing it gains nothing, and code in a collectible context is
            // optimized at once: DSL calls inlined into it lose their frames, and a DSL error the line it came from.
            if (topLevel)
                method.ImplAttributes |= Mono.Cecil.MethodImplAttributes.NoOptimization | Mono.Cecil.MethodImplAttributes.NoInlining;
        }
        module.Types.Add(holder);

        using var wovenImage = new MemoryStream();
        using var wovenSymbols = new MemoryStream();
        module.Write(wovenImage, new WriterParameters
        {
            WriteSymbols = true,
            SymbolStream = wovenSymbols,
            SymbolWriterProvider = new PortablePdbWriterProvider(),
        });
        return (wovenImage.ToArray(), wovenSymbols.ToArray());
    }

    /// <summary>Puts <paramref name="context"/> where the woven guards of <paramref name="assembly"/> read it.</summary>
    public static void Attach(Assembly assembly, ScriptGuardContext context) =>
        (assembly.GetType(HolderName, throwOnError: true)!.GetField(FieldName) ?? throw new MissingFieldException(HolderName, FieldName))
            .SetValue(null, context);

    /// <summary>
    /// The statement of a script's top-level code (the script's and its <c>#load</c>s') that last started, when
    /// <paramref name="method"/> is that code: the line a frame of it has no line of its own for (see <see cref="WeaveMethod"/>).
    /// </summary>
    public static (string File, int Line)? StatementOf(MethodBase? method)
    {
        if (method?.DeclaringType is not { } type || !IsTopLevel(type.Name, method.Name))
            return null;
        var holder = type.Assembly.GetType(HolderName, throwOnError: false);
        return holder?.GetField(StatementFileName)?.GetValue(null) is string file && holder.GetField(StatementLineName)?.GetValue(null) is int line and > 0
            ? (file, line)
            : null;
    }

    /// <summary>Whether a method is the script's top-level code: its submission's Initialize and the state machine that runs it.</summary>
    private static bool IsTopLevel(string typeName, string methodName) =>
        typeName.Contains("<Initialize>", StringComparison.Ordinal) || methodName == "<Initialize>";

    /// <param name="recordStatements">
    /// Whether each statement notes its file and line as it starts (top-level code, which runs once, so it costs nothing): a
    /// fault the JIT raises from a throw block of its own, shared by the method (an array index out of range), is reported at
    /// IL offset 0, which in the top-level state machine has no line; the statement noted says which line it was.
    /// </param>
    private static void WeaveMethod(MethodDefinition method, Guards guards, bool recordStatements)
    {
        var body = method.Body;
        var debug = method.DebugInformation;
        // Taken before anything moves: which instruction each sequence point (a line of the script) starts at.
        var points = debug.HasSequencePoints ? debug.GetSequencePointMapping() : new Dictionary<Instruction, SequencePoint>();
        body.SimplifyMacros();
        var instructions = body.Instructions;
        ReplaceExits(instructions, guards);

        if (recordStatements)
        {
            foreach (var (start, point) in points.Where(p => !p.Value.IsHidden).OrderBy(p => p.Value.Offset).ToList())
            {
                var file = Instruction.Create(OpCodes.Ldstr, point.Document.Url);
                Insert(body, start, [file, Instruction.Create(OpCodes.Stsfld, guards.StatementFile),
                    Instruction.Create(OpCodes.Ldc_I4, point.StartLine), Instruction.Create(OpCodes.Stsfld, guards.StatementLine)]);
                TakeOver(body, start, file);
                debug.SequencePoints.Add(Copy(point, file));
                // A loop that starts at the statement now starts at its note, and its guard takes the statement's line from here.
                points[file] = point;
            }
        }

        // Every instruction some branch jumps back to (or to itself) starts a loop iteration.
        var index = new Dictionary<Instruction, int>();
        for (var i = 0; i < instructions.Count; i++) index[instructions[i]] = i;
        var loopStarts = instructions
            .SelectMany(branch => Targets(branch).Where(target => index.TryGetValue(target, out var at) && at <= index[branch]))
            .Distinct()
            .ToList();
        foreach (var start in loopStarts)
        {
            var load = Instruction.Create(OpCodes.Ldsfld, guards.Context);
            Insert(body, start, [load, Instruction.Create(OpCodes.Call, guards.Loop)]);
            TakeOver(body, start, load);
            if (points.TryGetValue(start, out var point))
                debug.SequencePoints.Add(Copy(point, load));
        }

        // No tail calls: a call straight before a return gets ScriptGuard.Return between them.
        foreach (var call in instructions.Where(i => i.OpCode.Code is Code.Call or Code.Callvirt && i.Next?.OpCode.Code == Code.Ret).ToList())
            body.GetILProcessor().InsertAfter(call, Instruction.Create(OpCodes.Call, guards.Return));

        // Entered: before everything else, taking over no branch (a loop back to the first instruction does not enter again)
        // and no exception region (so a handler of the method does not catch its own entry's stop). It names its method's
        // first line itself, for a recursion's error (see ScriptGuard.Enter).
        var first = instructions[0];
        var line = points.Values.Where(p => !p.IsHidden).MinBy(p => p.Offset);
        var enter = line is null ? Instruction.Create(OpCodes.Ldnull) : Instruction.Create(OpCodes.Ldstr, line.Document.Url);
        Insert(body, first, [enter, Instruction.Create(OpCodes.Ldc_I4, line?.StartLine ?? 0), Instruction.Create(OpCodes.Ldsfld, guards.Context), Instruction.Create(OpCodes.Call, guards.Enter)]);
        if (points.TryGetValue(first, out var firstPoint))
            debug.SequencePoints.Add(Copy(firstPoint, enter));

        body.OptimizeMacros();
        var offset = 0;
        foreach (var instruction in instructions)
        {
            instruction.Offset = offset;
            offset += instruction.GetSize();
        }
        // The PDB stores sequence points in IL order.
        var sorted = debug.SequencePoints.OrderBy(p => p.Offset).ToList();
        debug.SequencePoints.Clear();
        foreach (var point in sorted) debug.SequencePoints.Add(point);
    }

    private static void Insert(Mono.Cecil.Cil.MethodBody body, Instruction before, Instruction[] added)
    {
        var il = body.GetILProcessor();
        foreach (var instruction in added) il.InsertBefore(before, instruction);
    }

    /// <summary>
    /// Sends the branches to <paramref name="old"/> to <paramref name="added"/> (inserted just before it), and moves the
    /// exception regions that start or end at it there too, so the added code is in exactly the regions
    /// <paramref name="old"/> is in.
    /// </summary>
    private static void TakeOver(Mono.Cecil.Cil.MethodBody body, Instruction old, Instruction added)
    {
        foreach (var instruction in body.Instructions)
        {
            if (instruction.Operand == old)
            {
                instruction.Operand = added;
            }
            else if (instruction.Operand is Instruction[] cases)
            {
                for (var i = 0; i < cases.Length; i++)
                    if (cases[i] == old) cases[i] = added;
            }
        }
        foreach (var handler in body.ExceptionHandlers)
        {
            if (handler.TryStart == old) handler.TryStart = added;
            if (handler.TryEnd == old) handler.TryEnd = added;
            if (handler.HandlerStart == old) handler.HandlerStart = added;
            if (handler.HandlerEnd == old) handler.HandlerEnd = added;
            if (handler.FilterStart == old) handler.FilterStart = added;
        }
    }

    private static SequencePoint Copy(SequencePoint point, Instruction at) => new(at, point.Document)
    {
        StartLine = point.StartLine,
        StartColumn = point.StartColumn,
        EndLine = point.EndLine,
        EndColumn = point.EndColumn,
    };

    private static void ReplaceExits(IList<Instruction> instructions, Guards guards)
    {
        foreach (var instruction in instructions)
        {
            if (instruction.Operand is not MethodReference called
                || instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Ldftn or Code.Ldvirtftn)
                || !guards.Replacements.TryGetValue((called.DeclaringType.FullName, called.Name, called.Parameters.Count), out var replacement))
                continue;
            instruction.OpCode = instruction.OpCode.Code == Code.Ldvirtftn ? OpCodes.Ldftn : instruction.OpCode.Code == Code.Callvirt ? OpCodes.Call : instruction.OpCode;
            instruction.Operand = replacement;
        }
    }

    private static IEnumerable<Instruction> Targets(Instruction instruction) => instruction.Operand switch
    {
        Instruction target => [target],
        Instruction[] targets => targets,
        _ => [],
    };

    private static MethodInfo Guard(string name, params Type[] parameters) =>
        typeof(ScriptGuard).GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)
        ?? throw new MissingMethodException(nameof(ScriptGuard), name);

    private sealed record Guards(
        FieldDefinition Context,
        FieldDefinition StatementFile,
        FieldDefinition StatementLine,
        MethodReference Loop,
        MethodReference Enter,
        MethodReference Return,
        Dictionary<(string Type, string Method, int Arguments), MethodReference> Replacements);
}
