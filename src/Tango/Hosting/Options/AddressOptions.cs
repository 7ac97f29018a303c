namespace Tango.Hosting.Options;

/// <summary>Where the server listens (`--urls`) and the origin its links carry when it sits behind a proxy (`--public-url`).</summary>
public sealed class AddressOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>One or more http(s) addresses separated by ';'. Port 0 picks a free port (tests).</summary>
    [ConfigurationKeyName("urls")]
    public string Urls { get; set; } = DefaultUrl;

    [ConfigurationKeyName("public-url")]
    public string? PublicUrl { get; set; }

    public IReadOnlyList<string> Listen =>
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The origin of a link answered to a request: `--public-url`, else the address the request came to.</summary>
    public string Origin(HttpRequest request) =>
        string.IsNullOrEmpty(PublicUrl) ? $"{request.Scheme}://{request.Host}" : PublicUrl.TrimEnd('/');

    /// <summary>
    /// The origin of links made away from any request (messages sent by journeys): `--public-url`, else the first
    /// address listened on when it names its port.
    /// </summary>
    public string LinkOrigin =>
        !string.IsNullOrEmpty(PublicUrl) ? PublicUrl.TrimEnd('/')
        : Listen is [var first, ..] && !first.EndsWith(":0", StringComparison.Ordinal) ? first.TrimEnd('/')
        : DefaultUrl;

    public static IEnumerable<string> Problems(AddressOptions options)
    {
        if (options.Listen.Count == 0)
        {
            yield return $"{OptionsSetup.Name("urls")} is empty: give an address such as {DefaultUrl}.";
        }
        foreach (var url in options.Listen.Where(u => !IsListenAddress(u)))
        {
            yield return $"{OptionsSetup.Name("urls")}: '{url}' is not an http:// or https:// address with a port.";
        }
        if (!string.IsNullOrEmpty(options.PublicUrl) && !IsHttpUrl(options.PublicUrl))
        {
            yield return $"{OptionsSetup.Name("public-url")}: '{options.PublicUrl}' is not an absolute http:// or https:// URL.";
        }
    }

    private static bool IsListenAddress(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            return address.Scheme is "http" or "https" && !address.IsNamedPipe && address.Port is >= 0 and <= 65535;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
