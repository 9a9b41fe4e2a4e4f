using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Watch;

public sealed class WatchServerSecurityTests : IAsyncLifetime
{
    private const string Secret = "do-not-serve-7f3a";
    private readonly TempFolder _folder = new("watch-security");
    private WatchServer _server = null!;

    public async Task InitializeAsync()
    {
        // A secret beside the script and one above its folder: neither may come back through the server.
        _folder.Write("secret.txt", Secret);
        var script = _folder.Write("site/scene.csx", WatchScripts.Scene("#2050c0") + $"\n// {Secret}\n");
        _server = await WatchServer.StartAsync(WatchScripts.Options(script), TextWriter.Null);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_server_listens_on_the_loopback_address_only()
    {
        Assert.Equal("127.0.0.1", _server.Address.Host);
        var outside = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (outside is null)
            return; // No other address to try from.
        // Refused, unreachable or dropped by a firewall (a timeout): any of them, as long as no connection is made.
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await client.ConnectAsync(outside, _server.Address.Port, timeout.Token));
        Assert.True(error is SocketException or OperationCanceledException, $"Connecting from {outside} failed oddly: {error}");
        Assert.False(client.Connected);
    }

    [Theory]
    [InlineData("10.1.2.3", "127.0.0.1:5170", false)]
    [InlineData("192.168.0.20", "localhost", false)]
    [InlineData("127.0.0.1", "127.0.0.1:5170", true)]
    [InlineData("::1", "[::1]:5170", true)]
    [InlineData("::ffff:127.0.0.1", "localhost:5170", true)]
    [InlineData("::ffff:10.0.0.7", "localhost:5170", false)]
    [InlineData("127.0.0.1", "attacker.example:5170", false)]
    [InlineData(null, "127.0.0.1:5170", false)]
    public void Only_loopback_clients_naming_a_loopback_host_are_let_in(string? remote, string host, bool allowed)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        context.Request.Host = new HostString(host);

        Assert.Equal(allowed, LoopbackOnly.Allows(context));
    }

    [Fact]
    public async Task A_request_for_another_host_is_refused()
    {
        var (status, body) = await RawGetAsync("/state", host: "attacker.example");

        Assert.Equal(403, status);
        Assert.Contains("127.0.0.1", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/..%2Fsecret.txt")]
    [InlineData("/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/../secret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/scene.csx")]
    [InlineData("/site/scene.csx")]
    [InlineData("/frame.png/..%2F..%2Fsecret.txt")]
    [InlineData("/frame.png?t=0&path=..%2F..%2Fsecret.txt")]
    [InlineData("//etc/passwd")]
    [InlineData("/%2Fetc%2Fpasswd")]
    public async Task No_path_reaches_a_file(string target)
    {
        var (status, body) = await RawGetAsync(target);

        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        if (!target.StartsWith("/frame.png?", StringComparison.Ordinal))
            Assert.True(status is 400 or 404, $"{target} answered {status}");
    }

    [Fact]
    public async Task The_page_state_and_frames_are_served()
    {
        var (status, page) = await RawGetAsync("/");
        Assert.Equal(200, status);
        Assert.Contains("EventSource(\"/events\")", page, StringComparison.Ordinal);

        (status, var state) = await RawGetAsync("/state");
        Assert.Equal(200, status);
        Assert.Contains("\"ok\":true", state, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = _server.Address };
        using var frame = await http.GetAsync("frame.png?t=1.5");
        Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
        Assert.Equal("image/png", frame.Content.Headers.ContentType?.MediaType);
        Assert.True(frame.Headers.Contains("X-Render-Ms"));
        using var bad = await http.GetAsync("frame.png?t=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/frame.png", null, null, true)]
    [InlineData("GET", "/frame.png", "http://127.0.0.1:5170", "same-origin", true)]
    [InlineData("GET", "/frame.png", null, "same-origin", true)]
    [InlineData("GET", "/frame.png", null, "none", true)]
    [InlineData("GET", "/frame.png", null, "cross-site", false)]
    [InlineData("GET", "/frame.png", null, "same-site", false)]
    [InlineData("GET", "/frame.png", "http://attacker.example", null, false)]
    [InlineData("GET", "/frame.png", "null", null, false)]
    [InlineData("GET", "/frame.png", "http://127.0.0.1:5171", null, false)]
    [InlineData("GET", "/frame.png", "https://127.0.0.1:5170", null, false)]
    [InlineData("POST", "/render", "http://127.0.0.1:5170", "same-origin", true)]
    [InlineData("POST", "/render", "http://attacker.example", "cross-site", false)]
    [InlineData("POST", "/render", null, "cross-site", false)]
    [InlineData("GET", "/", null, "cross-site", true)]
    [InlineData("POST", "/", "http://attacker.example", "cross-site", false)]
    public void Requests_another_sites_page_makes_are_refused(string method, string path, string? origin, string? site, bool allowed)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Host = new HostString("127.0.0.1:5170");
        if (origin is not null) context.Request.Headers.Origin = origin;
        if (site is not null) context.Request.Headers["Sec-Fetch-Site"] = site;

        Assert.Equal(allowed, SameOriginOnly.Allows(context));
    }

    [Fact]
    public async Task An_img_or_fetch_from_another_site_cannot_make_it_render()
    {
        var before = _server.Session.State;

        // What an <img src="http://127.0.0.1:PORT/frame.png?t=2"> on another site sends, and what its fetch sends.
        var (status, body) = await RawGetAsync("/frame.png?t=2", headers: ["Sec-Fetch-Site: cross-site", "Sec-Fetch-Dest: image"]);
        Assert.Equal(403, status);
        Assert.Contains("another site", body, StringComparison.Ordinal);
        (status, _) = await RawGetAsync("/frame.png?t=2", headers: ["Origin: http://attacker.example", "Sec-Fetch-Site: cross-site"]);
        Assert.Equal(403, status);
        (status, _) = await RawGetAsync("/render", method: "POST", headers: ["Origin: http://attacker.example", "Content-Length: 0"]);
        Assert.Equal(403, status);
        Assert.Equal(before.Time, _server.Session.State.Time);

        // The page's own request is served.
        (status, _) = await RawGetAsync("/frame.png?t=2", headers: [$"Origin: http://127.0.0.1:{_server.Address.Port}", "Sec-Fetch-Site: same-origin"]);
        Assert.Equal(200, status);
    }

    /// <summary>One request with the target sent byte for byte (HttpClient would normalize the dots away).</summary>
    private async Task<(int Status, string Body)> RawGetAsync(string target, string? host = null, string method = "GET", string[]? headers = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _server.Address.Port);
        await using var stream = client.GetStream();
        var extra = string.Concat((headers ?? []).Select(h => h + "\r\n"));
        var request = $"{method} {target} HTTP/1.1\r\nHost: {host ?? $"127.0.0.1:{_server.Address.Port}"}\r\n{extra}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }
}
