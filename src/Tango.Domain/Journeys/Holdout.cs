using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tango.Domain.Journeys;

/// <summary>
/// Who is held out of a journey: a deterministic slice by a hash of the journey and the member, so the same
/// member is always on the same side of the same journey, on every node, and the slice is measurable.
/// </summary>
public static class Holdout
{
    /// <summary>The member's position in 0..9999, uniform over members.</summary>
    public static int Bucket(string journeyKey, string memberId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(journeyKey + "\n" + memberId), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % 10_000);
    }

    public static bool IsHeldOut(string journeyKey, string memberId, decimal percent) =>
        percent > 0 && Bucket(journeyKey, memberId) < percent * 100;
}
