using System.Net;
using Tango.Domain.Referrals;

namespace Tango.Web.Portal;

/// <summary>
/// Where a referral link points when the program names no page of its own (`referral.link`): the invited friend is
/// told the code to give when they sign up with the business. It reads nothing from the store, so it tells a stranger
/// nothing about who holds a code.
/// </summary>
public static class JoinPage
{
    public const string Path = "/portal/join";

    public static IResult Render(string? @ref)
    {
        var code = @ref is not null && ReferralCodes.IsWellFormed(@ref.ToUpperInvariant()) ? @ref.ToUpperInvariant() : null;
        var body = code is null
            ? "<p>This invitation link is not complete. Ask your friend to share it again.</p>"
            : $"<p>A friend invited you to our rewards program.</p><p>Give this code when you sign up, and you both get a welcome gift after your first purchase:</p><p><code class=\"mono\" data-testid=\"join-code\">{WebUtility.HtmlEncode(code)}</code></p>";
        return Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="robots" content="noindex" /><title>You are invited</title><link rel="stylesheet" href="{WebSetup.CssPath}" /></head>
            <body><main class="portal"><section class="card"><h1>You are invited</h1>{body}</section></main></body></html>
            """, "text/html; charset=utf-8", statusCode: code is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
