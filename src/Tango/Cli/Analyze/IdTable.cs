using System.Buffers.Binary;
using System.Text;

namespace Tango.Cli.Analyze;

/// <summary>
/// Customer ids to dense indexes, keyed by their UTF-8 bytes. The ids live in one byte arena and the slots in one
/// array, so a lookup costs about two cache misses; a Dictionary of strings over millions of customers costs
/// several (bucket, entry, string) and was most of the time of reading a large file.
/// </summary>
internal sealed class IdTable
{
    private byte[] _arena = new byte[1 << 20];
    private int _arenaUsed;
    private Slot[] _slots = new Slot[1 << 16];
    private readonly List<(int Offset, int Length)> _ids = [];

    private struct Slot
    {
        public ulong Hash;
        public int Offset;
        public int Length;
        public int Index; // index + 1; 0 is an empty slot
    }

    public int Count => _ids.Count;

    /// <summary>The index of <paramref name="id"/>, adding it if new.</summary>
    public int IndexOf(ReadOnlySpan<byte> id, out bool added)
    {
        var hash = Hash(id);
        var mask = _slots.Length - 1;
        for (var i = (int)(hash & (ulong)mask); ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Index == 0)
            {
                added = true;
                return Add(ref slot, hash, id);
            }
            if (slot.Hash == hash && id.SequenceEqual(_arena.AsSpan(slot.Offset, slot.Length)))
            {
                added = false;
                return slot.Index - 1;
            }
        }
    }

    public string Id(int index)
    {
        var (offset, length) = _ids[index];
        return Encoding.UTF8.GetString(_arena, offset, length);
    }

    private int Add(ref Slot slot, ulong hash, ReadOnlySpan<byte> id)
    {
        if (_arenaUsed + id.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + id.Length));
        }
        id.CopyTo(_arena.AsSpan(_arenaUsed));
        slot = new Slot { Hash = hash, Offset = _arenaUsed, Length = id.Length, Index = _ids.Count + 1 };
        _ids.Add((_arenaUsed, id.Length));
        _arenaUsed += id.Length;
        if (_ids.Count * 2 > _slots.Length)
        {
            Grow();
        }
        return _ids.Count - 1;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Index != 0)
            {
                var i = (int)(slot.Hash & (ulong)mask);
                while (_slots[i].Index != 0)
                {
                    i = (i + 1) & mask;
                }
                _slots[i] = slot;
            }
        }
    }

    /// <summary>Eight bytes at a time, finished with MurmurHash3's mixer so that ids differing in one digit spread out.</summary>
    private static ulong Hash(ReadOnlySpan<byte> id)
    {
        unchecked
        {
            var h = (ulong)id.Length * 0x9E3779B97F4A7C15;
            while (id.Length >= 8)
            {
                h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(id)) * 0xBF58476D1CE4E5B9;
                h ^= h >> 31;
                id = id[8..];
            }
            ulong tail = 0;
            for (var i = 0; i < id.Length; i++)
            {
                tail |= (ulong)id[i] << (8 * i);
            }
            h = (h ^ tail) * 0x94D049BB133111EB;
            h ^= h >> 33;
            h *= 0xFF51AFD7ED558CCD;
            h ^= h >> 33;
            h *= 0xC4CEB9FE1A85EC53;
            return h ^ (h >> 33);
        }
    }
}
