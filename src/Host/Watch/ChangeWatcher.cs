namespace ScriptComposer.Host.Watch;

/// <summary>
/// Watches a set of files through one <see cref="FileSystemWatcher"/> per folder (editors often save by writing a
/// temporary file and renaming it over the old one, so whole folders are watched and events filtered by path), and
/// reports the changed files once a burst of events has been quiet for the debounce time. A file reached through a
/// symbolic link is watched where the link leads too (an edit there changes no event in the link's folder), and reported
/// by the path it is watched as. A folder that does not exist (deleted, or not made yet) is watched through its nearest
/// existing parent: its creation reports the files watched in it, so the owner reloads and watches them again.
/// </summary>
internal sealed class ChangeWatcher : IDisposable
{
    private readonly TimeSpan _debounce;
    private readonly Action<IReadOnlyCollection<string>> _changed;
    private readonly Dictionary<string, FileSystemWatcher> _folders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private readonly object _gate = new();
    private HashSet<string> _files = new(StringComparer.Ordinal);
    private Dictionary<string, string> _linkedFrom = new(StringComparer.Ordinal);
    private HashSet<string> _missingFolders = new(StringComparer.Ordinal);
    private bool _disposed;

    public ChangeWatcher(TimeSpan debounce, Action<IReadOnlyCollection<string>> changed)
    {
        _debounce = debounce;
        _changed = changed;
        _timer = new Timer(_ => Flush());
    }

    /// <summary>The files watched now.</summary>
    public IReadOnlyCollection<string> Files { get { lock (_gate) return [.. _files]; } }

    /// <summary>Watches exactly <paramref name="files"/> (full paths) from now on.</summary>
    public void Watch(IEnumerable<string> files)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _files = new HashSet<string>(files, StringComparer.Ordinal);
            _linkedFrom = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in _files)
            {
                var target = Gpu.DiskCache.Followed(new FileInfo(file)).FullName;
                if (target != file) _linkedFrom.TryAdd(target, file);
            }
            var wanted = _files.Concat(_linkedFrom.Keys).Select(Path.GetDirectoryName).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var wasMissing = _missingFolders;
            _missingFolders = wanted.Where(f => !Directory.Exists(f)).ToHashSet(StringComparer.Ordinal);
            var folders = wanted.Where(f => !_missingFolders.Contains(f))
                .Concat(_missingFolders.Select(NearestExistingParent).OfType<string>()).ToHashSet(StringComparer.Ordinal);
            // A folder made since the last call may have had its files written before its watcher started: report those.
            foreach (var file in _files.Where(f => wasMissing.Contains(Path.GetDirectoryName(f)!) && File.Exists(f)))
                Pend(file);
            foreach (var gone in _folders.Keys.Where(f => !folders.Contains(f)).ToList())
            {
                _folders[gone].Dispose();
                _folders.Remove(gone);
            }
            foreach (var folder in folders.Where(f => !_folders.ContainsKey(f)))
            {
                var watcher = new FileSystemWatcher(folder)
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.CreationTime,
                    IncludeSubdirectories = false,
                };
                watcher.Changed += (_, e) => Touched(e.FullPath);
                watcher.Created += (_, e) => Touched(e.FullPath);
                watcher.Deleted += (_, e) => Touched(e.FullPath);
                watcher.Renamed += (_, e) => { Touched(e.OldFullPath); Touched(e.FullPath); };
                watcher.EnableRaisingEvents = true;
                _folders[folder] = watcher;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var watcher in _folders.Values) watcher.Dispose();
            _folders.Clear();
        }
        _timer.Dispose();
    }

    private void Touched(string path)
    {
        lock (_gate)
        {
            if (_disposed) return;
            if (_linkedFrom.TryGetValue(path, out var link)) path = link;
            if (_files.Contains(path))
            {
                Pend(path);
                return;
            }
            // A missing folder, or a folder on the way to one, came (or went): the files watched in it changed.
            var below = path + Path.DirectorySeparatorChar;
            foreach (var folder in _missingFolders.Where(f => f == path || f.StartsWith(below, StringComparison.Ordinal)))
            {
                foreach (var file in _files.Where(f => Path.GetDirectoryName(f) == folder))
                    Pend(file);
            }
        }
    }

    /// <summary>Reports <paramref name="path"/> once the events are quiet for the debounce; called under the gate.</summary>
    private void Pend(string path)
    {
        _pending.Add(path);
        _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
    }

    private static string? NearestExistingParent(string folder)
    {
        for (var parent = Path.GetDirectoryName(folder); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent))
                return parent;
        }
        return null;
    }

    private void Flush()
    {
        string[] changed;
        lock (_gate)
        {
            if (_disposed || _pending.Count == 0) return;
            changed = [.. _pending];
            _pending.Clear();
        }
        _changed(changed);
    }
}
