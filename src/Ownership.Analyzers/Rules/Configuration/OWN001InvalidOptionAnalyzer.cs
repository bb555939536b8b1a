using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Rules.Configuration;

/// <summary>
/// OWN001: an <c>ownership.*</c> option the package does not know (a typo in the key), or a name in
/// a known option that the compilation does not have (a typo in the name): either is ignored, so
/// the user believes the model was taught something it was not. Reported once per key and name
/// at the end of the compilation (Roslyn gives no location inside an .editorconfig); the message
/// names the key and the value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN001InvalidOptionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN001);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(Analyze);
    }

    private static void Analyze(CompilationAnalysisContext context)
    {
        var provider = context.Options.AnalyzerConfigOptionsProvider;
        var configs = new List<AnalyzerConfigOptions> { provider.GlobalOptions };
        configs.AddRange(context.Compilation.SyntaxTrees.Select(provider.GetOptions));
        var problems = new SortedDictionary<string, (string Key, string Problem)>(StringComparer.Ordinal);
        foreach (var config in configs.Distinct())
        {
            foreach (var key in config.Keys)
            {
                if (!key.StartsWith("ownership.", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!OwnershipOptions.Keys.TryGetValue(key, out var listsTypes))
                {
                    problems[key] = (key, $"is not an option of the package (known: {string.Join(", ", OwnershipOptions.Keys.Keys.OrderBy(k => k, StringComparer.Ordinal))}), so it is ignored");
                    continue;
                }

                foreach (var name in OwnershipOptions.Names(config, key))
                {
                    if (!Resolves(context.Compilation, name, listsTypes))
                    {
                        problems[key + " " + name] = (key, $"names '{name}', which this compilation does not have (a {(listsTypes ? "type" : "method or property")}, fully qualified, without generic arguments), so it is ignored");
                    }
                }
            }
        }

        foreach (var (key, problem) in problems.Values)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.OWN001, Location.None, key, problem));
        }
    }

    /// <summary><c>Namespace.Type</c> or <c>Namespace.Outer.Inner</c> for a type; <c>Namespace.Type.Member</c> or <c>Namespace.Type..ctor</c> for a member.</summary>
    private static bool Resolves(Compilation compilation, string name, bool isType)
    {
        if (isType)
        {
            return FindType(compilation, name) is not null;
        }

        var ctor = name.EndsWith("..ctor", StringComparison.Ordinal);
        var dot = ctor ? name.Length - "..ctor".Length : name.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var type = FindType(compilation, name.Substring(0, dot));
        return type is not null && (ctor ? !type.InstanceConstructors.IsEmpty : !type.GetMembers(name.Substring(dot + 1)).IsEmpty);
    }

    private static INamedTypeSymbol? FindType(Compilation compilation, string name)
    {
        INamespaceOrTypeSymbol current = compilation.GlobalNamespace;
        foreach (var part in name.Split('.'))
        {
            var next = current.GetMembers(part).OfType<INamespaceOrTypeSymbol>().FirstOrDefault();
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current as INamedTypeSymbol;
    }
}
