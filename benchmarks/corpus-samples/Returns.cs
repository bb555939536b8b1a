using System.IO;

namespace Samples;

public sealed class Returns
{
    private readonly string _path;

    public Returns(string path)
    {
        _path = path;
    }

    public Stream Contents => File.OpenRead(_path); // expect OWN106: a new stream per get

    public object OpenUntyped() // expect OWN106 on the creation: returned as object
    {
        var stream = File.OpenRead(_path);
        return stream;
    }
}
