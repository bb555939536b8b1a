// Prints the assembly references of each DLL given, one "file: name version" per line.
// A .NET 10 file-based app (`dotnet run .ci/AssemblyReferences.cs -- a.dll b.dll`), so the
// CI scripts need nothing beyond the SDK to read assembly metadata.
using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

foreach (var path in args)
{
    using var stream = File.OpenRead(path);
    using var pe = new PEReader(stream);
    var reader = pe.GetMetadataReader();
    foreach (var handle in reader.AssemblyReferences)
    {
        var reference = reader.GetAssemblyReference(handle);
        Console.WriteLine($"{Path.GetFileName(path)}: {reader.GetString(reference.Name)} {reference.Version}");
    }
}
