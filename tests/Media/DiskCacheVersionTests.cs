using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>What tells one version of a file from another (probe cache keys, chunk manifests), also through symbolic links.</summary>
public sealed class DiskCacheVersionTests
{
    [Fact]
    public void A_link_s_version_changes_when_the_file_it_leads_to_is_edited_or_it_is_pointed_elsewhere()
    {
        using var folder = new TempFolder("version");
        File.WriteAllText(folder["real.mp4"], "first");
        File.WriteAllText(folder["other.mp4"], "other");
        File.CreateSymbolicLink(folder["link.mp4"], "real.mp4");
        var before = DiskCache.VersionOf(new FileInfo(folder["link.mp4"]));

        File.WriteAllText(folder["real.mp4"], "second, longer");
        var edited = DiskCache.VersionOf(new FileInfo(folder["link.mp4"]));
        File.Delete(folder["link.mp4"]);
        File.CreateSymbolicLink(folder["link.mp4"], "other.mp4");
        var elsewhere = DiskCache.VersionOf(new FileInfo(folder["link.mp4"]));

        Assert.NotEqual(before, edited);
        Assert.NotEqual(edited, elsewhere);
        Assert.Equal(folder["other.mp4"], DiskCache.Followed(new FileInfo(folder["link.mp4"])).FullName);
    }

    [Fact]
    public void A_plain_file_and_a_link_that_leads_nowhere_are_themselves()
    {
        using var folder = new TempFolder("version");
        File.WriteAllText(folder["plain.mp4"], "x");
        File.CreateSymbolicLink(folder["dangling.mp4"], "gone.mp4");

        Assert.Equal(folder["plain.mp4"], DiskCache.Followed(new FileInfo(folder["plain.mp4"])).FullName);
        Assert.Equal(folder["dangling.mp4"], DiskCache.Followed(new FileInfo(folder["dangling.mp4"])).FullName);
    }
}
