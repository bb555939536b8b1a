using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;

namespace Ownership.Analyzers.Model.Types;

/// <summary>
/// Builds a <see cref="TypeOwnership"/> from every declaration of a source type (partial parts
/// across files included): what each member is assigned, and what the disposal methods release.
/// Syntax-wide, not path-sensitive: a release anywhere in disposal counts (DESIGN §4.2, §4.4).
/// </summary>
internal sealed partial class TypeOwnershipBuilder
{
    /// <summary>How deep disposal is followed through helper methods of the type (Dispose → Close → …).</summary>
    private const int MaxReleaseDepth = 3;

    private static readonly ImmutableHashSet<string> CleanupAttributeNames = ImmutableHashSet.Create(
        "TearDown", "TearDownAttribute", "OneTimeTearDown", "OneTimeTearDownAttribute", "TestCleanup", "TestCleanupAttribute",
        "ClassCleanup", "ClassCleanupAttribute", "GlobalCleanup", "GlobalCleanupAttribute", "IterationCleanup", "IterationCleanupAttribute");

    private readonly OwnershipModel _model;
    private readonly INamedTypeSymbol _type;
    private readonly OwnershipOptions _options;
    private readonly Dictionary<ISymbol, MemberOwnership> _members = new(SymbolEqualityComparer.Default);
    private readonly List<IOperation> _bodies = new();
    private readonly Dictionary<IMethodSymbol, IOperation> _methodBodies = new(SymbolEqualityComparer.Default);
    private bool _hasErrors;

    private TypeOwnershipBuilder(OwnershipModel model, INamedTypeSymbol type, OwnershipOptions options)
    {
        _model = model;
        _type = type;
        _options = options;
    }

    public static TypeOwnership Build(OwnershipModel model, INamedTypeSymbol type, OwnershipOptions options)
    {
        var builder = new TypeOwnershipBuilder(model, type, options);
        return builder.Run();
    }

    private TypeOwnership Run()
    {
        foreach (var member in _type.GetMembers())
        {
            if (member.IsStatic || member.IsImplicitlyDeclared && member is not IFieldSymbol)
            {
                continue;
            }

            var memberType = member switch
            {
                IFieldSymbol field when !field.IsConst => field.AssociatedSymbol is null ? field.Type : null,
                IPropertySymbol property when IsAutoProperty(property) => property.Type,
                _ => null,
            };
            if (memberType is null)
            {
                continue;
            }

            // Resources are what the type rules read; publishers (events, subscription sources) are
            // tracked too, so that the root rules know whether the type created or borrowed them.
            var isResource = _model.Knowledge.IsResourceType(memberType);
            if (isResource || _model.Knowledge.Roots.IsPublisherType(memberType))
            {
                _members[member] = new MemberOwnership(member, memberType, isResource);
            }
        }

        CollectBodies();
        // Dispose(bool) first: a helper it calls outside `if (disposing)` is then walked as part of the finalizer path.
        var disposal = _type.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod)
            .OrderBy(m => ReleaseGuards.IsDisposeBool(m) ? 0 : 1).ToImmutableArray();
        if (_hasErrors || _members.Count == 0)
        {
            return new TypeOwnership(_type, _members.Values.ToImmutableArray(), _hasErrors ? ImmutableArray<IMethodSymbol>.Empty : disposal, _bodies.ToImmutableArray(), _hasErrors, _model.ExternalReleases, _model.SelfAttaching);
        }

