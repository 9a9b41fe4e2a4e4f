using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// The preview server's whole surface: the page, the state as JSON, server-sent events on every reload, and frames.
/// There is no file endpoint: nothing on disk can be named by a request.
/// </summary>
internal static class PreviewEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ScriptComposer.Host.Watch.PreviewPage.html")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    });

    public static void Map(IEndpointRouteBuilder app, WatchSession session, CancellationToken stopping)
    {
        app.MapGet("/", (RequestDelegate)(context => Send(context, "text/html; charset=utf-8", Page.Value)));
        app.MapGet("/state", (RequestDelegate)(context => Send(context, "application/json", JsonSerializer.SerializeToUtf8Bytes(session.State, Json))));
        app.MapGet("/events", (RequestDelegate)(context => Events(context, session, stopping)));
        app.MapGet("/frame.png", (RequestDelegate)(context => Frame(context, session, jpeg: false)));
        app.MapGet("/frame.jpg", (RequestDelegate)(context => Frame(context, session, jpeg: true)));
    }

    private static Task Send(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static async Task Frame(HttpContext context, WatchSession session, bool jpeg)
    {
        var query = context.Request.Query;
        if (!Number(query["t"], session.State.Time, out var time) || !Number(query["scale"], 1, out var scale) || !(scale > 0 && scale <= 1) || time < 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Give t (seconds from 0) and optionally scale (more than 0, at most 1).\n").ConfigureAwait(false);
            return;
        }
        PreviewFrame frame;
        try
        {
            frame = await session.RenderFrameAsync(time, scale, jpeg, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ScriptComposerException)
        {
            context.Response.StatusCode = e is InvalidOperationException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync(e.Message + "\n").ConfigureAwait(false);
            return;
        }
        var headers = context.Response.Headers;
        headers["X-Render-Ms"] = frame.RenderMs.ToString("0.###", CultureInfo.InvariantCulture);
        headers["X-Generation"] = frame.Generation.ToString(CultureInfo.InvariantCulture);
        headers["X-Frame-Time"] = frame.Time.ToString("0.######", CultureInfo.InvariantCulture);
        await Send(context, frame.ContentType, frame.Bytes).ConfigureAwait(false);
    }

    private static bool Number(string? text, double fallback, out double value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text)
            || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));
    }

    /// <summary>Server-sent events: the state now, then one "reload" event per reload, and a comment every 15 s.</summary>
    private static async Task Events(HttpContext context, WatchSession session, CancellationToken stopping)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var states = Channel.CreateBounded<PreviewState>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChanged(PreviewState state) => states.Writer.TryWrite(state);
        session.Changed += OnChanged;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Write(context, session.State, ended.Token).ConfigureAwait(false);
            while (!ended.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ended.Token);
                beat.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    await states.Reader.WaitToReadAsync(beat.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ended.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": still here\n\n", ended.Token).ConfigureAwait(false);
                    continue;
                }
                while (states.Reader.TryRead(out var state))
                    await Write(context, state, ended.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away, or the watcher is stopping.
        }
        finally
        {
            session.Changed -= OnChanged;
        }
    }

    private static async Task Write(HttpContext context, PreviewState state, CancellationToken cancellation)
    {
        var message = $"event: reload\ndata: {JsonSerializer.Serialize(state, Json)}\n\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(message), cancellation).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellation).ConfigureAwait(false);
    }
}
