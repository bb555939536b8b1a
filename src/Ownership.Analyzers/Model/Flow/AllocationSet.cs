using System;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// A small mutable set of indices, one bit each: allocations (or, for anchors, variables).
/// Sets stored in a <see cref="FlowState"/>'s variables and anchors are shared between states
/// and must not be changed in place: use the methods that return a new set.
/// </summary>
internal sealed class AllocationSet
{
    private ulong[] _words;

    /// <summary>
    /// Members the value may stand for only by assumption (a call nothing is known about may
    /// return something that wraps its argument): enough to stop owning them, never proof that
    /// releasing or returning the value releases or returns them. Null when there are none.
    /// </summary>
    private ulong[]? _uncertain;

    public AllocationSet(int capacity)
    {
        _words = new ulong[Math.Max(1, (capacity + 63) / 64)];
    }

    private AllocationSet(ulong[] words, ulong[]? uncertain = null)
    {
        _words = words;
        _uncertain = uncertain;
    }

    /// <summary>Some member is in the set only by assumption (see <see cref="IsUncertain"/>).</summary>
    public bool HasUncertain => _uncertain is not null;

    /// <summary>The member is in the set only because a call nothing is known about may return something that holds it.</summary>
    public bool IsUncertain(int index)
    {
        var word = index >> 6;
        return _uncertain is not null && word < _uncertain.Length && (_uncertain[word] & (1UL << (index & 63))) != 0;
    }

    /// <summary>The members that are in the set for sure (this set itself when none is uncertain).</summary>
    public AllocationSet Certain()
    {
        if (_uncertain is null)
        {
            return this;
        }

        var words = (ulong[])_words.Clone();
        for (var i = 0; i < words.Length && i < _uncertain.Length; i++)
        {
            words[i] &= ~_uncertain[i];
        }

        return new AllocationSet(words);
    }

    /// <summary>A copy whose members are all in it by assumption.</summary>
    public AllocationSet AsUncertain() => new((ulong[])_words.Clone(), (ulong[])_words.Clone());

