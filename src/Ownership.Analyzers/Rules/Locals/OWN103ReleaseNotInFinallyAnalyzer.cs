using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Locals;

/// <summary>
/// OWN103: a resource is released on every normal path, but only by explicit calls outside any
/// <c>finally</c> or <c>catch</c>, and a call between its creation and its release can throw.
/// Every kind of resource: the exception-path question is the same for a stream, a rented
/// array, native memory and a GCHandle (OWN501–OWN504 answer the normal paths for those).
/// </summary>
// Registered through its family analyzer (Rules/OwnershipAnalyzers.cs), which runs it with the
// other rules of the family; alone, this class runs the rule by itself (tests, the benchmark).
#pragma warning disable RS1001, RS1025, RS1026 // no [DiagnosticAnalyzer]: hosts load the family; RuleFamilies configures the context
public sealed class OWN103ReleaseNotInFinallyAnalyzer : MethodOwnershipAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN103);

    private protected override void Analyze(OperationBlockAnalysisContext context, OwnershipModel model, FunctionOwnership function)
    {
        // One resource, one finding: the arms of a conditional kept in one local are one resource.
        var reported = new System.Collections.Generic.HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var allocation in function.Allocations.OrderBy(a => a.Creation.Syntax.SpanStart))
        {
            if (allocation.Loss != LossKind.None || allocation.Transfers != TransferKinds.None || allocation.Releases.Count == 0)
            {
                continue;
            }

            SyntaxNode? releaseOrProtection;
            string shape;
            if (allocation.Releases.Any(release => release.IsImplicit || release.IsProtected))
            {
                // Released in a finally, a catch or a using: only what runs before that protection begins can lose it
                // (`var pin = GCHandle.Alloc(…); Check(); try { … } finally { pin.Free(); }`).
                releaseOrProtection = LatestProtectionStart(allocation);
                shape = "is released in a 'finally' or 'using' that begins only after it";
                if (releaseOrProtection is null || releaseOrProtection.SpanStart <= allocation.Creation.Syntax.Span.End)
                {
                    continue;
                }
            }
            else
            {
                releaseOrProtection = null;
                shape = "is released outside 'finally'";
            }

            if (allocation.Kind == Knowledge.ResourceKind.PooledArray || (allocation.IsDisposable && model.Disposal.OnlyReturnsPooledArrays(allocation.Type)))
            {
                // A rented array skipped on an exception path is not lost: the pool rents another and the
                // GC takes this one (real code: 0 of 35 such findings were worth a fix, docs/precision.md).
                continue;
            }

            var firstRelease = releaseOrProtection ?? allocation.Releases.Select(release => release.Operation.Syntax).OrderBy(syntax => syntax.SpanStart).First();
            if (FirstThrowingCallBetween(allocation.Creation.Syntax, firstRelease) is { } between
                && !(allocation.Local is { } local && model.Summaries.SemanticModelFor(between.SyntaxTree) is { } semanticModel && ExceptionPathReleases(between, local, semanticModel, model.Knowledge))
                && (allocation.Local is null || reported.Add(allocation.Local)))
            {
                context.ReportOwnership(Diagnostic.Create(Descriptors.OWN103, allocation.Creation.Syntax.GetLocation(), NameOf(allocation), Shorten(between.ToString()), shape));
            }
        }
    }

    /// <summary>
    /// Where the protection of the allocation's releases begins: the <c>try</c> whose <c>finally</c> or
    /// <c>catch</c> holds a release, or the <c>using</c> statement or declaration; the latest of them
    /// (the others cover less). Null when a release is neither, or when its protection cannot be told.
    /// </summary>
    private static SyntaxNode? LatestProtectionStart(Allocation allocation)
    {
        SyntaxNode? latest = null;
        foreach (var release in allocation.Releases)
        {
            SyntaxNode? start = null;
            if (release.IsImplicit)
            {
                start = release.Operation.Syntax;
            }
            else if (release.IsProtected)
            {
                for (var node = release.Operation.Syntax.Parent; node is not null and not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax); node = node.Parent)
                {
                    if (node is FinallyClauseSyntax or CatchClauseSyntax && node.Parent is TryStatementSyntax @try)
                    {
                        start = @try;
                        break;
                    }
                }
            }
            else
            {
                // A release on the normal path outside any protection: the rule's other shape.
                return null;
            }

            if (start is null)
            {
                return null;
            }

            if (latest is null || start.SpanStart > latest.SpanStart)
            {
                latest = start;
            }
        }

        return latest;
    }

    /// <summary>The first call, <c>new</c> or <c>await</c> that runs after the creation and before the release, in source order.</summary>
    private static SyntaxNode? FirstThrowingCallBetween(SyntaxNode creation, SyntaxNode release)
    {
        if (release.SpanStart <= creation.Span.End)
        {
            return null;
        }

        var scope = creation.Parent;
        while (scope is not null && !scope.Span.Contains(release.Span))
        {
            scope = scope.Parent;
        }

        if (scope is null)
        {
            return null;
        }

        // Only the nodes that overlap the stretch between the two: a long method is not walked from its start for every resource.
        var between = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(creation.Span.End, release.SpanStart);
        foreach (var node in scope.DescendantNodes(between, node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node.SpanStart <= creation.Span.End || node.Span.End > release.SpanStart)
            {
                continue;
            }

            if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AwaitExpressionSyntax or ThrowStatementSyntax or ThrowExpressionSyntax
                && !AreExclusive(creation, node))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>
    /// The two nodes lie in different arms of one conditional, switch expression, <c>if</c> or
    /// <c>switch</c>: no path runs both, so the call cannot throw while the resource is owned.
    /// </summary>
    private static bool AreExclusive(SyntaxNode creation, SyntaxNode node)
    {
        SyntaxNode? arm = creation;
        for (var parent = creation.Parent; parent is not null; arm = parent, parent = parent.Parent)
        {
            if (!parent.Span.Contains(node.Span))
            {
                continue;
            }

            if (arm.Span.Contains(node.Span))
            {
                return false;
            }

            return parent switch
            {
                ConditionalExpressionSyntax conditional => arm != conditional.Condition && !conditional.Condition.Span.Contains(node.Span),
                SwitchExpressionSyntax @switch => arm is SwitchExpressionArmSyntax && !@switch.GoverningExpression.Span.Contains(node.Span),
                IfStatementSyntax @if => arm != @if.Condition && !@if.Condition.Span.Contains(node.Span),
                ElseClauseSyntax => false,
                SwitchStatementSyntax @switch => arm is SwitchSectionSyntax && !@switch.Expression.Span.Contains(node.Span),
                _ => false,
            };
        }

        return false;
    }

    /// <summary>
    /// A <c>try</c> around the throwing call has a <c>finally</c> or <c>catch</c> that releases the
    /// local (<c>finally { if (reader != null) reader.Dispose(); }</c> after the try released it and
    /// set it to null): the exception path is covered, though the flow sees that release only on
    /// the normal path, where the local is null by then.
    /// </summary>
    private static bool ExceptionPathReleases(SyntaxNode call, ILocalSymbol local, SemanticModel semanticModel, OwnershipKnowledge knowledge)
    {
        for (var node = call.Parent; node is not null and not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax); node = node.Parent)
        {
            if (node is not TryStatementSyntax tryStatement || !tryStatement.Block.Span.Contains(call.Span))
            {
                continue;
            }

            if (tryStatement.Finally is { } @finally && ReleasesLocal(@finally.Block, local, semanticModel, knowledge))
            {
                return true;
            }

            foreach (var @catch in tryStatement.Catches)
            {
                if (@catch.Filter is null && @catch.Declaration is null && ReleasesLocal(@catch.Block, local, semanticModel, knowledge))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ReleasesLocal(BlockSyntax block, ILocalSymbol local, SemanticModel semanticModel, OwnershipKnowledge knowledge)
    {
        if (semanticModel.GetOperation(block) is not { } operation)
        {
            return false;
        }

        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is not IInvocationOperation invocation || ReleasedValue(invocation, knowledge) is not { } instance)
            {
                continue;
            }

            while (instance is IConversionOperation conversion)
            {
                instance = conversion.Operand;
            }

            if (instance is IConditionalAccessInstanceOperation)
            {
                // `local?.Dispose()`: the receiver is the conditional access' operand.
                for (var parent = invocation.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IConditionalAccessOperation access)
                    {
                        instance = access.Operation;
                        break;
                    }
                }
            }

            if (instance is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a release call releases: the receiver of <c>Dispose()</c> or <c>handle.Free()</c>, the array given to <c>pool.Return</c>, the pointer given to a free.</summary>
    private static IOperation? ReleasedValue(IInvocationOperation invocation, OwnershipKnowledge knowledge)
    {
        if (OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod))
        {
            return invocation.Instance;
        }

        if (knowledge.GetHandleRelease(invocation.TargetMethod) is not { } release)
        {
            return null;
        }

        if (release.Parameter is null)
        {
            return invocation.Instance;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == release.Parameter)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static string Shorten(string text)
    {
        text = string.Join(" ", text.Split(new[] { '\r', '\n', '\t', ' ' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
