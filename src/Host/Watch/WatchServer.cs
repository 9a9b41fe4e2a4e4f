using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// <c>sc watch</c> as a whole: a <see cref="WatchSession"/> and the preview page served by Kestrel on 127.0.0.1. Start
/// it on port 0 to get a free port (tests do); dispose it to stop both.
/// </summary>
public sealed class WatchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private WatchServer(WebApplication app, WatchSession session, Uri address, CancellationTokenSource stopping)
    {
        _app = app;
        Session = session;
        Address = address;
        _stopping = stopping;
    }

    public WatchSession Session { get; }

    /// <summary>The page's address, such as http://127.0.0.1:5170/.</summary>
    public Uri Address { get; }

    /// <summary>Starts the server, prints its address, evaluates the script once and starts watching its files.</summary>
    public static async Task<WatchServer> StartAsync(WatchOptions options, TextWriter log, CancellationToken cancellation = default)
    {
        var session = new WatchSession(options, log);
        var stopping = new CancellationTokenSource();
        WebApplication? app = null;
        try
        {
            // The empty builder reads no configuration (no appsettings, no ASPNETCORE_URLS): only what is set here.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "sc-watch" });
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(IPAddress.Loopback, options.Port);
            });
            builder.Services.AddRoutingCore();
            app = builder.Build();
            app.Use(LoopbackOnly.Middleware);
            app.Use(SameOriginOnly.Middleware);
            app.UseRouting();
            PreviewEndpoints.Map(app, session, stopping.Token);
            try
            {
                await app.StartAsync(cancellation).ConfigureAwait(false);
            }
            catch (IOException e) when (AddressInUse(e))
            {
                throw new Dsl.ScriptComposerException($"Port {options.Port} on 127.0.0.1 is in use. Choose another with --port N (0 picks a free one).");
            }
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
            log.WriteLine($"sc watch: preview at {address} (this machine only); watching {session.ScriptPath}; Ctrl+C stops");
            var server = new WatchServer(app, session, address, stopping);
            // Watching starts before the first evaluation, so a save made while it runs (or just after its line is
            // printed) reloads again instead of being missed until the next one.
            session.StartWatching();
            await session.ReloadAsync(cancellation: cancellation).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            if (app is not null)
                await app.DisposeAsync().ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        // Ends the open event streams, so Kestrel need not wait for them.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Session.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Whether binding failed because the port is taken (Kestrel wraps the socket's error once or twice, by version).</summary>
    private static bool AddressInUse(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                || inner.GetType().Name == "AddressInUseException")
                return true;
        }
        return false;
    }
}
