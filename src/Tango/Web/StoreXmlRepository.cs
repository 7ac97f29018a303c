using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Tango.Store.Web;

namespace Tango.Web;

/// <summary>
/// Data Protection's key ring in the store (table data_protection_keys), so that every node on one PostgreSQL
/// (or one SQLite file) reads the same keys: a portal link made on one node opens on another, and a dashboard
/// cookie issued by one is accepted by the next. The interface is synchronous; the key manager calls it only
/// when it loads or refreshes the ring (about once a day) or creates a key.
/// </summary>
public sealed class StoreXmlRepository(DataProtectionKeys keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        keys.AllAsync().GetAwaiter().GetResult().Select(x => XElement.Parse(x)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        keys.AddAsync(name, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
