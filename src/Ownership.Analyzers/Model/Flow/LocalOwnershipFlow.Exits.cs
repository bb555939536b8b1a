using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Ownership.Analyzers.Model.Flow;

/// <summary>
/// Which exit loses an allocation, for messages: the <c>return</c>, <c>break</c>, <c>continue</c> or
/// <c>goto</c> a branch leaves through, or the end of the method or of the local's scope. Read from
/// the branch the graph takes and the statement its source block ends with.
/// </summary>
internal sealed partial class LocalOwnershipFlow
{
    /// <summary>The statement (or closing brace) where <paramref name="branch"/> leaves, from the block it starts in.</summary>
    private static ExitSite? ExitOf(BasicBlock? block, ControlFlowBranch branch, bool leavesFunction)
    {
        if (block is null)
        {
            return null;
        }

        if (block.BranchValue is { } value && branch.Semantics == ControlFlowBranchSemantics.Return)
        {
            var returned = value.Syntax.FirstAncestorOrSelf<ReturnStatementSyntax>();
            if (returned is not null)
            {
                return new ExitSite(returned.ReturnKeyword.GetLocation(), "the return");
            }

            return value.Syntax.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>() is { } arrow
                ? new ExitSite(arrow.ArrowToken.GetLocation(), "the end of the expression body")
                : null;
        }

        if (block.ConditionKind != ControlFlowConditionKind.None && block.BranchValue?.Syntax.FirstAncestorOrSelf<IfStatementSyntax>() is { } @if
            && @if.Condition.Span.Contains(block.BranchValue.Syntax.Span))
        {
            // `if (c) return;`: the branch goes straight from the test to where the arm jumps.
            var whenTrue = branch == block.ConditionalSuccessor
                ? block.ConditionKind == ControlFlowConditionKind.WhenTrue
                : block.ConditionKind == ControlFlowConditionKind.WhenFalse;
            var arm = whenTrue ? @if.Statement : @if.Else?.Statement;
            if (arm is BlockSyntax { Statements.Count: > 0 } armBlock)
            {
                arm = armBlock.Statements[0];
            }

            if (arm is not null && Jump(arm) is { } jump)
            {
                return jump;
            }
        }

        var last = block.Operations.LastOrDefault()?.Syntax;
        var statement = last?.FirstAncestorOrSelf<StatementSyntax>();
        if (statement is null)
        {
            return null;
        }

        if (statement.Parent is BlockSyntax { } parent)
        {
            var index = parent.Statements.IndexOf(statement);
            if (index >= 0 && index + 1 < parent.Statements.Count && Jump(parent.Statements[index + 1]) is { } jump)
            {
                return jump;
            }

            if (index == parent.Statements.Count - 1)
            {
                var end = leavesFunction && parent.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
                    ? "the end of the method"
                    : "the end of the block";
                return new ExitSite(parent.CloseBraceToken.GetLocation(), end);
            }
        }

        return null;
    }

    private static ExitSite? Jump(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax @return => new ExitSite(@return.ReturnKeyword.GetLocation(), "the return"),
        BreakStatementSyntax @break => new ExitSite(@break.BreakKeyword.GetLocation(), "the break"),
        ContinueStatementSyntax @continue => new ExitSite(@continue.ContinueKeyword.GetLocation(), "the continue"),
        GotoStatementSyntax @goto => new ExitSite(@goto.GotoKeyword.GetLocation(), "the goto"),
        YieldStatementSyntax yield when yield.ReturnOrBreakKeyword.Text == "break" => new ExitSite(yield.YieldKeyword.GetLocation(), "the yield break"),
        _ => null,
    };
}
