using System.Net;
using Microsoft.AspNetCore.Http;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Refuses every request that does not come from this machine, or that names another host (a page elsewhere that
/// points its own name at 127.0.0.1, "DNS rebinding", sends its own Host header). The server listens on 127.0.0.1
/// only; this is the second lock.
/// </summary>
internal static class LoopbackOnly
{
    public static bool Allows(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null)
            return false;
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        if (!IPAddress.IsLoopback(remote))
            return false;
        return context.Request.Host.Host.ToLowerInvariant() is "127.0.0.1" or "localhost" or "[::1]" or "::1";
    }

    public static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        if (Allows(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsync("sc watch answers requests from this machine (127.0.0.1) only.\n").ConfigureAwait(false);
    }
}