        foreach (var body in _bodies)
        {
            CollectAssignments(body);
        }

        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var method in disposal)
        {
            CollectReleases(method, visited, MaxReleaseDepth, onFinalizerPath: false);
        }

        CollectFinalizerReleases();
        CollectInheritedReleases();
        CollectReleasesThroughHolders();

        // DESIGN §4.2: a lifecycle that spans methods (Start/Stop, Open/Close) releases the member
        // outside disposal; the type manages it, so the type rules do not call it forgotten.
        foreach (var body in _bodies)
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                var released = operation switch
                {
                    IInvocationOperation invocation when MemberReleasedBy(invocation.Instance, body) is { } member && IsRelease(invocation.TargetMethod) => member,
                    IUsingOperation @using => MemberReleasedBy(@using.Resources, body),
                    // `_timer.WaitForDispose(…)`: an extension method (or any source method) that disposes its argument.
                    // The member test first: a callee summary binds the callee's body.
                    IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation callee } argument
                        when MemberReleasedBy(argument.Value, body) is { } passed
                            && _model.Summaries.GetParameterFate(callee.TargetMethod, parameter, MethodSummaries.MaxDepth) == ParameterFate.Taken
                        => passed,
                    _ => null,
                };
                released?.MarkReleasedSomewhere(operation);
            }
        }

        return new TypeOwnership(_type, _members.Values.ToImmutableArray(), disposal, _bodies.ToImmutableArray(), hasErrors: false, _model.ExternalReleases, _model.SelfAttaching);
    }

    private static bool IsAutoProperty(IPropertySymbol property)
        => !property.IsIndexer
            && property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    /// <summary>The operation trees of every member body, field and property initializer of the type.</summary>
    private void CollectBodies()
    {
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            if (_model.Summaries.SemanticModelFor(declaration.SyntaxTree) is not { } semanticModel)
            {
                continue;
            }

            foreach (var memberSyntax in declaration.Members)
            {
                IEnumerable<SyntaxNode> roots = memberSyntax switch
                {
                    BaseFieldDeclarationSyntax field => field.Declaration.Variables.Where(v => v.Initializer is not null).Select(v => (SyntaxNode)v.Initializer!),
                    PropertyDeclarationSyntax { Initializer: { } initializer } property => new SyntaxNode[] { initializer }.Concat(AccessorsOf(property)),
                    PropertyDeclarationSyntax property => AccessorsOf(property),
                    BaseMethodDeclarationSyntax method => new SyntaxNode[] { method },
                    _ => Enumerable.Empty<SyntaxNode>(),
                };
                foreach (var root in roots)
                {
                    if (semanticModel.GetOperation(root) is not { } operation)
                    {
                        continue;
                    }

                    if (operation.HasErrors(_model.Compilation))
                    {
                        _hasErrors = true;
                        return;
                    }

                    _bodies.Add(operation);
                    if (semanticModel.GetDeclaredSymbol(root) is IMethodSymbol method)
                    {
                        _methodBodies[method.OriginalDefinition] = operation;
                    }
                }
            }
        }
    }

    private static IEnumerable<SyntaxNode> AccessorsOf(PropertyDeclarationSyntax property)
    {
        if (property.ExpressionBody is { } arrow)
        {
            return new SyntaxNode[] { arrow };
        }

        return property.AccessorList?.Accessors.Where(a => a.Body is not null || a.ExpressionBody is not null).Cast<SyntaxNode>() ?? Enumerable.Empty<SyntaxNode>();
    }

    private void CollectAssignments(IOperation body)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IFieldInitializerOperation initializer:
                    foreach (var field in initializer.InitializedFields)
                    {
                        Record(field, initializer.Value, initializer, body);
                    }

                    break;
                case IPropertyInitializerOperation initializer:
                    foreach (var property in initializer.InitializedProperties)
                    {
                        Record(property, initializer.Value, initializer, body);
                    }

                    break;
                case IAssignmentOperation { Target: IMemberReferenceOperation target } assignment when IsOwnMember(target):
                    Record(target.Member, assignment.Value, assignment, body);
                    break;
            }
        }
    }

    private bool IsOwnMember(IMemberReferenceOperation reference)
        => reference.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
            && _members.ContainsKey(reference.Member);

    private void Record(ISymbol member, IOperation value, IOperation site, IOperation body)
    {
        if (!_members.TryGetValue(member, out var ownership))
        {
            return;
        }

        foreach (var (origin, source) in Origins(value, body))
        {
            ownership.AddAssignment(new MemberAssignment(value, origin, site, source));
        }
    }

    /// <summary>Where a stored value comes from, looking through a local it was kept in and through `a ?? b` / `c ? a : b`.</summary>
    private IEnumerable<(Origin Origin, ISymbol? Source)> Origins(IOperation value, IOperation body, int depth = 0)
    {
        var unwrapped = _model.Unwrap(value);
        switch (unwrapped)
        {
            case null:
                yield break;
            case { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation or IThrowOperation:
                // `x ?? throw new ArgumentNullException(…)`: the throw stores nothing.
                yield break;
            case IParameterReferenceOperation parameter:
                yield return (Origin.Borrowed, parameter.Parameter);
                yield break;
            case ICoalesceOperation coalesce:
                foreach (var origin in Origins(coalesce.Value, body, depth).Concat(Origins(coalesce.WhenNull, body, depth)))
                {
                    yield return origin;
                }

                yield break;
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                foreach (var origin in Origins(conditional.WhenTrue, body, depth).Concat(Origins(conditional.WhenFalse, body, depth)))
                {
                    yield return origin;
                }

                yield break;
            case ILocalReferenceOperation local when depth < 2:
                foreach (var assigned in LocalAssignments(body, local.Local))
                {
                    foreach (var origin in Origins(assigned, body, depth + 1))
                    {
                        yield return origin;
                    }
                }

                yield break;
        }

        if (unwrapped is IMemberReferenceOperation own && IsOwnMember(own))
        {
            // `_b = _a`: a copy of this type's own member, not something borrowed from another object.
            yield return (Origin.Unknown, own.Member);
            yield break;
        }

        var found = _model.GetOrigin(unwrapped, _options);
        if (found == Origin.Created)
        {
            yield return (Origin.Created, null);
        }
        else if (found == Origin.Borrowed || IsBorrowedByKnowledge(unwrapped))
        {
            yield return (Origin.Borrowed, (unwrapped as IMemberReferenceOperation)?.Member ?? (unwrapped as IInvocationOperation)?.TargetMethod);
        }
        else
        {
            // Nothing known: the rules that need every value to be borrowed stay silent.
            yield return (Origin.Unknown, null);
        }
    }

    private bool IsBorrowedByKnowledge(IOperation value)
        => value is IInvocationOperation invocation
            && _model.Knowledge.GetReturnOwnership(invocation.TargetMethod, _options) == ReturnOwnership.Borrowed;

    private static IEnumerable<IOperation> LocalAssignments(IOperation body, ILocalSymbol local)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && declarator.GetVariableInitializer() is { } initializer:
                    yield return initializer.Value;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return assignment.Value;
                    break;
            }
        }
    }

    /// <summary>Dispose(), Dispose(bool), DisposeAsync[Core], explicit implementations, test teardown, hosted-service StopAsync.</summary>
    private bool IsDisposalMethod(IMethodSymbol method)
    {
        if (method.IsStatic || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation))
        {
            return false;
        }

        var name = method.Name.Substring(method.Name.LastIndexOf('.') + 1);
        if ((name is "Dispose" or "DisposeAsync" or "DisposeAsyncCore" && method.Parameters.Length == 0)
            || (name == "Dispose" && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean))
        {
            return true;
        }

        if (name == "StopAsync" && _type.AllInterfaces.Any(i => i.Name == "IHostedService"))
        {
            return true;
        }

        return method.GetAttributes().Any(a => a.AttributeClass is { } attribute && CleanupAttributeNames.Contains(attribute.Name));
    }
}
