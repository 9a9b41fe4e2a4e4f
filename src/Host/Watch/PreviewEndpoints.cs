using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// The preview server's whole surface: the page, the state as JSON, server-sent events on every reload, frames, a layer's
/// properties, the timeline's sound, and a render started from the page with its outputs.
/// No request names a file: the one endpoint that sends files (<c>/output</c>) takes an index into what the last render
/// from the page wrote inside the script's folder.
/// </summary>
internal static partial class PreviewEndpoints
{
    // The timeline nests a track per composite: a slideshow folded into 40 nested composites is 80 levels deep, past the default 64.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 512 };
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
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
        app.MapGet("/layer", (RequestDelegate)(context => Layer(context, session)));
        app.MapGet("/sound.wav", (RequestDelegate)(context => Sound(context, session)));
        app.MapGet("/render", (RequestDelegate)(context => Send(context, "application/json", JsonSerializer.SerializeToUtf8Bytes(session.RenderStatus, Json))));
        app.MapPost("/render", (RequestDelegate)(context => Send(context, "application/json", JsonSerializer.SerializeToUtf8Bytes(session.StartRender(), Json))));
        app.MapGet("/output", (RequestDelegate)(context => Output(context, session)));
    }

    private static async Task Layer(HttpContext context, WatchSession session)
    {
        var id = context.Request.Query["id"].ToString();
        if (!Number(context.Request.Query["t"], session.State.Time, out var time) || time < 0 || !LayerId().IsMatch(id))
        {
            await Refuse(context, StatusCodes.Status400BadRequest, "Give id (a layer path such as 2 or 2.0) and optionally t (seconds from 0).").ConfigureAwait(false);
            return;
        }
        LayerProperties? layer;
        try
        {
            layer = await session.LayerAsync(id, time, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ScriptComposerException or ScriptTimeoutException)
        {
            await Refuse(context, e is InvalidOperationException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError, e.Message).ConfigureAwait(false);
            return;
        }
        if (layer is null)
        {
            await Refuse(context, StatusCodes.Status404NotFound, $"The preview has no layer {id}.").ConfigureAwait(false);
            return;
        }
        await Send(context, "application/json", JsonSerializer.SerializeToUtf8Bytes(layer, Json)).ConfigureAwait(false);
    }

    private static async Task Sound(HttpContext context, WatchSession session)
    {
        byte[] wav;
        try
        {
            wav = await session.SoundAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ScriptComposerException)
        {
            await Refuse(context, e is InvalidOperationException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError, e.Message).ConfigureAwait(false);
            return;
        }
        await Send(context, "audio/wav", wav).ConfigureAwait(false);
    }

    /// <summary>An output of the last finished render, as a download; only those, and only inside the script's folder.</summary>
    private static async Task Output(HttpContext context, WatchSession session)
    {
        if (!int.TryParse(context.Request.Query["n"], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || session.RenderedOutput(index) is not { } output)
        {
            await Refuse(context, StatusCodes.Status404NotFound, "No such output: give n, the index of an output the last finished render wrote inside the script's folder.").ConfigureAwait(false);
            return;
        }
        var name = output.DownloadName;
        context.Response.ContentType = output.IsSequence ? "application/zip" : ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name }.ToString();
        if (!output.IsSequence)
        {
            await context.Response.SendFileAsync(output.Path, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        // A picture sequence goes as one zip of its pictures, stored as they are (PNG and JPEG are compressed already).
        // ZipArchive writes each entry's data descriptor synchronously, even through its async API.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
            body.AllowSynchronousIO = true;
        await using var zip = await ZipArchive.CreateAsync(context.Response.Body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, context.RequestAborted).ConfigureAwait(false);
        foreach (var file in output.Files)
        {
            var entry = zip.CreateEntry(Path.GetFileName(file), CompressionLevel.NoCompression);
            await using var to = await entry.OpenAsync(context.RequestAborted).ConfigureAwait(false);
            await using var from = File.OpenRead(file);
            await from.CopyToAsync(to, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(message + "\n").ConfigureAwait(false);
    }

    [GeneratedRegex(@"^\d{1,4}(\.\d{1,4}){0,7}$")]
    private static partial Regex LayerId();

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
