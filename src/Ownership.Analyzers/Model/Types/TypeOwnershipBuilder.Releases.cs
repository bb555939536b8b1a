using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Types;

/// <summary>The releases half of the builder: what the disposal methods (and the finalizer) release, and which member a released value stands for.</summary>
internal sealed partial class TypeOwnershipBuilder
{
    /// <summary>
    /// The releases of a disposal method and of the helpers it calls. <paramref name="onFinalizerPath"/>:
    /// the body also runs when Dispose(bool) is called with false (from a finalizer), so a release not
    /// under a test of `disposing` is recorded as touching managed state there.
    /// </summary>
    private void CollectReleases(IMethodSymbol method, HashSet<IMethodSymbol> visited, int depth, bool onFinalizerPath, IMethodSymbol? root = null)
    {
        root ??= method;
        if (depth < 0 || !visited.Add(method) || !_methodBodies.TryGetValue(method.OriginalDefinition, out var body))
        {
            return;
        }

        var disposing = ReleaseGuards.IsDisposeBool(method) ? method.Parameters[0] : null;
        onFinalizerPath |= disposing is not null;
        bool Unguarded(IOperation operation) => onFinalizerPath && (disposing is null || !ReleaseGuards.IsUnderDisposingTest(operation, disposing, body));

        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when MemberReleasedBy(invocation.Instance, body) is { } released && IsRelease(invocation.TargetMethod):
                    {
                        released.AddRelease(invocation, ReleaseGuards.IsOwnershipGuarded(invocation), Unguarded(invocation), root);
                    }

                    break;
                case IInvocationOperation { Instance: IInstanceReferenceOperation } call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType?.OriginalDefinition, _type.OriginalDefinition):
                    // A helper handed `disposing` decides for itself; one called outside the test runs in the finalizer too.
                    var helperOnFinalizerPath = Unguarded(call) && !call.Arguments.Any(a => disposing is not null && ReleaseGuards.Mentions(a.Value, disposing));
                    CollectReleases(call.TargetMethod.OriginalDefinition, visited, depth - 1, helperOnFinalizerPath, root);
                    break;
                case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation callee } argument
                    when MemberReleasedBy(argument.Value, body) is { } passed
                        && _model.Summaries.GetParameterFate(callee.TargetMethod, parameter, MethodSummaries.MaxDepth) == ParameterFate.Taken:
                    passed.AddRelease(argument, ReleaseGuards.IsOwnershipGuarded(argument), Unguarded(argument), root,
                        handedOver: !_model.Summaries.SurelyReleasesParameter(callee.TargetMethod, parameter));
                    break;
                case IUsingOperation { Resources: var resource } @using when MemberReleasedBy(resource, body) is { } used:
                    used.AddRelease(@using, ReleaseGuards.IsOwnershipGuarded(@using), Unguarded(@using), root);
                    break;
            }
        }
    }

    /// <summary>A finalizer that releases members itself touches managed state on the finalizer thread.</summary>
    private void CollectFinalizerReleases()
    {
        foreach (var finalizer in _type.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Destructor))
        {
            if (!_methodBodies.TryGetValue(finalizer.OriginalDefinition, out var body))
            {
                continue;
            }

            foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (IsRelease(invocation.TargetMethod) && MemberReleasedBy(invocation.Instance, body) is { } released)
                {
                    released.AddFinalizerPathRelease(invocation);
                }
            }
        }
    }

    private bool IsRelease(IMethodSymbol method)
        => OwnershipKnowledge.IsReleaseMethod(method) || _model.Summaries.ReleasesReceiver(method, MethodSummaries.MaxDepth);

    /// <summary>
    /// The member a released value stands for: `_f`, `_f?.`, `(IDisposable)_f`, `_f as IDisposable`,
    /// `Interlocked.Exchange(ref _f, null)`, or a local copy of the member.
    /// </summary>
    private MemberOwnership? MemberReleasedBy(IOperation? instance, IOperation body, int depth = 0)
    {
        while (true)
        {
            switch (instance)
            {
                case IConversionOperation conversion:
                    instance = conversion.Operand;
                    continue;
                case IConditionalAccessInstanceOperation:
                    instance = FindConditionalAccess(instance)?.Operation;
                    continue;
                case ISimpleAssignmentOperation assignment:
                    // using (_member = new X(…)) { … }
                    instance = assignment.Target;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "Exchange" or "CompareExchange", Arguments.Length: > 0 } exchange
                    when exchange.TargetMethod.ContainingType?.Name == "Interlocked":
                    instance = exchange.Arguments[0].Value;
                    continue;
            }

            break;
        }

        switch (instance)
        {
            case IMemberReferenceOperation reference when IsOwnMember(reference):
                return _members[reference.Member];
            case ILocalReferenceOperation local when depth < 2:
                foreach (var assigned in LocalAssignments(body, local.Local))
                {
                    if (MemberReleasedBy(assigned, body, depth + 1) is { } member)
                    {
                        return member;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static IConditionalAccessOperation? FindConditionalAccess(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation access)
            {
                return access;
            }
        }

        return null;
    }
}
