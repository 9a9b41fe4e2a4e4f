using Microsoft.AspNetCore.Http;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Refuses requests that a page of another site makes the browser send: an <c>&lt;img&gt;</c>, a form or a
/// <c>fetch</c> elsewhere can name 127.0.0.1 and so make sc render, or start a render, without ever reading the answer.
/// A browser says where a request comes from: <c>Origin</c> (every cross-origin fetch and every POST) and
/// <c>Sec-Fetch-Site</c> (every request of a current browser, <c>&lt;img&gt;</c> included). Each that is present must
/// name this server. Requests with neither come from programs (curl, tests), not from pages. The page itself may be
/// opened from anywhere (a link): it only shows, and everything it then asks is same-origin.
/// </summary>
internal static class SameOriginOnly
{
    public static bool Allows(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Path == "/")
            return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"http://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return false;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site is "same-origin" or "none";
    }

    public static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        if (Allows(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsync("sc watch answers its own page only: this request came from another site's page.\n").ConfigureAwait(false);
    }
}
