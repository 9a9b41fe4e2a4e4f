using System.Collections;

namespace ScriptComposer.Dsl.Planning;

/// <summary>An immutable list that compares by its items, so records holding one compare by value. A value itself: holding one costs no object.</summary>
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[]? _items;

    public ValueList(IEnumerable<T> items) => _items = items.ToArray();

    /// <summary>Takes <paramref name="items"/> as they are: the caller gives up the array.</summary>
    internal ValueList(T[] items, bool _) => _items = items;

    public static ValueList<T> Empty => default;

    public T this[int index] => (_items ?? [])[index];

    public int Count => _items?.Length ?? 0;

    public ReadOnlySpan<T> AsSpan() => _items;

    public ReadOnlySpan<T>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items ?? [])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => (_items ?? []).GetEnumerator();

    public bool Equals(ValueList<T> other) =>
        ReferenceEquals(_items, other._items) || AsSpan().SequenceEqual(other.AsSpan(), EqualityComparer<T>.Default);

    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsSpan()) hash.Add(item);
        return hash.ToHashCode();
    }

    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    public override string ToString() => $"[{string.Join(", ", _items ?? [])}]";
}
