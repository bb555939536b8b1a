using Microsoft.CodeAnalysis.Testing;

namespace Ownership.Analyzers.Tests.Verifiers;

/// <summary>The one place that picks the reference assemblies every test compiles against.</summary>
internal static class TestReferences
{
    /// <summary>.NET 8: the oldest runtime the package targets in practice; resolves from the NuGet registry.</summary>
    public static ReferenceAssemblies Default { get; } = ReferenceAssemblies.Net.Net80;
}
