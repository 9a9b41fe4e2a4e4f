using System.Globalization;

namespace ScriptComposer.Bench.Soak;

/// <summary>What /proc says about one process: resident memory, open file descriptors, threads, and live child processes.</summary>
internal sealed record ProcessSnapshot(long RssBytes, int FileDescriptors, int Threads, int Children)
{
    public static ProcessSnapshot Of(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Field(string name) => long.Parse(status.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..]
            .Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return new ProcessSnapshot(Field("VmRSS") * 1024, Directory.GetFiles($"/proc/{pid}/fd").Length, (int)Field("Threads"), ChildrenOf(pid));
    }

    /// <summary>Processes whose parent is <paramref name="pid"/>, zombies (exited, not yet reaped) left out.</summary>
    private static int ChildrenOf(int pid)
    {
        var count = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (rest[0] != "Z" && int.Parse(rest[1], CultureInfo.InvariantCulture) == pid)
                    count++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Gone while we looked.
            }
        }
        return count;
    }

    public string Row(string when) => string.Create(CultureInfo.InvariantCulture,
        $"| {when} | {RssBytes / 1048576.0:0} | {FileDescriptors} | {Threads} | {Children} |");

    public const string Header = "| when | RSS MiB | open fds | threads | child processes |\n|---|---:|---:|---:|---:|";
}
