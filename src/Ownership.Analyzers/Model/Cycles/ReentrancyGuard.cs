using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Model.Types;

namespace Ownership.Analyzers.Model.Cycles;

/// <summary>
/// A disposal that cannot run twice: before the release, it tests a disposed flag of the type and sets
/// it (<c>if (_disposed) return; _disposed = true;</c>, <c>if (Interlocked.Exchange(ref _disposed, 1) != 0) return;</c>),
/// in the method that releases or in the disposal method that calls it. When disposal comes round a
/// cycle back to this object, it stops here. The flag set <em>after</em> the releases
/// (<c>if (!_disposed) { …; _disposed = true; }</c>, the usual dispose pattern) does not stop the
/// recursion: the second call still sees the flag unset.
/// </summary>
internal static class ReentrancyGuard
{
    public static bool Protects(OwnershipModel model, TypeOwnership ownership, MemberOwnership member)
    {
        if (member.Releases.Count == 0)
        {
            return false;
        }

        foreach (var release in member.Releases)
        {
            if (!IsGuarded(model, ownership, release))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGuarded(OwnershipModel model, TypeOwnership ownership, IOperation release)
    {
        var root = release;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        if (TestsAndSetsFlagBefore(root, release.Syntax.SpanStart))
        {
            return true;
        }

        // Dispose() { if (_disposed) return; _disposed = true; Dispose(true); } — the release is in the callee.
        var declaration = release.Syntax.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>();
        if (declaration is null || model.Summaries.SemanticModelFor(declaration.SyntaxTree)?.GetDeclaredSymbol(declaration) is not IMethodSymbol releasing)
        {
            return false;
        }

        foreach (var disposal in ownership.DisposalMethods)
        {
            foreach (var reference in disposal.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (model.Summaries.SemanticModelFor(syntax.SyntaxTree)?.GetOperation(syntax) is not { } body)
                {
                    continue;
                }

                var call = body.DescendantsAndSelf().OfType<IInvocationOperation>()
                    .FirstOrDefault(i => SymbolEqualityComparer.Default.Equals(i.TargetMethod.OriginalDefinition, releasing.OriginalDefinition));
                if (call is not null && TestsAndSetsFlagBefore(body, call.Syntax.SpanStart))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool TestsAndSetsFlagBefore(IOperation body, int position)
    {
        bool tested = false, set = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation.Syntax.SpanStart >= position)
            {
                continue;
            }

            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IMemberReferenceOperation target, Value.ConstantValue: { HasValue: true, Value: true or 1 } }
                    when IsDisposedFlag(target):
                    set = true;
                    break;
                case IInvocationOperation { TargetMethod.Name: "Exchange" or "CompareExchange", Arguments.Length: > 0 } exchange
                    when exchange.TargetMethod.ContainingType?.Name == "Interlocked" && exchange.Arguments[0].Value is IMemberReferenceOperation flag && IsDisposedFlag(flag):
                    tested = set = true;
                    break;
                case IMemberReferenceOperation read when IsDisposedFlag(read) && !(read.Parent is IAssignmentOperation assignment && assignment.Target == read):
                    tested = true;
                    break;
            }
        }

        return tested && set;
    }

    /// <summary>A bool or int field or property of this instance named for disposal state: _disposed, isDisposed, _closed.</summary>
    private static bool IsDisposedFlag(IMemberReferenceOperation reference)
    {
        if (reference.Instance is not IInstanceReferenceOperation || reference.Type?.SpecialType is not (SpecialType.System_Boolean or SpecialType.System_Int32))
        {
            return false;
        }

        var name = reference.Member.Name.TrimStart('_').ToLowerInvariant();
        return name.Contains("dispos") || name.Contains("closed") || name.Contains("closing");
    }
}