    /// <summary>True when <paramref name="other"/> marks as uncertain a member this set holds for sure.</summary>
    public bool HasUncertainNotIn(AllocationSet other)
    {
        if (_uncertain is null)
        {
            return false;
        }

        for (var i = 0; i < _uncertain.Length; i++)
        {
            var theirs = other._uncertain is not null && i < other._uncertain.Length ? other._uncertain[i] : 0;
            if ((_uncertain[i] & ~theirs) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsEmpty
    {
        get
        {
            foreach (var word in _words)
            {
                if (word != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public AllocationSet Clone() => new((ulong[])_words.Clone(), (ulong[]?)_uncertain?.Clone());

    /// <summary>A set of one member.</summary>
    public static AllocationSet Of(int index, int capacity)
    {
        var set = new AllocationSet(capacity);
        set.Add(index);
        return set;
    }

    /// <summary>A new set: this one and <paramref name="index"/>.</summary>
    public AllocationSet With(int index)
    {
        var set = Clone();
        set.Add(index);
        return set;
    }

    /// <summary>A new set: this one without <paramref name="index"/>.</summary>
    public AllocationSet Without(int index)
    {
        var set = Clone();
        set.Remove(index);
        return set;
    }

    /// <summary>A new set: the members of this one or of <paramref name="other"/>.</summary>
    public AllocationSet Union(AllocationSet other)
    {
        var set = Clone();
        set.UnionWith(other);
        return set;
    }

    /// <summary>A new set: the members of both.</summary>
    public AllocationSet Intersection(AllocationSet other)
    {
        var set = Clone();
        set.IntersectWith(other);
        return set;
    }

    public bool Contains(int index)
    {
        var word = index >> 6;
        return word < _words.Length && (_words[word] & (1UL << (index & 63))) != 0;
    }

    public void Add(int index)
    {
        EnsureCapacity(index);
        _words[index >> 6] |= 1UL << (index & 63);
    }

    public void Remove(int index)
    {
        var word = index >> 6;
        if (word < _words.Length)
        {
            _words[word] &= ~(1UL << (index & 63));
        }

        if (_uncertain is not null && word < _uncertain.Length)
        {
            _uncertain[word] &= ~(1UL << (index & 63));
        }
    }

    public void Clear()
    {
        Array.Clear(_words, 0, _words.Length);
        _uncertain = null;
    }

    /// <summary>Adds every member of <paramref name="other"/>; true when this set grew.</summary>
    public bool UnionWith(AllocationSet? other)
    {
        if (other is null)
        {
            return false;
        }

        if (other._words.Length > _words.Length)
        {
            Array.Resize(ref _words, other._words.Length);
        }

        var changed = false;
        for (var i = 0; i < other._words.Length; i++)
        {
            var merged = _words[i] | other._words[i];
            if (merged != _words[i])
            {
                _words[i] = merged;
                changed = true;
            }
        }

        if (other._uncertain is not null)
        {
            // A member uncertain on either side stays uncertain: certainty is a must-fact.
            _uncertain ??= new ulong[_words.Length];
            if (_uncertain.Length < other._uncertain.Length)
            {
                Array.Resize(ref _uncertain, other._uncertain.Length);
            }

            for (var i = 0; i < other._uncertain.Length; i++)
            {
                var merged = _uncertain[i] | other._uncertain[i];
                changed |= merged != _uncertain[i];
                _uncertain[i] = merged;
            }
        }

        return changed;
    }

    public void ExceptWith(AllocationSet? other)
    {
        if (other is null)
        {
            return;
        }

        var length = Math.Min(_words.Length, other._words.Length);
        for (var i = 0; i < length; i++)
        {
            _words[i] &= ~other._words[i];
        }
    }

    /// <summary>Keeps only the members of <paramref name="other"/>; true when this set shrank.</summary>
    public bool IntersectWith(AllocationSet other)
    {
        var changed = false;
        for (var i = 0; i < _words.Length; i++)
        {
            var kept = i < other._words.Length ? _words[i] & other._words[i] : 0;
            if (kept != _words[i])
            {
                _words[i] = kept;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>True when every member of this set is in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(AllocationSet other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            var theirs = i < other._words.Length ? other._words[i] : 0;
            if ((_words[i] & ~theirs) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The only member, when the set has exactly one.</summary>
    public bool TryGetSingle(out int member)
    {
        member = -1;
        for (var word = 0; word < _words.Length; word++)
        {
            var bits = _words[word];
            if (bits == 0)
            {
                continue;
            }

            if (member >= 0 || (bits & (bits - 1)) != 0)
            {
                member = -1;
                return false;
            }

            member = (word << 6) + TrailingZeroCount(bits);
        }

        return member >= 0;
    }

    public bool Overlaps(AllocationSet? other)
    {
        if (other is null)
        {
            return false;
        }

        var length = Math.Min(_words.Length, other._words.Length);
        for (var i = 0; i < length; i++)
        {
            if ((_words[i] & other._words[i]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    public bool SetEquals(AllocationSet other)
    {
        var length = Math.Max(_words.Length, other._words.Length);
        for (var i = 0; i < length; i++)
        {
            var a = i < _words.Length ? _words[i] : 0;
            var b = i < other._words.Length ? other._words[i] : 0;
            if (a != b)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The members, in increasing order.</summary>
    public System.Collections.Generic.IEnumerable<int> Members()
    {
        for (var word = 0; word < _words.Length; word++)
        {
            var bits = _words[word];
            while (bits != 0)
            {
                var bit = TrailingZeroCount(bits);
                yield return (word << 6) + bit;
                bits &= bits - 1;
            }
        }
    }

    private static int TrailingZeroCount(ulong value)
    {
        var count = 0;
        while ((value & 1) == 0)
        {
            value >>= 1;
            count++;
        }

        return count;
    }

    private void EnsureCapacity(int index)
    {
        var needed = (index >> 6) + 1;
        if (needed > _words.Length)
        {
            Array.Resize(ref _words, needed);
        }
    }
}
