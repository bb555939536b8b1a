// Added to the package check's consumer project: a resource released on every normal path
// but not when Write throws (OWN103, Info by default), so the presets' severities show.
using System.IO;

public static class PresetProbe
{
    public static void Save(string path, byte[] data)
    {
        var stream = File.Create(path);
        stream.Write(data, 0, data.Length);
        stream.Dispose();
    }
}
