using System.Collections;

namespace Kubewarden.Policies;

/// <summary>
/// An immutable list that compares by contents (element by element, in order), so records
/// holding it get value equality.
/// </summary>
/// <typeparam name="T">The element type; its own equality is used for the comparison.</typeparam>
public sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly T[] _items;

    private EquatableList(T[] items)
    {
        _items = items;
    }

    /// <summary>The empty list.</summary>
    public static EquatableList<T> Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>
    /// Wraps a copy of <paramref name="items"/>; returns the same instance when it already is an
    /// <see cref="EquatableList{T}"/>, and <see cref="Empty"/> for <see langword="null"/>.
    /// </summary>
    /// <param name="items">The elements, or <see langword="null"/>.</param>
    /// <returns>The list.</returns>
    public static EquatableList<T> From(IEnumerable<T>? items) => items switch
    {
        null => Empty,
        EquatableList<T> list => list,
        _ => items.Any() ? new EquatableList<T>([.. items]) : Empty,
    };

    /// <inheritdoc />
    public bool Equals(EquatableList<T>? other)
    {
        if (other is null)
        {
            return false;
        }

        return ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items, EqualityComparer<T>.Default);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
