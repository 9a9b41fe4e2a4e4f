namespace ScriptComposer.Tests.Device;

/// <summary>The test assembly runs its own tests with the runtime alone, as scripts/device-check does on a GPU machine.</summary>
public sealed class DeviceTestMainTests
{
    [Fact]
    public void ItRunsTheNamedClasses_AndCountsPassesAndSkips()
    {
        using var output = new StringWriter();

        var (passed, failed, skipped) = DeviceTestMain.Run(["ScriptComposer.Tests.Kernels.KernelTargetTests", "LayerKernelTests.AnUnknownBlendMode_IsRejected"], output);

        Assert.True(failed == 0, output.ToString());
        Assert.Equal(0, skipped);
        Assert.True(passed >= 3, output.ToString());
        Assert.Contains("PASS ScriptComposer.Tests.Kernels.LayerKernelTests.AnUnknownBlendMode_IsRejected", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("finished in", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ANameThatIsNoTest_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceTestMain.Run(["NoSuchTests"], TextWriter.Null));
        Assert.Contains("'NoSuchTests' is no test class", error.Message, StringComparison.Ordinal);
        Assert.Contains("names no test", Assert.Throws<ArgumentException>(() => DeviceTestMain.Run(["KernelTargetTests.Nothing"], TextWriter.Null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDeviceCheckScripts_AreValidBash()
    {
        var root = Support.RepositoryFiles.Root;
        foreach (var script in new[] { "scripts/device-check", "scripts/device-check.d/run.sh" })
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(Path.Combine(root, script));
            using var bash = System.Diagnostics.Process.Start(start)!;
            var errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, $"{script}: {errors}");
        }
    }
}
