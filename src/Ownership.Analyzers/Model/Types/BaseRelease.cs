using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Types;

/// <summary>
/// What a base type's disposal method releases (DESIGN §1, the type as owner): the answer
/// behind "an override that skips the base call loses something". Only what is provably
/// released counts — the members a source base releases in that method (or a helper it calls,
/// or its own base), or what the knowledge table says a metadata base releases. A base that
/// releases nothing, or of which nothing is known, loses nothing.
/// </summary>
internal static class BaseRelease
{
    private const int MaxDepth = 4;

    /// <summary>
    /// In words, what running <paramref name="overridden"/> releases for an instance of
    /// <paramref name="derived"/> ("'_file'", "its file handle"); null when nothing is known to be released.
    /// </summary>
    public static string? Describe(OwnershipModel model, IMethodSymbol overridden, IMethodSymbol @override, OwnershipOptions options)
    {
        var derived = @override.ContainingType;
        var found = new List<string>();
        var releasedByOverride = ReleasedMembers(model, @override, derived);
        Collect(model, overridden, derived, options, found, MaxDepth, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), releasedByOverride);
        if (found.Count == 0)
        {
            return null;
        }

        var distinct = found.Distinct().ToList();
        return string.Join(", ", distinct.Take(3)) + (distinct.Count > 3 ? $" and {distinct.Count - 3} more" : string.Empty);
    }

    private static void Collect(OwnershipModel model, IMethodSymbol method, INamedTypeSymbol derived, OwnershipOptions options, List<string> found, int depth, HashSet<IMethodSymbol> visited, HashSet<ISymbol> releasedByOverride)
    {
        method = method.OriginalDefinition;
        if (depth < 0 || method.IsAbstract || !visited.Add(method) || method.ContainingType is not { } declaring)
        {
            return;
        }

        if (!model.IsSource(declaring))
        {
            var (releases, _) = model.Knowledge.WhatDisposeReleases(declaring);
            if (releases is not null && FirstMetadataBase(model, derived) is { } metadataBase && model.Disposal.BaseConstructionTransfers(derived, metadataBase))
            {
                found.Add(releases);
            }

            return;
        }

        var reachable = ReachableMethods(model, method, declaring);
        var ownership = model.GetTypeOwnership(declaring, options);
        if (!ownership.HasErrors)
        {
            foreach (var member in ownership.Members)
            {
                if (member.ReleasedBy.Any(reachable.ContainsKey) && !releasedByOverride.Contains(member.Member))
                {
                    found.Add($"'{member.Member.Name}'");
                }
            }
        }

        foreach (var body in reachable.Values)
        {
            foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (model.Knowledge.GetHandleRelease(invocation.TargetMethod) is not null)
                {
                    found.Add("the native memory or handles it frees");
                }
                else if (invocation.Instance?.Syntax is BaseExpressionSyntax && IsDisposalName(invocation.TargetMethod.Name))
                {
                    Collect(model, invocation.TargetMethod, derived, options, found, depth - 1, visited, releasedByOverride);
                }
            }
        }
    }

    /// <summary>
    /// The members of this instance (its own or inherited) that the override releases itself, directly or
    /// through a helper of its type: skipping the base loses nothing of those.
    /// </summary>
    private static HashSet<ISymbol> ReleasedMembers(OwnershipModel model, IMethodSymbol @override, INamedTypeSymbol derived)
    {
        var released = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var body in ReachableMethods(model, @override, derived).Values)
        {
            foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if ((OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod) || model.Summaries.ReleasesReceiver(invocation.TargetMethod, MethodSummaries.MaxDepth))
                    && Receiver(invocation.Instance) is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } member)
                {
                    released.Add(member.Member.OriginalDefinition);
                    if (member.Member is IPropertySymbol property && AutoPropertyField(property) is { } backing)
                    {
                        released.Add(backing);
                    }
                }
            }
        }

        return released;
    }

    private static IOperation? Receiver(IOperation? instance)
    {
        while (true)
        {
            switch (instance)
            {
                case IConversionOperation conversion:
                    instance = conversion.Operand;
                    continue;
                case IConditionalAccessInstanceOperation:
                    for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation access)
                        {
                            return Receiver(access.Operation);
                        }
                    }

                    return null;
                default:
                    return instance;
            }
        }
    }

    private static ISymbol? AutoPropertyField(IPropertySymbol property)
        => property.ContainingType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    /// <summary>The method and the methods of the same type it calls on this instance (Dispose() → Dispose(true) → Close()), with their bodies.</summary>
    internal static Dictionary<IMethodSymbol, IOperation> ReachableMethods(OwnershipModel model, IMethodSymbol method, INamedTypeSymbol declaring)
    {
        var result = new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default);
        var pending = new Stack<(IMethodSymbol Method, int Depth)>();
        pending.Push((method, 3));
        while (pending.Count > 0)
        {
            var (current, depth) = pending.Pop();
            if (result.ContainsKey(current) || model.Summaries.GetBodyOf(current) is not { } body)
            {
                continue;
            }

            result.Add(current, body);
            if (depth == 0)
            {
                continue;
            }

            foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (invocation.Instance is IInstanceReferenceOperation && invocation.Instance.Syntax is not BaseExpressionSyntax
                    && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, declaring.OriginalDefinition))
                {
                    pending.Push((invocation.TargetMethod.OriginalDefinition, depth - 1));
                }
            }
        }

        return result;
    }

    private static INamedTypeSymbol? FirstMetadataBase(OwnershipModel model, INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (!model.IsSource(current))
            {
                return current;
            }
        }

        return null;
    }

    private static bool IsDisposalName(string name) => name is "Dispose" or "DisposeAsync" or "DisposeAsyncCore" or "Close";
}
