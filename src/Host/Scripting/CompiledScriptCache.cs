using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using ScriptComposer.Gpu;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Compiled scripts on disk (<see cref="DiskCache"/> folder "scripts"), so rendering a script that has not changed skips
/// Roslyn (about 0.6 s of a short render here). An entry is found by the script's path and text and this build of sc and
/// .NET (and what <see cref="ScriptWeaver"/> weaves in, or that nothing is), and used only while every <c>#load</c>ed file and <c>#r</c>eferenced assembly still has the content it was
/// compiled from. One file per entry, written whole and renamed into place.
/// </summary>
internal sealed class CompiledScriptCache(string? folder)
{
    /// <summary>2: entries are sealed with their SHA-256, so a flipped byte in an image is compiled again rather than loaded.</summary>
    private const string Format = "sc-script 2";
    private const int MostEntries = 256;

    /// <summary>The compiler, the DSL and the runtime the images were made with: a new build of any makes new entries.</summary>
    private static readonly string BuildIdentity = string.Join('\n',
        new[] { typeof(CompiledScriptCache), typeof(Dsl.Clip), typeof(Rgba), typeof(Microsoft.CodeAnalysis.Compilation) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString()))
        + '\n' + RuntimeInformation.FrameworkDescription;

    /// <summary>The cache in the <see cref="DiskCache"/> folder "scripts" as configured now, or none when the disk caches are off.</summary>
    public static CompiledScriptCache Default => new(DiskCache.Folder("scripts"));

    public string? Folder => folder;

    public CompiledScript? TryLoad(string fullPath, string code, bool guarded = true)
    {
        if (folder is null)
            return null;
        var file = EntryFile(fullPath, code, guarded);
        if (DiskCache.TryReadSealed(file, Format) is not { } bytes)
            return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadString() != Format)
                return null;
            var (entryType, entryMethod) = (reader.ReadString(), reader.ReadString());
            var sources = ReadInputs(reader);
            var references = ReadInputs(reader);
            var image = ReadBlock(reader);
            var symbols = ReadBlock(reader);
            if (!sources.All(s => s.Path == fullPath || HashText(s.Path) == s.Hash) || !references.All(r => HashFile(r.Path) == r.Hash))
                return null;
            DiskCache.Touch(file);
            return new CompiledScript(image, symbols, entryType, entryMethod, sources, references);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    public void Store(string fullPath, string code, CompiledScript script, bool guarded = true)
    {
        if (folder is null)
            return;
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(script.EntryType);
            writer.Write(script.EntryMethod);
            WriteInputs(writer, script.Sources);
            WriteInputs(writer, script.References);
            writer.Write(script.Image.Length);
            writer.Write(script.Image);
            writer.Write(script.Symbols.Length);
            writer.Write(script.Symbols);
        }
        DiskCache.WriteSealed(EntryFile(fullPath, code, guarded), Format, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        DiskCache.Prune(folder, MostEntries);
    }

    /// <summary>The hash of a source file's text as the compiler saw it; null when it cannot be read.</summary>
    public static string? HashText(string path)
    {
        try
        {
            return Hash(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The hash of a file's bytes; null when it cannot be read.</summary>
    public static string? HashFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string EntryFile(string fullPath, string code, bool guarded) =>
        Path.Combine(folder!, DiskCache.KeyOf($"{Format}\n{(guarded ? ScriptWeaver.Version : "unguarded")}\n{BuildIdentity}\n{fullPath}\n{code}") + ".script");

    private static byte[] ReadBlock(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        var block = reader.ReadBytes(length);
        return block.Length == length ? block : throw new FormatException("damaged entry");
    }

    private static List<ScriptInput> ReadInputs(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > 10_000)
            throw new FormatException("damaged entry");
        var inputs = new List<ScriptInput>(count);
        for (var i = 0; i < count; i++)
            inputs.Add(new ScriptInput(reader.ReadString(), reader.ReadString()));
        return inputs;
    }

    private static void WriteInputs(BinaryWriter writer, IReadOnlyList<ScriptInput> inputs)
    {
        writer.Write(inputs.Count);
        foreach (var input in inputs)
        {
            writer.Write(input.Path);
            writer.Write(input.Hash);
        }
    }
}
