using System.Collections;

namespace ScriptComposer.Dsl.Planning;

/// <summary>The fades active on a clip at one moment, in the order they apply: none, one, or a fade-in and a fade-out at once. A value, so asking allocates nothing.</summary>
public readonly struct FadeSteps : IReadOnlyList<FadeStep>
{
    private readonly FadeStep _first;
    private readonly FadeStep _second;

    private FadeSteps(int count, FadeStep first, FadeStep second) => (Count, _first, _second) = (count, first, second);

    public static FadeSteps None => default;

    public int Count { get; }

    public FadeStep this[int index] => (uint)index < (uint)Count ? (index == 0 ? _first : _second) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>These fades with <paramref name="step"/> applied after them.</summary>
    public FadeSteps Then(FadeStep step) => Count switch
    {
        0 => new FadeSteps(1, step, default),
        1 => new FadeSteps(2, _first, step),
        _ => throw new InvalidOperationException("A clip has at most two fades at a moment: its fade-in and its fade-out."),
    };

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<FadeStep> IEnumerable<FadeStep>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(FadeSteps steps) : IEnumerator<FadeStep>
    {
        private int _index = -1;

        public readonly FadeStep Current => steps[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < steps.Count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
