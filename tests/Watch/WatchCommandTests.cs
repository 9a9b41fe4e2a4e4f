using ScriptComposer.Host.Commands;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Watch;

public sealed class WatchCommandTests
{
    [Theory]
    [InlineData("missing.csx", "does not exist")]
    [InlineData("scene.csx --scale 2", "--scale 2 is impossible")]
    [InlineData("scene.csx --timeout 0", "--timeout 0 is impossible")]
    [InlineData("scene.csx --port 70000", "--port 70000 is not a port")]
    public async Task Bad_arguments_get_one_clear_message_and_exit_code_1(string arguments, string message)
    {
        using var folder = new TempFolder("watch-cli");
        folder.Write("scene.csx", WatchScripts.Scene("#2050c0"));
        var args = arguments.Split(' ');
        args[0] = folder[args[0]];
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await ScCli.RunAsync(["watch", .. args, "--backend", "cpu"], stdout, stderr);

        Assert.Equal(1, code);
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
    }
}
