using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Reporting;

/// <summary>
/// Suppresses the neighbours' ownership warnings (CA2000, CA2213, CA1001, CA2215 and the
/// IDisposableAnalyzers rules of the same defects) exactly where the ownership model proves the
/// value released, handed on, borrowed or harmless. A client of the model like the rules: it
/// asks the same questions (DESIGN §1) and never guesses — where the model cannot tell (an
/// unknown origin, a body too large to analyse, a base nothing is known of), the warning stays.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PeerFalsePositiveSuppressor : DiagnosticSuppressor
{
    /// <summary>Why the model says the peer's finding loses nothing (one descriptor per peer rule and reason).</summary>
    internal enum Reason
    {
        Released,
        Transferred,
        Harmless,
        Borrowed,
        OwnsNothing,
        BaseReleasesNothing,
    }

    private enum Family
    {
        Local,
        Member,
        Type,
        BaseCall,
    }

    private static readonly (string Id, Family Family, Reason[] Reasons)[] Peers =
    {
        ("CA2000", Family.Local, new[] { Reason.Released, Reason.Transferred, Reason.Harmless, Reason.Borrowed }),
        ("IDISP001", Family.Local, new[] { Reason.Released, Reason.Transferred, Reason.Harmless, Reason.Borrowed }),
        ("IDISP004", Family.Local, new[] { Reason.Released, Reason.Transferred, Reason.Harmless, Reason.Borrowed }),
        ("CA2213", Family.Member, new[] { Reason.Released, Reason.Harmless, Reason.Borrowed }),
        ("IDISP002", Family.Member, new[] { Reason.Released, Reason.Harmless, Reason.Borrowed }),
        ("CA1001", Family.Type, new[] { Reason.OwnsNothing }),
        ("IDISP006", Family.Type, new[] { Reason.OwnsNothing }),
        ("CA2215", Family.BaseCall, new[] { Reason.BaseReleasesNothing }),
        ("IDISP010", Family.BaseCall, new[] { Reason.BaseReleasesNothing }),
    };

    private static readonly ImmutableDictionary<(string Id, Reason Reason), SuppressionDescriptor> Descriptors =
        Peers.SelectMany(peer => peer.Reasons.Select(reason => (peer.Id, reason)))
            .ToImmutableDictionary(key => key, key => new SuppressionDescriptor(DescriptorId(key.Id, key.reason), key.Id, Justification(key.reason)));

    private static readonly ImmutableDictionary<string, Family> FamilyOf = Peers.ToImmutableDictionary(peer => peer.Id, peer => peer.Family);

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = Descriptors.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal).ToImmutableArray();

    /// <summary>The descriptor id: the suppressed rule and the reason (<c>OWNS-CA2000-Transferred</c>).</summary>
    internal static string DescriptorId(string suppressedId, Reason reason) => $"OWNS-{suppressedId}-{reason}";

    internal static string Justification(Reason reason) => reason switch
    {
        Reason.Released => "the ownership model shows it released on every normal path",
        Reason.Transferred => "the ownership model shows it handed to an owner (returned, stored or passed to a member that takes it)",
        Reason.Harmless => "disposing it releases nothing this code owns (the knowledge table or its own type's disposal says so)",
        Reason.Borrowed => "it is borrowed: the member or factory it comes from keeps ownership",
        Reason.OwnsNothing => "no member of the type holds a resource the type owns: what it holds is borrowed or needs no release",
        _ => "the base type's disposal provably releases nothing, so skipping it loses nothing",
    };

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        OwnershipModel? model = null;
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!FamilyOf.ContainsKey(diagnostic.Id) || diagnostic.Location.SourceTree is not { } tree)
            {
                continue;
            }

            model ??= OwnershipModel.For(context.Compilation);
            var semanticModel = context.GetSemanticModel(tree);
            var options = OwnershipOptions.Get(context.Options, tree);
            try
            {
                if (Decide(model, semanticModel, diagnostic, options, context.CancellationToken) is { } reason
                    && Descriptors.TryGetValue((diagnostic.Id, reason), out var descriptor))
                {
                    context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
                }
            }
            catch (System.Exception exception) when (exception is not System.OperationCanceledException)
            {
                // Never crash the host over a neighbour's warning: unsure means the warning stays.
            }
        }
    }

    /// <summary>The model's reason to suppress this peer diagnostic, or null when it cannot prove one.</summary>
    internal static Reason? Decide(OwnershipModel model, SemanticModel semanticModel, Diagnostic diagnostic, OwnershipOptions options, CancellationToken cancellationToken)
    {
        if (!FamilyOf.TryGetValue(diagnostic.Id, out var family) || diagnostic.Location.SourceTree is not { } tree || tree != semanticModel.SyntaxTree)
        {
            return null;
        }

        var node = tree.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return family switch
        {
            Family.Local => DecideLocal(model, semanticModel, node, options, cancellationToken),
            Family.Member => DecideMember(model, semanticModel, node, options, cancellationToken),
            Family.Type => DecideType(model, semanticModel, node, options, cancellationToken),
            _ => DecideBaseCall(model, semanticModel, node, options, cancellationToken),
        };
    }

    private static Reason? DecideLocal(OwnershipModel model, SemanticModel semanticModel, SyntaxNode node, OwnershipOptions options, CancellationToken cancellationToken)
    {
        var creation = CreationSyntax(node);
        if (creation is null || semanticModel.GetOperation(creation, cancellationToken) is not { } operation)
        {
            return null;
        }

        operation = model.Unwrap(operation) ?? operation;
        if (operation is not (IObjectCreationOperation or IInvocationOperation or IPropertyReferenceOperation) || operation.Type is null)
        {
            return null;
        }

        model.Summaries.Adopt(semanticModel);
        if (FindAllocation(model, semanticModel, operation.Syntax, options, cancellationToken) is { } allocation)
        {
            if (!allocation.IsDisposable || allocation.Loss != LossKind.None || allocation.IsConditionallyOwned
                || allocation.Releases.Any(release => release.IsMismatched))
            {
                return null;
            }

            // Captured by a lambda or otherwise escaped is not handed to an owner: the OWN rules stay
            // silent there because they cannot tell, and so must the suppressor (a linked token
            // source whose token a task lambda reads is a real leak).
            return allocation.Releases.Count > 0 && (allocation.Transfers & TransferKinds.Escaped) == 0 ? Reason.Released
                : allocation.Transfers != TransferKinds.None && (allocation.Transfers & TransferKinds.Escaped) == 0 ? Reason.Transferred
                : null;
        }

        // Not tracked: the model knows the value needs no release, or that someone else owns it.
        var type = operation.Type;
        switch (operation)
        {
            case IObjectCreationOperation objectCreation when model.Knowledge.IsResourceType(type):
                return model.NeedsRelease(type, objectCreation, options) ? null : Reason.Harmless;
            case IInvocationOperation invocation:
                return BorrowedOrHarmless(model, invocation.TargetMethod, type, options);
            case IPropertyReferenceOperation property:
                return BorrowedOrHarmless(model, property.Property, type, options);
            default:
                return null;
        }
    }

    private static Reason? BorrowedOrHarmless(OwnershipModel model, ISymbol member, ITypeSymbol type, OwnershipOptions options)
    {
        var resourceType = model.Knowledge.IsResourceType(type) ? type : model.Knowledge.Types.GetAwaitedResultType(type);
        if (resourceType is null || !model.Knowledge.IsResourceType(resourceType))
        {
            return null;
        }

        if (member is IMethodSymbol { AssociatedSymbol: IPropertySymbol property })
        {
            member = property;
        }

        return model.Knowledge.GetReturnOwnership(member, options) switch
        {
            ReturnOwnership.Borrowed => Reason.Borrowed,
            ReturnOwnership.Created when !model.NeedsRelease(resourceType, null, options) => Reason.Harmless,
            _ => null,
        };
    }

    /// <summary>The expression the peer points at: the creation itself, or the value of the declared local.</summary>
    private static SyntaxNode? CreationSyntax(SyntaxNode node)
    {
        switch (node)
        {
            case VariableDeclaratorSyntax { Initializer.Value: var value }:
                return value;
            case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } when variables[0].Initializer is { } initializer:
                return initializer.Value;
            case VariableDeclarationSyntax { Variables: { Count: 1 } variables } when variables[0].Initializer is { } initializer:
                return initializer.Value;
            case ArgumentSyntax argument:
                return argument.Expression;
            case ExpressionSyntax expression:
                return expression;
            default:
                return null;
        }
    }

    /// <summary>The allocation the flow made for this creation, in the body (and its nested functions) that contains it.</summary>
    private static Allocation? FindAllocation(OwnershipModel model, SemanticModel semanticModel, SyntaxNode creation, OwnershipOptions options, CancellationToken cancellationToken)
    {
        if (RootBlock(semanticModel, creation, cancellationToken) is not { } root)
        {
            return null;
        }

        var body = model.GetBodyOwnership(root.Block, root.Function, options, cancellationToken);
        foreach (var function in body.Functions)
        {
            foreach (var allocation in function.Allocations)
            {
                if (allocation.Creation.Syntax.Span == creation.Span && allocation.Creation.Syntax.SyntaxTree == creation.SyntaxTree)
                {
                    return allocation;
                }
            }
        }

        return null;
    }

    /// <summary>The root operation block the rules analyse for the member that contains <paramref name="node"/>, and its method.</summary>
    private static (IOperation Block, IMethodSymbol Function)? RootBlock(SemanticModel semanticModel, SyntaxNode node, CancellationToken cancellationToken)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            SyntaxNode? owner = ancestor switch
            {
                BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => ancestor,
                ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax } => ancestor,
                _ => null,
            };
            if (owner is null)
            {
                if (ancestor is MemberDeclarationSyntax)
                {
                    return null;
                }

                continue;
            }

            var function = owner is ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax property }
                ? (semanticModel.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod
                : semanticModel.GetDeclaredSymbol(owner, cancellationToken) as IMethodSymbol;
            var block = semanticModel.GetOperation(owner, cancellationToken);
            while (block?.Parent is not null)
            {
                block = block.Parent;
            }

            return block is not null && function is not null ? (block, function) : null;
        }

        return null;
    }

    private static Reason? DecideMember(OwnershipModel model, SemanticModel semanticModel, SyntaxNode node, OwnershipOptions options, CancellationToken cancellationToken)
    {
        var member = DeclaredMember(semanticModel, node, cancellationToken);
        if (member is not (IFieldSymbol or IPropertySymbol) || member.ContainingType is not { } type)
        {
            return null;
        }

        var ownership = model.GetTypeOwnership(type, options);
        if (ownership.HasErrors)
        {
            return null;
        }

        var memberType = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
        var owned = ownership.Members.FirstOrDefault(m => SymbolEqualityComparer.Default.Equals(m.Member, member));
        if (owned is null)
        {
            // Not a resource member of the model: its type needs no release.
            return model.Knowledge.IsResourceType(memberType) && !model.NeedsRelease(memberType, null, options) ? Reason.Harmless : null;
        }

        if (owned.IsOwned)
        {
            return owned.IsReleased && !owned.HasGuardedRelease ? Reason.Released : null;
        }

        return HoldsNothingOwned(model, owned, options);
    }

    /// <summary>
    /// Every value the type stores in the member is borrowed or needs no release (a <c>new MemoryStream()</c>):
    /// Harmless when one of them is such a creation, Borrowed when all are borrowed; null when one is of unknown origin.
    /// </summary>
    private static Reason? HoldsNothingOwned(OwnershipModel model, MemberOwnership member, OwnershipOptions options)
    {
        if (member.Assignments.Count == 0)
        {
            return null;
        }

        var harmless = false;
        foreach (var assignment in member.Assignments)
        {
            if (assignment.Origin == Origin.Borrowed)
            {
                continue;
            }

            if (assignment.Origin == Origin.Unknown && model.Unwrap(assignment.Value) is IObjectCreationOperation { Type: { } created } creation
                && model.Knowledge.IsResourceType(created) && !model.NeedsRelease(created, creation, options))
            {
                harmless = true;
                continue;
            }

            return null;
        }

        return harmless ? Reason.Harmless : Reason.Borrowed;
    }

    private static Reason? DecideType(OwnershipModel model, SemanticModel semanticModel, SyntaxNode node, OwnershipOptions options, CancellationToken cancellationToken)
    {
        if (node.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault() is not { } declaration
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        var ownership = model.GetTypeOwnership(type, options);
        if (ownership.HasErrors)
        {
            return null;
        }

        // Every member that can hold a resource holds only borrowed values or creations that need no release.
        foreach (var member in ownership.Members)
        {
            if (HoldsNothingOwned(model, member, options) is null)
            {
                return null;
            }
        }

        return Reason.OwnsNothing;
    }

    private static Reason? DecideBaseCall(OwnershipModel model, SemanticModel semanticModel, SyntaxNode node, OwnershipOptions options, CancellationToken cancellationToken)
    {
        if (node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } declaration
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol { OverriddenMethod: { } overridden } method)
        {
            return null;
        }

        if (overridden.Name is "DisposeAsync" or "DisposeAsyncCore")
        {
            // A base DisposeAsync that "only calls Dispose()" dispatches to this type's own Dispose(bool):
            // skipping it skips what this type releases there (a wrapped reader's command).
            return null;
        }

        var declaring = overridden.ContainingType;
        if (declaring.DeclaringSyntaxReferences.Length == 0)
        {
            // A metadata base: only the knowledge table can say its disposal is empty.
            return model.Knowledge.BaseDisposeReleasesNothing(declaring) ? Reason.BaseReleasesNothing : null;
        }

        if (model.GetTypeOwnership(declaring, options).HasErrors || HasUnknownMetadataBase(model, declaring))
        {
            return null;
        }

        return BaseRelease.Describe(model, overridden, method, options) is null ? Reason.BaseReleasesNothing : null;
    }

    /// <summary>Above the source bases sits a metadata base the table knows nothing of: what it releases cannot be told.</summary>
    private static bool HasUnknownMetadataBase(OwnershipModel model, INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.DeclaringSyntaxReferences.Length == 0)
            {
                return !model.Knowledge.BaseDisposeReleasesNothing(current) && model.Knowledge.WhatDisposeReleases(current).Releases is null;
            }
        }

        return false;
    }

    private static ISymbol? DeclaredMember(SemanticModel semanticModel, SyntaxNode node, CancellationToken cancellationToken)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case VariableDeclaratorSyntax declarator when declarator.Parent?.Parent is FieldDeclarationSyntax:
                    return semanticModel.GetDeclaredSymbol(declarator, cancellationToken);
                case FieldDeclarationSyntax { Declaration.Variables: { Count: 1 } variables }:
                    return semanticModel.GetDeclaredSymbol(variables[0], cancellationToken);
                case PropertyDeclarationSyntax property:
                    return semanticModel.GetDeclaredSymbol(property, cancellationToken);
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }
}
