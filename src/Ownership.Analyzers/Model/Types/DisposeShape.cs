using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model.Types;

/// <summary>A call to Dispose(bool) on this instance, with its argument when it is a constant.</summary>
internal readonly record struct DisposeBoolCall(IMethodSymbol Caller, IInvocationOperation Call, bool? Disposing);

/// <summary>A call to GC.SuppressFinalize, and whether its argument is this instance.</summary>
internal readonly record struct SuppressFinalizeCall(IMethodSymbol Caller, IInvocationOperation Call, bool OnThis);

/// <summary>
/// How a type wires the dispose pattern together (DESIGN §1, the type as owner): its Dispose(),
/// Dispose(bool) and finalizer, who calls Dispose(bool) with which argument, and where
/// GC.SuppressFinalize is called. Read from the type's own method bodies, partial parts included.
/// </summary>
internal sealed class DisposeShape
{
    private const int MaxCallDepth = 2;

    private readonly Dictionary<IMethodSymbol, IOperation> _bodies;

    private DisposeShape(INamedTypeSymbol type, Dictionary<IMethodSymbol, IOperation> bodies, bool hasErrors)
    {
        Type = type;
        _bodies = bodies;
        HasErrors = hasErrors;
        var methods = type.GetMembers().OfType<IMethodSymbol>().Where(m => !m.IsStatic).ToList();
        Finalizer = methods.FirstOrDefault(m => m.MethodKind == MethodKind.Destructor);
        Dispose = methods.FirstOrDefault(m => m.Parameters.Length == 0 && m.ReturnsVoid
            && (m is { Name: "Dispose", MethodKind: MethodKind.Ordinary } || m is { Name: "System.IDisposable.Dispose", MethodKind: MethodKind.ExplicitInterfaceImplementation }));
        DisposeBool = methods.FirstOrDefault(ReleaseGuards.IsDisposeBool);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            HasFinalizerInHierarchy |= current.GetMembers().OfType<IMethodSymbol>().Any(m => m.MethodKind == MethodKind.Destructor);
        }

        var disposeBoolCalls = ImmutableArray.CreateBuilder<DisposeBoolCall>();
        var suppressCalls = ImmutableArray.CreateBuilder<SuppressFinalizeCall>();
        foreach (var entry in bodies)
        {
            var method = entry.Key;
            foreach (var invocation in entry.Value.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (ReleaseGuards.IsDisposeBool(invocation.TargetMethod) && invocation.Instance is IInstanceReferenceOperation && invocation.Arguments.Length == 1)
                {
                    var constant = invocation.Arguments[0].Value.ConstantValue;
                    disposeBoolCalls.Add(new DisposeBoolCall(method, invocation, constant is { HasValue: true, Value: bool value } ? value : null));
                }
                else if (invocation.TargetMethod is { Name: "SuppressFinalize", IsStatic: true, ContainingType: { Name: "GC", ContainingNamespace.Name: "System" } } && invocation.Arguments.Length == 1)
                {
                    var argument = invocation.Arguments[0].Value;
                    while (argument is IConversionOperation conversion)
                    {
                        argument = conversion.Operand;
                    }

                    suppressCalls.Add(new SuppressFinalizeCall(method, invocation, argument is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }));
                }
            }
        }

        DisposeBoolCalls = disposeBoolCalls.ToImmutable();
        SuppressFinalizeCalls = suppressCalls.ToImmutable();
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>Some method body of the type has invalid code: rules stay silent.</summary>
    public bool HasErrors { get; }

    /// <summary>The finalizer (~T) the type declares.</summary>
    public IMethodSymbol? Finalizer { get; }

    /// <summary>The type or a base class other than object declares a finalizer (Component does).</summary>
    public bool HasFinalizerInHierarchy { get; }

    /// <summary>The parameterless Dispose() the type declares (implicit or explicit implementation).</summary>
    public IMethodSymbol? Dispose { get; }

    /// <summary>The Dispose(bool) the type declares (new, virtual or override).</summary>
    public IMethodSymbol? DisposeBool { get; }

    public ImmutableArray<DisposeBoolCall> DisposeBoolCalls { get; }

    public ImmutableArray<SuppressFinalizeCall> SuppressFinalizeCalls { get; }

    public static DisposeShape Build(OwnershipModel model, INamedTypeSymbol type)
    {
        var bodies = new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default);
        var hasErrors = false;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            if (model.Summaries.SemanticModelFor(declaration.SyntaxTree) is not { } semanticModel)
            {
                continue;
            }

            foreach (var method in declaration.Members.OfType<BaseMethodDeclarationSyntax>())
            {
                if (semanticModel.GetDeclaredSymbol(method) is not IMethodSymbol symbol || semanticModel.GetOperation(method) is not { } body)
                {
                    continue;
                }

                hasErrors |= body.HasErrors(model.Compilation);
                bodies[symbol.OriginalDefinition] = body;
            }
        }

        return new DisposeShape(type, bodies, hasErrors);
    }

    /// <summary>
    /// <paramref name="method"/> or a method of this instance it calls (up to two calls deep) satisfies
    /// <paramref name="found"/>: Dispose() => Close() => Dispose(true) reaches Dispose(bool).
    /// </summary>
    public bool Reaches(IMethodSymbol method, System.Func<IInvocationOperation, bool> found)
        => Reaches(method, found, MaxCallDepth, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));

    private bool Reaches(IMethodSymbol method, System.Func<IInvocationOperation, bool> found, int depth, HashSet<IMethodSymbol> visited)
    {
        if (!visited.Add(method.OriginalDefinition) || !_bodies.TryGetValue(method.OriginalDefinition, out var body))
        {
            return false;
        }

        foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
        {
            if (found(invocation))
            {
                return true;
            }

            if (depth > 0 && invocation.Instance is IInstanceReferenceOperation
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, Type.OriginalDefinition)
                && Reaches(invocation.TargetMethod, found, depth - 1, visited))
            {
                return true;
            }
        }

        return false;
    }
}
