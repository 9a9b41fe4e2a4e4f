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

    [SkippableTheory]
    [InlineData("unpack")] // the pack's archives are not archives: the first step fails
    [InlineData("runtime")] // they unpack, but hold no sc.dll to start
    public void The_device_side_removes_its_work_folder_when_an_early_step_fails(string failing)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Runs the device check's bash script.");
        using var folder = new Support.TempFolder("device");
        var root = Support.RepositoryFiles.Root;
        Directory.CreateDirectory(folder["scripts/device-check.d"]);
        File.Copy(Path.Combine(root, "scripts/device-check.d/run.sh"), folder["scripts/device-check.d/run.sh"]);
        Directory.CreateDirectory(folder[".device"]);
        File.WriteAllText(folder[".device/MANIFEST"], "a fake pack\n");
        foreach (var archive in new[] { "dotnet.tar.xz", "app.tar.xz" })
        {
            if (failing == "unpack")
                File.WriteAllText(folder[$".device/{archive}"], "not an archive");
            else
                Tar(folder[$".device/{archive}"], Directory.CreateDirectory(folder[$"empty-{archive}/shared/Microsoft.NETCore.App"]).Parent!.Parent!.FullName);
        }
        var temporary = Directory.CreateDirectory(folder["tmp"]).FullName;

        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder.Path };
        start.ArgumentList.Add("scripts/device-check.d/run.sh");
        start.Environment["OUT"] = folder["out"];
        start.Environment["TMPDIR"] = temporary;
        using var bash = System.Diagnostics.Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        Assert.True(bash.WaitForExit(TimeSpan.FromMinutes(2)), "run.sh did not end within 2 minutes.");

        var summary = File.ReadAllText(folder["out/summary.txt"]);
        Assert.True(bash.ExitCode == 1, $"exit code {bash.ExitCode}\n{summary}\n{output.Result}\n{errors.Result}");
        Assert.Matches($@"\n{failing} +rc [1-9]", summary);
        Assert.Empty(Directory.GetFileSystemEntries(temporary));
    }

    private static void Tar(string archive, string folder)
    {
        using var tar = System.Diagnostics.Process.Start("tar", ["-C", folder, "-cJf", archive, "."]);
        tar.WaitForExit();
        Assert.Equal(0, tar.ExitCode);
    }
}
