namespace ScriptComposer.Tests.Device;

/// <summary>The test assembly runs its own tests with the runtime alone, as scripts/device-check does on a GPU machine.</summary>
public sealed class DeviceTestMainTests
{
    [Fact]
    public void It_runs_the_named_classes_and_counts_passes_and_skips()
    {
        using var output = new StringWriter();

        var (passed, failed, skipped) = DeviceTestMain.Run(["ScriptComposer.Tests.Kernels.KernelTargetTests", "LayerKernelTests.An_unknown_blend_mode_is_rejected"], output);

        Assert.True(failed == 0, output.ToString());
        Assert.Equal(0, skipped);
        Assert.True(passed >= 3, output.ToString());
        Assert.Contains("PASS ScriptComposer.Tests.Kernels.LayerKernelTests.An_unknown_blend_mode_is_rejected", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("finished in", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_is_no_test_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceTestMain.Run(["NoSuchTests"], TextWriter.Null));
        Assert.Contains("'NoSuchTests' is no test class", error.Message, StringComparison.Ordinal);
        Assert.Contains("names no test", Assert.Throws<ArgumentException>(() => DeviceTestMain.Run(["KernelTargetTests.Nothing"], TextWriter.Null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_device_check_scripts_are_valid_bash()
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
