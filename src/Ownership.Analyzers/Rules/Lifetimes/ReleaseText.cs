using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Lifetimes;

/// <summary>How the OWN3xx messages name a release: the call as written, or the end of a <c>using</c> scope, with its line.</summary>
internal static class ReleaseText
{
    private const int MaxCallLength = 48;

    /// <summary>"by 'reader.Dispose()' (line 12)", "at the end of the 'using' scope of 'reader' (line 14)".</summary>
    public static string Describe(IOperation release, Allocation releaser)
    {
        var line = Line(release);
        if (release.IsImplicit)
        {
            var of = releaser.Local is { } local ? $" of '{local.Name}'" : string.Empty;
            return $"at the end of the 'using' scope{of} (line {line})";
        }

        var written = release.Syntax;
        while (written.Parent is ConditionalAccessExpressionSyntax or AwaitExpressionSyntax)
        {
            written = written.Parent;
        }

        var text = written.ToString();
        if (text.Length > MaxCallLength || text.IndexOf('\n') >= 0)
        {
            text = release is IInvocationOperation invocation ? invocation.TargetMethod.Name + "(…)" : text.Substring(0, System.Math.Min(text.Length, MaxCallLength)).Trim() + "…";
        }

        return $"by '{text}' (line {line})";
    }

    /// <summary>The 1-based line where the release takes effect (for a <c>using</c>, where its scope ends).</summary>
    public static int Line(IOperation release)
    {
        var position = Allocation.ReleasePosition(release);
        return release.Syntax.SyntaxTree.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(position, 0)).StartLinePosition.Line + 1;
    }

    /// <summary><c>Dispose</c> or <c>DisposeAsync</c> (explicit or through <c>using</c>), not <c>Close</c> or a custom release.</summary>
    public static bool IsDispose(IOperation release)
        => release is IInvocationOperation { TargetMethod: { } method }
            && OwnershipKnowledge.IsReleaseMethod(method)
            && (method.Name is "Dispose" or "DisposeAsync" || method.Name.EndsWith(".Dispose", System.StringComparison.Ordinal) || method.Name.EndsWith(".DisposeAsync", System.StringComparison.Ordinal));

    /// <summary>The statement a release call stands in (<c>x.Dispose();</c>, <c>x?.Dispose();</c>, <c>await x.DisposeAsync();</c>), or null.</summary>
    public static ExpressionStatementSyntax? StatementOf(IOperation release)
    {
        SyntaxNode? node = release.Syntax;
        while (node is ExpressionSyntax)
        {
            node = node.Parent;
        }

        return node as ExpressionStatementSyntax;
    }
}
