using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Knowledge;

/// <summary>
/// The package's <c>.editorconfig</c> options (DESIGN §1, knowledge source 2); documented in
/// docs/configuration.md. Names are fully qualified, without <c>global::</c>: types as
/// <c>Namespace.Type</c>, members as <c>Namespace.Type.Member</c>.
/// </summary>
internal sealed class OwnershipOptions
{
    public const string HarmlessTypesKey = "ownership.harmless_types";
    public const string TrackedTypesKey = "ownership.tracked_types";
    public const string TransferMethodsKey = "ownership.transfer_methods";
    public const string BorrowedReturnMethodsKey = "ownership.borrowed_return_methods";
    public const string FactoryMethodsKey = "ownership.factory_methods";

    /// <summary>Every key the package reads, each with whether it lists types (else members).</summary>
    public static readonly ImmutableDictionary<string, bool> Keys = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new[]
    {
        new System.Collections.Generic.KeyValuePair<string, bool>(HarmlessTypesKey, true),
        new System.Collections.Generic.KeyValuePair<string, bool>(TrackedTypesKey, true),
        new System.Collections.Generic.KeyValuePair<string, bool>(TransferMethodsKey, false),
        new System.Collections.Generic.KeyValuePair<string, bool>(BorrowedReturnMethodsKey, false),
        new System.Collections.Generic.KeyValuePair<string, bool>(FactoryMethodsKey, false),
    });

    /// <summary>The names an option lists, as the model reads them.</summary>
    public static ImmutableHashSet<string> Names(AnalyzerConfigOptions config, string key) => Read(config, key);

    public static readonly OwnershipOptions Empty = new(
        ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty);

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, OwnershipOptions> Cache = new();

    private OwnershipOptions(
        ImmutableHashSet<string> harmlessTypes,
        ImmutableHashSet<string> trackedTypes,
        ImmutableHashSet<string> transferMethods,
        ImmutableHashSet<string> borrowedReturnMethods,
        ImmutableHashSet<string> factoryMethods)
    {
        HarmlessTypes = harmlessTypes;
        TrackedTypes = trackedTypes;
        TransferMethods = transferMethods;
        BorrowedReturnMethods = borrowedReturnMethods;
        FactoryMethods = factoryMethods;
    }

    /// <summary>Types whose instances need no disposal, added to the built-in list.</summary>
    public ImmutableHashSet<string> HarmlessTypes { get; }

    /// <summary>Types taken off the built-in harmless list (for example <c>System.IO.MemoryStream</c>).</summary>
    public ImmutableHashSet<string> TrackedTypes { get; }

    /// <summary>Methods (or constructors, as <c>Type..ctor</c>) that take ownership of their resource arguments.</summary>
    public ImmutableHashSet<string> TransferMethods { get; }

    /// <summary>Methods and properties whose result the caller does not own.</summary>
    public ImmutableHashSet<string> BorrowedReturnMethods { get; }

    /// <summary>Methods and properties whose result the caller owns.</summary>
    public ImmutableHashSet<string> FactoryMethods { get; }

    public bool IsEmpty => HarmlessTypes.IsEmpty && TrackedTypes.IsEmpty && TransferMethods.IsEmpty && BorrowedReturnMethods.IsEmpty && FactoryMethods.IsEmpty;

    public static OwnershipOptions Get(AnalyzerOptions options, SyntaxTree tree)
    {
        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return Cache.GetValue(config, Parse);
    }

    private static OwnershipOptions Parse(AnalyzerConfigOptions config)
    {
        var parsed = new OwnershipOptions(
            Read(config, HarmlessTypesKey),
            Read(config, TrackedTypesKey),
            Read(config, TransferMethodsKey),
            Read(config, BorrowedReturnMethodsKey),
            Read(config, FactoryMethodsKey));
        return parsed.IsEmpty ? Empty : parsed;
    }

    private static ImmutableHashSet<string> Read(AnalyzerConfigOptions config, string key)
    {
        if (!config.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return ImmutableHashSet<string>.Empty;
        }

        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        // Commas only: .editorconfig starts a comment at ';' and '#'.
        foreach (var part in value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Trim();
            if (name.StartsWith("global::", StringComparison.Ordinal))
            {
                name = name.Substring("global::".Length);
            }

            if (name.Length > 0)
            {
                builder.Add(name);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The name options use for a type: <c>Namespace.Outer.Inner</c>, generic arity dropped.</summary>
    public static string NameOf(ITypeSymbol type)
        => type.OriginalDefinition.ToDisplayString(NameFormat);

    /// <summary>The name options use for a member: <c>Namespace.Type.Member</c>.</summary>
    public static string NameOf(ISymbol member)
        => member.ContainingType is null ? member.Name : NameOf(member.ContainingType) + "." + member.Name;

    private static readonly SymbolDisplayFormat NameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);
}
