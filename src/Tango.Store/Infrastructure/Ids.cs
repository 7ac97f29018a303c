namespace Tango.Store.Infrastructure;

/// <summary>Time-ordered opaque ids (UUIDv7) with a readable prefix: evt_, rdm_, mkr_.</summary>
public static class Ids
{
    public static string New(string prefix, TimeProvider clock) =>
        prefix + "_" + Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
}
