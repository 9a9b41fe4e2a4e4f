using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ScriptComposer.Host.Commands;

namespace ScriptComposer.Bench.Kernels;

/// <summary>
/// Megapixels per second (output pixels) or effective GB/s (the bytes a kernel must read and write at least once,
/// as <see cref="BenchCommand.Workload.BytesFor"/> counts them), from the mean time per frame.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    public static readonly IColumn Megapixels = new ThroughputColumn("MP/s", bytes: false);
    public static readonly IColumn Gigabytes = new ThroughputColumn("GB/s", bytes: true);

    private readonly bool _bytes;

    private ThroughputColumn(string name, bool bytes)
    {
        ColumnName = name;
        _bytes = bytes;
    }

    public string Id => $"{nameof(ThroughputColumn)}.{ColumnName}";
    public string ColumnName { get; }
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => _bytes ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _bytes
        ? "Effective bandwidth: bytes each frame must read and write at least once, over the mean time per frame (1e9 B/s)"
        : "Output megapixels per second at the mean time per frame";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics is not { } statistics || statistics.Mean <= 0 || benchmarkCase.Parameters["Size"] is not string size)
            return "-";
        var (width, height) = BenchCommand.ParseSize(size);
        var seconds = statistics.Mean / 1e9;
        if (!_bytes)
            return ((double)width * height / seconds / 1e6).ToString("0", CultureInfo.InvariantCulture);
        var bytes = BenchCommand.Workload.BytesFor(KernelName(benchmarkCase), width, height);
        return (bytes / seconds / 1e9).ToString("0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>The workload a benchmark method runs: its name in lower case, and composite-N for the layered one.</summary>
    private static string KernelName(BenchmarkCase benchmarkCase)
    {
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name.ToLowerInvariant();
        return method == "composite" ? $"composite-{benchmarkCase.Parameters["Layers"]}" : method;
    }
}
