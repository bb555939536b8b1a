using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model;

/// <summary>
/// Whether releasing a resource asynchronously does anything the synchronous release does not
/// (OWN105's question): a type that inherits a <c>DisposeAsync()</c> which only calls
/// <c>Dispose()</c> gains nothing from <c>await using</c>; a file opened only for reading has
/// nothing to flush; a synchronous release on the branch of an async-flag test whose other branch
/// awaits <c>DisposeAsync()</c> is the right release on that branch.
/// </summary>
internal sealed partial class OwnershipModel
{
    /// <summary>False when awaiting the release of this allocation could not do anything its synchronous release does not.</summary>
    public bool AsyncReleaseMatters(Allocation allocation)
        => !InheritsForwardingDisposeAsync(allocation.Type)
            && !(allocation.Local?.Type is { } declared && IsNarrowerThan(declared, allocation.Type) && InheritsForwardingDisposeAsync(declared))
            && !IsReadOnlyFileOpen(allocation.Creation);

    /// <summary>
    /// The local is declared as a class derived from what the creation returns
    /// (<c>using var reader = (ClickHouseDataReader)await command.ExecuteReaderAsync();</c>): the value is
    /// at least that class, so its <c>DisposeAsync()</c> is that class's.
    /// </summary>
    private static bool IsNarrowerThan(ITypeSymbol declared, ITypeSymbol created)
        => declared is INamedTypeSymbol narrowed && created is INamedTypeSymbol wide && MethodSummaries.DerivesFrom(narrowed, wide);

    /// <summary>
    /// The synchronous release runs on a branch chosen by a bool flag of the function (<c>if (async) … else x.Dispose()</c>)
    /// and the same allocation is released asynchronously elsewhere: one body serving a synchronous and an asynchronous API.
    /// </summary>
    public static bool IsSynchronousBranchOfAsyncFlag(ReleaseSite release, Allocation allocation)
    {
        if (!allocation.Releases.Any(other => other.IsAsync))
        {
            return false;
        }

        foreach (var guard in release.Guards)
        {
            var condition = guard;
            while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
            }

            if (condition is IParameterReferenceOperation { Parameter.Type.SpecialType: SpecialType.System_Boolean }
                or ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Boolean })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The concrete type's <c>DisposeAsync()</c> is one that only calls <c>Dispose()</c>: a framework
    /// base's default the table knows (<c>Stream</c>, <c>DbConnection</c>, …), or a source one whose body
    /// does nothing but call <c>Dispose()</c> and return. An abstract type or an interface may be
    /// anything at run time: it matters.
    /// </summary>
    private bool InheritsForwardingDisposeAsync(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false } named)
        {
            return false;
        }

        for (var current = named; current is not null; current = current.BaseType)
        {
            var implementation = current.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(m => !m.IsStatic && m.Parameters.Length == 0
                && (m.Name == "DisposeAsync" || m.Name.EndsWith(".DisposeAsync", System.StringComparison.Ordinal)));
            if (implementation is null)
            {
                continue;
            }

            if (!IsSource(current))
            {
                return Knowledge.DisposeAsyncOnlyCallsDispose(current);
            }

            return Summaries.GetBodyOf(implementation) is { } body && (OnlyCallsDispose(body) || Disposal.MethodReleasesNothing(implementation));
        }

        return false;
    }

    /// <summary><c>{ Dispose(); return default; }</c>, <c>{ Dispose(); return ValueTask.CompletedTask; }</c> and the like.</summary>
    private static bool OnlyCallsDispose(IOperation body)
    {
        var calledDispose = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation { Instance: IInstanceReferenceOperation, TargetMethod: { Name: "Dispose", Parameters.Length: 0 } }:
                    calledDispose = true;
                    break;
                case IInvocationOperation or IAwaitOperation or IObjectCreationOperation { Type.Name: not "ValueTask" }:
                    return false;
            }
        }

        return calledDispose;
    }

    /// <summary><c>File.OpenRead(…)</c>, <c>new FileStream(…, FileAccess.Read)</c>: a stream with nothing to flush.</summary>
    private static bool IsReadOnlyFileOpen(IOperation creation)
    {
        switch (creation)
        {
            case IInvocationOperation { TargetMethod: { Name: "OpenRead", ContainingType: { Name: "File" or "FileInfo", ContainingNamespace.Name: "IO" } } }:
                return true;
            case IInvocationOperation { TargetMethod: { Name: "Open", ContainingType: { Name: "File" or "FileInfo", ContainingNamespace.Name: "IO" } } } open:
                return PassesReadAccess(open.Arguments);
            case IObjectCreationOperation { Type: { Name: "FileStream", ContainingNamespace.Name: "IO" } } fileStream:
                return PassesReadAccess(fileStream.Arguments);
            default:
                return false;
        }
    }

    private static bool PassesReadAccess(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        => arguments.Any(a => a.Parameter?.Name == "access" && a.Value.ConstantValue is { HasValue: true, Value: 1 });
}
