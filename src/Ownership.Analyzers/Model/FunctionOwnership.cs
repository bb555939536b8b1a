using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ownership.Analyzers.Model;

/// <summary>
/// The answer of the model for one function body (a method, accessor, lambda or local function):
/// every resource it creates and what became of it on every path.
/// </summary>
internal sealed class FunctionOwnership
{
    public FunctionOwnership(IMethodSymbol? function, bool isAsync, ImmutableArray<Allocation> allocations)
    {
        Function = function;
        IsAsync = isAsync;
        Allocations = allocations;
    }

    /// <summary>The method, accessor, lambda or local function; null when Roslyn gives none.</summary>
    public IMethodSymbol? Function { get; }

    public bool IsAsync { get; }

    public ImmutableArray<Allocation> Allocations { get; }
}

/// <summary>The model's answer for one operation block: the body and every nested function in it.</summary>
internal sealed class BodyOwnership
{
    public static readonly BodyOwnership Empty = new(ImmutableArray<FunctionOwnership>.Empty);

    public BodyOwnership(ImmutableArray<FunctionOwnership> functions)
    {
        Functions = functions;
    }

    public ImmutableArray<FunctionOwnership> Functions { get; }
}
