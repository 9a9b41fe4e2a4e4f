namespace ScriptComposer.Tests.Support;

/// <summary>
/// Waits for what a test means to wait for, as it happens: a file appearing or growing in a folder (told by the file
/// system's own notifications), a condition asked again and again where there are none, or the work under test ending
/// first (then its error, if any, is the test's). Never a sleep: a fast machine waits no longer than it must, and a slow
/// one gets the whole, generous timeout.
/// </summary>
internal static class WaitFor
{
    /// <summary>Until <paramref name="path"/> exists.</summary>
    public static Task FileAsync(string path, TimeSpan timeout, Task? running = null, Func<string>? details = null) =>
        FileInAsync(Path.GetDirectoryName(path)!, file => file.FullName == Path.GetFullPath(path), timeout, running, $"'{path}' to appear", details);

    /// <summary>Until a file of <paramref name="folder"/> that <paramref name="matches"/> is there and holds at least one byte.</summary>
    public static Task WrittenFileAsync(string folder, Func<FileInfo, bool> matches, TimeSpan timeout, Task? running = null, Func<string>? details = null) =>
        FileInAsync(folder, file => matches(file) && file.Length > 0, timeout, running, $"a file of '{folder}' to be written", details);

    /// <summary>
    /// Until a file of <paramref name="folder"/> satisfies <paramref name="ready"/>, asked again at every change the file system
    /// reports in the folder. Fails after <paramref name="timeout"/>; when <paramref name="running"/> ends first, its
    /// exception is thrown, or the test fails saying it ended too soon. A failure's message ends with <paramref name="details"/>
    /// (what a process wrote, say).
    /// </summary>
    public static async Task FileInAsync(string folder, Func<FileInfo, bool> ready, TimeSpan timeout, Task? running, string what, Func<string>? details = null)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Check()
        {
            try
            {
                if (new DirectoryInfo(folder).EnumerateFiles().Any(ready))
                    seen.TrySetResult();
            }
            catch (IOException)
            {
                // Changing under us: the next notification asks again.
            }
            return seen.Task.IsCompleted;
        }
        using var watcher = new FileSystemWatcher(folder)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Created += (_, _) => Check();
        watcher.Changed += (_, _) => Check();
        watcher.Renamed += (_, _) => Check();
        // A full notification queue drops events: ask again, as if everything had changed.
        watcher.Error += (_, _) => Check();
        watcher.EnableRaisingEvents = true;
        // Whatever happened before the watcher started.
        if (Check())
            return;
        using var expiry = new CancellationTokenSource(timeout);
        var expired = Task.Delay(Timeout.Infinite, expiry.Token);
        var first = await Task.WhenAny(seen.Task, running ?? Task.Delay(Timeout.Infinite, expiry.Token), expired);
        if (first == seen.Task || Check())
            return;
        if (running is not null && first == running)
        {
            await running;
            Assert.Fail($"The work under test ended before {what}.{Details(details)}");
        }
        Assert.Fail($"Waited {timeout.TotalSeconds:0} s for {what}.{Details(details)}");
    }

    /// <summary>
    /// Until <paramref name="met"/> holds, for what no notification tells (a process appearing in /proc): asked every 100 ms,
    /// which only sets how soon it is seen, never whether. Fails like <see cref="FileInAsync"/>.
    /// </summary>
    public static async Task ConditionAsync(Func<bool> met, TimeSpan timeout, Task? running, string what, Func<string>? details = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!met())
        {
            if (running is { IsCompleted: true })
            {
                await running;
                if (met())
                    return;
                Assert.Fail($"The work under test ended before {what}.{Details(details)}");
            }
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Waited {timeout.TotalSeconds:0} s for {what}.{Details(details)}");
            await Task.Delay(100);
        }
    }

    private static string Details(Func<string>? details) => details is null ? "" : $"\n{details()}";
}
