using System.Numerics;

namespace Tango.Domain.Analytics;

/// <summary>Sums a function over index ranges, in parallel for large counts, adding the parts in a fixed order.</summary>
internal static class ChunkedSum
{
    private const int ParallelFrom = 20_000;

    /// <remarks>Fixed chunks added in chunk order keep a fit's result the same from run to run.</remarks>
    public static T Sum<T>(int count, Func<int, int, T> range)
        where T : IAdditionOperators<T, T, T>
    {
        if (count < ParallelFrom)
        {
            return range(0, count);
        }
        var chunks = Environment.ProcessorCount * 4;
        var size = (count + chunks - 1) / chunks;
        var parts = new T[chunks];
        Parallel.For(0, chunks, i => parts[i] = range(Math.Min(count, i * size), Math.Min(count, (i + 1) * size)));
        var total = parts[0];
        for (var i = 1; i < chunks; i++)
        {
            total += parts[i];
        }
        return total;
    }
}
