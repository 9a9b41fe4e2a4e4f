using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ScriptComposer.Tests.Watch;

/// <summary>
/// Another web site on this machine (127.0.0.1, its own port, so another origin): it answers every request with one
/// HTML page, as a hostile page elsewhere would be served. A real server, not a routed one: the browser treats a page it
/// was handed by the test as coming from nowhere and keeps it off loopback altogether.
/// </summary>
internal sealed class OtherSite : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public OtherSite(string html)
    {
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        var body = Encoding.UTF8.GetBytes(html);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                var buffer = new byte[8192];
                var read = 0;
                while (read < buffer.Length && !Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
                    if (n == 0) break;
                    read += n;
                }
                await stream.WriteAsync(head, _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
        });
    }

    public Uri Address { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
