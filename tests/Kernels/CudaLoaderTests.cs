using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Kernels;

/// <summary>The loader answers without throwing, and <c>--backend auto|cuda</c> say what they chose and why.</summary>
public sealed class CudaLoaderTests
{
    [Fact]
    public void Probe_answers_with_a_reason()
    {
        var status = CudaLoader.Probe();
        Assert.False(string.IsNullOrWhiteSpace(status.Reason));
        Assert.False(string.IsNullOrWhiteSpace(status.Nvrtc.Reason));
        if (status.IsAvailable)
            Assert.NotNull(status.Device);
    }

    [Fact]
    public void Auto_names_the_device_or_why_it_fell_back()
    {
        var status = CudaLoader.Probe();
        var choice = Backends.Create(BackendKind.Auto);
        using var backend = choice.Backend;
        if (status.IsAvailable)
        {
            Assert.Equal("cuda", backend.Name);
            Assert.StartsWith("backend cuda: ", choice.Reason, StringComparison.Ordinal);
            Assert.Contains(status.Device!.Name, choice.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("cpu", backend.Name);
            Assert.Equal($"backend cpu: CUDA is not available ({status.Reason})", choice.Reason);
        }
    }

    [Fact]
    public void Cuda_when_unavailable_throws_with_the_reason()
    {
        var status = CudaLoader.Probe();
        if (status.IsAvailable)
        {
            using var backend = Backends.Create(BackendKind.Cuda).Backend;
            Assert.Equal("cuda", backend.Name);
            return;
        }
        var error = Assert.Throws<BackendUnavailableException>(() => Backends.Create(BackendKind.Cuda));
        Assert.Contains(status.Reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("--backend cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nvrtc_candidates_are_the_toolkit_and_wheel_folders_then_the_sonames_newest_first_then_the_development_symlink()
    {
        var root = Path.Combine(Path.GetTempPath(), "sc-nvrtc-search", Guid.NewGuid().ToString("N"));
        try
        {
            string Touch(params string[] parts)
            {
                var file = Path.Combine([root, .. parts]);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllBytes(file, []);
                return file;
            }
            var home = Touch("opt", "toolkit", "lib64", "libnvrtc.so.12.2.140");
            Touch("opt", "toolkit", "lib64", "libnvrtc-builtins.so.12.2");
            Touch("opt", "toolkit", "lib64", "libnvrtc.so");
            var older = Touch("usr", "local", "cuda-11.8", "lib64", "libnvrtc.so.11.8.89");
            var newer = Touch("usr", "local", "cuda-12.4", "lib64", "libnvrtc.so.12.4.127");
            var newerLink = Touch("usr", "local", "cuda-12.4", "lib64", "libnvrtc.so.12");
            var wheel = Touch("home", "me", ".local", "lib", "python3.11", "site-packages", "nvidia", "cuda_nvrtc", "lib", "libnvrtc.so.12");
            var environment = new Dictionary<string, string?> { ["CUDA_HOME"] = Path.Combine(root, "opt", "toolkit"), ["HOME"] = Path.Combine(root, "home", "me") };

            var candidates = NvrtcSearch.Candidates(name => environment.GetValueOrDefault(name), root);

            Assert.Equal([home, newer, newerLink, older, wheel, .. NvrtcSearch.Sonames, "libnvrtc.so"], candidates);
            Assert.Equal(["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0"],
                NvrtcSearch.Sonames.Where(n => n.StartsWith("libnvrtc.so.", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_newest_nvrtc_the_driver_runs_is_taken_and_newer_ones_are_passed_over_with_the_reason()
    {
        (string, Version)[] found = [("a/libnvrtc.so.12.4.127", new(12, 4)), ("libnvrtc.so.11.2", new(11, 8)), ("b/libnvrtc.so.11.4", new(11, 4))];

        var (index, passed) = NvrtcSearch.Choose(found, driverMajor: 11);
        Assert.Equal(1, index);
        Assert.Equal(["NVRTC 12.4 (a/libnvrtc.so.12.4.127) is newer than the driver's CUDA 11"], passed);

        Assert.Equal(0, NvrtcSearch.Choose(found, driverMajor: 12).Index);
        Assert.Equal(0, NvrtcSearch.Choose(found, driverMajor: null).Index); // no driver (CI): the newest, to compile with
        Assert.Equal(0, NvrtcSearch.Choose([("x", new(12, 0)), ("y", new(12, 0))], 12).Index); // a tie: the first found
        Assert.Equal(1, NvrtcSearch.Choose([("x", new(12, 1)), ("y", new(13, 0)), ("z", new(12, 6))], 10).Index); // none runnable: the newest (the loader then says the driver is too old)
        Assert.Equal(-1, NvrtcSearch.Choose([], 12).Index);
    }

    [SkippableFact]
    public void Nvrtc_is_probed_by_compiling_with_its_builtins_loaded_from_its_folder()
    {
        var status = Requirements.Nvrtc();
        Assert.Contains("sc_probe", CudaLoader.ProbeKernel.Text, StringComparison.Ordinal);
        Assert.NotNull(status.Builtins);
        Assert.Contains($"libnvrtc-builtins.so.{status.Version!.Major}.{status.Version.Minor}", status.Builtins, StringComparison.Ordinal);
        if (status.LibraryFile is { } file && Path.IsPathRooted(status.Builtins))
            Assert.Equal(Path.GetDirectoryName(file), Path.GetDirectoryName(status.Builtins));
    }

    [SkippableFact]
    public void Without_a_device_nvrtc_is_not_loaded_for_the_choice()
    {
        var status = CudaLoader.Probe();
        Skip.If(status.Devices.Count > 0, "a CUDA device is present");
        Assert.StartsWith("not probed", status.Nvrtc.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_native_import_is_a_required_or_a_known_optional_export()
    {
        static string[] Imports(Type type) =>
            [.. type.GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
                .Where(m => m.GetCustomAttributes(typeof(System.Runtime.InteropServices.LibraryImportAttribute), false).Length > 0)
                .Select(m => m.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(CudaDriver.RequiredExports.Order(StringComparer.Ordinal), Imports(typeof(CudaDriver)));
        string[] optional = ["nvrtcGetCUBIN", "nvrtcGetCUBINSize", "nvrtcGetNumSupportedArchs", "nvrtcGetSupportedArchs"];
        Assert.Equal(Nvrtc.RequiredExports.Concat(optional).Order(StringComparer.Ordinal), Imports(typeof(Nvrtc)));
    }
}
