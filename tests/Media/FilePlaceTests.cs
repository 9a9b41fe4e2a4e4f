using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>Where writing a path lands (<see cref="FileIdentity.PlaceOf"/>): the name in the real folder, whatever spells it.</summary>
public sealed class FilePlaceTests
{
    [Fact]
    public void Spellings_through_a_linked_folder_or_dot_dot_are_one_place_and_a_hard_link_is_another()
    {
        using var folder = new TempFolder("place");
        Directory.CreateDirectory(folder["out"]);
        Directory.CreateSymbolicLink(folder["link"], "out");
        File.WriteAllText(folder["out/a.mp4"], "x");
        using (var ln = System.Diagnostics.Process.Start("ln", [folder["out/a.mp4"], folder["out/b.mp4"]])!)
            ln.WaitForExit();

        Assert.Equal(FileIdentity.PlaceOf(folder["out/a.mp4"]), FileIdentity.PlaceOf(folder["link/a.mp4"]));
        Assert.Equal(FileIdentity.PlaceOf(folder["out/a.mp4"]), FileIdentity.PlaceOf(folder["out/../link/./a.mp4"]));
        Assert.Equal(FileIdentity.PlaceOf(folder["out/new/deeper/c.mp4"]), FileIdentity.PlaceOf(folder["link/new/deeper/c.mp4"]));
        // Written by renaming a new file over the name, each keeps its own: no clash.
        Assert.NotEqual(FileIdentity.PlaceOf(folder["out/a.mp4"]), FileIdentity.PlaceOf(folder["out/b.mp4"]));
    }
}
