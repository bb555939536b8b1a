using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Rules.Types;

/// <summary>
/// OWN207 (info): the parts of the dispose pattern are wired wrongly — GC.SuppressFinalize missing,
/// misplaced or on the wrong object; Dispose(bool) called with the wrong argument or not at all;
/// managed members released on the finalizer path. Reads the type's <see cref="DisposeShape"/> and,
/// for the finalizer path, the releases the ownership model recorded.
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN207DisposePatternMisuseAnalyzer : DiagnosticAnalyzer, ITypeEndRule
{
    /// <summary>The diagnostic property that names the case; the fix reads it.</summary>
    public const string CaseProperty = "Case";

    public const string MissingSuppressFinalize = nameof(MissingSuppressFinalize);
    public const string WrongDisposingArgument = nameof(WrongDisposingArgument);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN207);

    public override void Initialize(AnalysisContext context) => RuleFamilies.RegisterTypeEndRules(context, new ITypeEndRule[] { this });

    bool ITypeEndRule.TryPrepare(Compilation compilation, OwnershipModel model, out System.Action<SymbolAnalysisContext> atTypeEnd)
    {
        atTypeEnd = symbolEnd => Analyze(symbolEnd, model);
        return true;
    }

    private static void Analyze(SymbolAnalysisContext context, OwnershipModel model)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsStatic: false } type
            || type.Locations.Length == 0 || type.Locations[0].SourceTree is not { } tree)
        {
            return;
        }

        // Cheap pre-filter: only a type that declares a part of the pattern is read.
        if (!type.GetMembers().Any(m => m is IMethodSymbol { IsStatic: false } method
            && (method.MethodKind == MethodKind.Destructor || ReleaseGuards.IsDisposeBool(method) || IsDispose(method))))
        {
            return;
        }

        var shape = DisposeShape.Build(model, type);
        if (shape.HasErrors)
        {
            return;
        }

        var name = type.Name;
        void Report(Location location, string text, string? @case = null)
            => context.ReportOwnership(Diagnostic.Create(Descriptors.OWN207, location,
                @case is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(CaseProperty, @case), name, text));

        CheckSuppressFinalize(shape, model.Hierarchy, Report);
        CheckDisposingArguments(shape, Report);
        CheckFinalizerPath(context, model, tree, shape, Report);
    }

    private delegate void Reporter(Location location, string text, string? @case = null);

    private static void CheckSuppressFinalize(DisposeShape shape, TypeHierarchy hierarchy, Reporter report)
    {
        foreach (var call in shape.SuppressFinalizeCalls)
        {
            var inDisposeBool = ReleaseGuards.IsDisposeBool(call.Caller);
            var inFinalizer = call.Caller.MethodKind == MethodKind.Destructor;
            if (!call.OnThis && (inDisposeBool || inFinalizer || IsDispose(call.Caller)))
            {
                report(call.Call.Syntax.GetLocation(), $"calls 'GC.SuppressFinalize' with '{call.Call.Arguments[0].Value.Syntax}' instead of 'this': only an object's own Dispose() should stop its finalizer");
            }
            else if (call.OnThis && inDisposeBool)
            {
                report(call.Call.Syntax.GetLocation(), "calls 'GC.SuppressFinalize(this)' in 'Dispose(bool)', which also runs from the finalizer and from overrides; call it in 'Dispose()' after 'Dispose(true)'");
            }
            else if (call.OnThis && inFinalizer)
            {
                report(call.Call.Syntax.GetLocation(), "calls 'GC.SuppressFinalize(this)' in its finalizer, where it does nothing; call it in 'Dispose()'");
            }
        }

        if (shape.Dispose is not { } dispose || shape.Type.TypeKind != TypeKind.Class
            || shape.Reaches(dispose, call => call.TargetMethod is { Name: "SuppressFinalize", ContainingType.Name: "GC" }))
        {
            return;
        }

        if (shape.HasFinalizerInHierarchy)
        {
            report(dispose.Locations[0], "has a finalizer, but 'Dispose()' does not call 'GC.SuppressFinalize(this)': every disposed instance is still finalized", MissingSuppressFinalize);
        }
        else if (!shape.Type.IsSealed && shape.DisposeBool is { } hook && (hook.IsVirtual || hook.IsAbstract || (hook.IsOverride && !hook.IsSealed))
            && shape.Reaches(dispose, call => ReleaseGuards.IsDisposeBool(call.TargetMethod))
            && !hierarchy.NoDerivedTypeNeeds(shape.Type, TypeHierarchy.HasFinalizer))
        {
            report(dispose.Locations[0], "offers 'Dispose(bool)' to derived types, which may add a finalizer, but 'Dispose()' does not call 'GC.SuppressFinalize(this)'", MissingSuppressFinalize);
        }
    }

    private static void CheckDisposingArguments(DisposeShape shape, Reporter report)
    {
        foreach (var call in shape.DisposeBoolCalls)
        {
            if (call.Disposing == false && IsDispose(call.Caller))
            {
                report(call.Call.Arguments[0].Value.Syntax.GetLocation(), "calls 'Dispose(false)' in 'Dispose()': it must call 'Dispose(true)', or the managed members are never released", WrongDisposingArgument);
            }
            else if (call.Disposing == true && call.Caller.MethodKind == MethodKind.Destructor)
            {
                report(call.Call.Arguments[0].Value.Syntax.GetLocation(), "calls 'Dispose(true)' from its finalizer: it must call 'Dispose(false)', because the managed members may already be finalized", WrongDisposingArgument);
            }
        }

        if (shape.DisposeBool is null)
        {
            return;
        }

        var dispose = shape.Dispose;
        var disposeReachesHook = dispose is not null && shape.Reaches(dispose, call => ReleaseGuards.IsDisposeBool(call.TargetMethod));
        if (dispose is not null && !disposeReachesHook && !dispose.IsAbstract && !IsDisposeBoolAbstractOnly(shape))
        {
            report(dispose.Locations[0], "declares 'Dispose(bool)', but 'Dispose()' never calls 'Dispose(true)': what it and the overrides release is never released");
        }

        if (shape.Finalizer is { } finalizer && disposeReachesHook && !shape.Reaches(finalizer, call => ReleaseGuards.IsDisposeBool(call.TargetMethod)))
        {
            report(finalizer.Locations[0], "follows the dispose pattern, but its finalizer never calls 'Dispose(false)', so the unmanaged part of 'Dispose(bool)' never runs on finalization");
        }
    }

    /// <summary>An abstract Dispose(bool) has no body to miss.</summary>
    private static bool IsDisposeBoolAbstractOnly(DisposeShape shape) => shape.DisposeBool is { IsAbstract: true } && shape.Dispose is { IsAbstract: true };

    /// <summary>Managed members released where the finalizer gets to them: Dispose(false), or the finalizer itself.</summary>
    private static void CheckFinalizerPath(SymbolAnalysisContext context, OwnershipModel model, SyntaxTree tree, DisposeShape shape, Reporter report)
    {
        if (!shape.HasFinalizerInHierarchy)
        {
            return;
        }

        var ownership = model.GetTypeOwnership(shape.Type, OwnershipOptions.Get(context.Options, tree));
        if (ownership.HasErrors)
        {
            return;
        }

        foreach (var member in ownership.Members)
        {
            if (IsSafeHandle(member.Type))
            {
                // A SafeHandle is finalized after ordinary finalizers (critical finalization) and tolerates the call.
                continue;
            }

            foreach (var release in member.FinalizerPathReleases)
            {
                var inFinalizer = release.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.DestructorDeclarationSyntax>() is not null;
                report(release.Syntax.GetLocation(), inFinalizer
                    ? $"releases '{member.Member.Name}' in its finalizer, where that object may already be finalized; release it in 'Dispose()'"
                    : $"releases '{member.Member.Name}' also when 'disposing' is false (from the finalizer), where that object may already be finalized; release it only under 'if (disposing)'");
            }
        }
    }

    private static bool IsDispose(IMethodSymbol method)
        => method.Parameters.Length == 0 && method.Name is "Dispose" or "System.IDisposable.Dispose";

    private static bool IsSafeHandle(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "SafeHandle", ContainingNamespace: { Name: "InteropServices" } })
            {
                return true;
            }
        }

        return false;
    }
}
