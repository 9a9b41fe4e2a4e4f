using System.Collections;

namespace ScriptComposer.Dsl;

/// <summary>An immutable list of clips that compares by value, so a composite can serve as a cache key.</summary>
public sealed class ClipList : IReadOnlyList<Clip>, IEquatable<ClipList>
{
    private readonly Clip[] _items;

    public ClipList(IEnumerable<Clip> clips)
    {
        _items = clips.ToArray();
        for (var i = 0; i < _items.Length; i++)
        {
            if (_items[i] is null)
                throw new ArgumentNullException(nameof(clips), $"Clip number {i + 1} of the list is null.");
        }
    }

    public Clip this[int index] => _items[index];

    public int Count => _items.Length;

    public IEnumerator<Clip> GetEnumerator() => ((IEnumerable<Clip>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(ClipList? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as ClipList);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var clip in _items) hash.Add(clip);
        return hash.ToHashCode();
    }
}
