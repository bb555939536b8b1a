using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ownership.Analyzers.Model;

/// <summary>
/// Disposal that depends on how the instance was constructed: a source type whose disposal
/// releases only under a flag of its own (<c>if (_pooled) ArrayPool.Shared.Return(_buffer);</c>), a
/// flag only its constructors set. An instance built by a constructor that leaves the flag false
/// releases nothing, so it needs no release (a payload over a caller's array versus one over a
/// rented array).
/// </summary>
internal sealed partial class DisposalSummaries
{
    private const int MaxConstructorChain = 2;

    private readonly ConcurrentDictionary<(INamedTypeSymbol Type, int Depth), ImmutableArray<(ISymbol Flag, bool ReleasesWhen)>> _guardFlags = new(TypeDepthComparer.Instance);

    /// <summary>True when disposing the instance <paramref name="creation"/> makes releases nothing: every release of the type is under a flag that constructor leaves false.</summary>
    public bool ReleasesNothingWhenCreatedBy(IObjectCreationOperation creation, int depth = MethodSummaries.MaxDepth)
    {
        if (depth < 0 || creation.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type || !_model.IsSource(type))
        {
            return false;
        }

        if (IsMonitorScope(type, depth) && !CreatorEntersMonitor(creation))
        {
            // `_senderLock = new Lock();` where Lock's Dispose exits a monitor only its Enter() takes.
            return true;
        }

        var flags = _guardFlags.GetOrAdd((type.OriginalDefinition, depth), key => ComputeGuardFlags(key.Type, key.Depth));
        if (flags.IsDefaultOrEmpty)
        {
            return false;
        }

        var arguments = new Dictionary<IParameterSymbol, IOperation>(SymbolEqualityComparer.Default);
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { } parameter)
            {
                arguments[parameter.OriginalDefinition] = argument.Value;
            }
        }

        return flags.All(guard => ValueAfter(creation.Constructor, guard.Flag, arguments, MaxConstructorChain) == !guard.ReleasesWhen);
    }

    /// <summary>
    /// The bool members (readonly fields, get-only auto-properties) that guard every release of the
    /// type's own disposal methods; empty when some release is not under one of them, or the type
    /// inherits a disposal of a base it does not control.
    /// </summary>
    private ImmutableArray<(ISymbol Flag, bool ReleasesWhen)> ComputeGuardFlags(INamedTypeSymbol type, int depth)
    {
        if (type.BaseType is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType) })
        {
            return ImmutableArray<(ISymbol, bool)>.Empty;
        }

        var flags = ImmutableArray.CreateBuilder<(ISymbol Flag, bool ReleasesWhen)>();
        var sawDisposal = false;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod))
        {
            if (_model.Summaries.GetBodyOf(method) is not { } body)
            {
                return ImmutableArray<(ISymbol, bool)>.Empty;
            }

            sawDisposal = true;
            foreach (var statement in TopLevelStatements(body))
            {
                if (!CollectGuardFlags(statement, type, depth, flags, nesting: 0))
                {
                    return ImmutableArray<(ISymbol, bool)>.Empty;
                }
            }
        }

        return sawDisposal ? flags.ToImmutable() : ImmutableArray<(ISymbol, bool)>.Empty;
    }

    /// <summary>How deeply tests that are not flags (<c>if (_inner != null)</c>) are looked into for the flag that guards a release.</summary>
    private const int MaxGuardNesting = 3;

    /// <summary>
    /// Adds the flag that guards each release in <paramref name="statement"/>; false when a release
    /// is under no flag. A test that is not a flag (<c>if (_com != null) { if (_owns) Release(_com); _com = null; }</c>)
    /// is looked into: its arms' releases need a flag of their own.
    /// </summary>
    private bool CollectGuardFlags(IOperation statement, INamedTypeSymbol type, int depth, ImmutableArray<(ISymbol Flag, bool ReleasesWhen)>.Builder flags, int nesting)
    {
        if (statement is IConditionalOperation { WhenFalse: null } guarded && GuardFlag(guarded.Condition, type) is { } guard
            && !ReleasesNothingIn(guarded.WhenTrue, type, depth - 1))
        {
            if (!flags.Any(known => SymbolEqualityComparer.Default.Equals(known.Flag, guard.Flag) && known.ReleasesWhen == guard.ReleasesWhen))
            {
                flags.Add(guard);
            }

            return true;
        }

        if (ReleasesNothingIn(statement, type, depth - 1))
        {
            return true;
        }

        if (nesting >= MaxGuardNesting)
        {
            return false;
        }

        switch (statement)
        {
            case IConditionalOperation conditional when ReleasesNothingIn(conditional.Condition, type, depth - 1):
                return CollectGuardFlags(conditional.WhenTrue, type, depth, flags, nesting + 1)
                    && (conditional.WhenFalse is null || CollectGuardFlags(conditional.WhenFalse, type, depth, flags, nesting + 1));
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    if (!CollectGuardFlags(inner, type, depth, flags, nesting + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static IEnumerable<IOperation> TopLevelStatements(IOperation body)
    {
        var block = body switch
        {
            IMethodBodyOperation method => method.BlockBody ?? method.ExpressionBody,
            IBlockOperation plain => plain,
            _ => null,
        };
        if (block is null)
        {
            yield break;
        }

        foreach (var statement in block.Operations)
        {
            yield return statement is IReturnOperation { ReturnedValue: { } value } && value.Type?.SpecialType == SpecialType.System_Void ? value : statement;
        }
    }

    /// <summary>
    /// A readonly bool member of the type read as the condition, or as one conjunct of it
    /// (<c>_pooled &amp;&amp; …</c>, <c>!_leaveOpen</c>), with the value under which the guarded release runs.
    /// </summary>
    private static (ISymbol Flag, bool ReleasesWhen)? GuardFlag(IOperation condition, INamedTypeSymbol type)
    {
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return GuardFlag(and.LeftOperand, type) ?? GuardFlag(and.RightOperand, type);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }:
                return GuardFlag(operand, type) is { } negated && operand is not IBinaryOperation ? (negated.Flag, !negated.ReleasesWhen) : null;
            case IFieldReferenceOperation { Field: { IsReadOnly: true, Type.SpecialType: SpecialType.System_Boolean } field, Instance: IInstanceReferenceOperation }
                when SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, type.OriginalDefinition):
                return (field, true);
            case IPropertyReferenceOperation { Property: { SetMethod: null, Type.SpecialType: SpecialType.System_Boolean } property, Instance: IInstanceReferenceOperation }
                when SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, type.OriginalDefinition)
                    && property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)):
                return (property, true);
            default:
                return null;
        }
    }

    /// <summary>The flag's value after the constructor runs with these arguments: true, false, or null when it cannot be told.</summary>
    private bool? ValueAfter(IMethodSymbol? constructor, ISymbol flag, Dictionary<IParameterSymbol, IOperation> arguments, int depth)
    {
        var value = InitializerValue(flag);
        if (constructor is null || constructor.IsImplicitlyDeclared)
        {
            return value;
        }

        if (depth < 0 || _model.Summaries.GetBodyOf(constructor) is not IConstructorBodyOperation body)
        {
            return null;
        }

        if ((body.Initializer as IExpressionStatementOperation)?.Operation is IInvocationOperation { TargetMethod: var chained } chain
            && SymbolEqualityComparer.Default.Equals(chained.ContainingType.OriginalDefinition, constructor.ContainingType.OriginalDefinition))
        {
            // `: this(data, pooled: false)`: the chained constructor runs first, with these arguments.
            var passed = new Dictionary<IParameterSymbol, IOperation>(SymbolEqualityComparer.Default);
            foreach (var argument in chain.Arguments)
            {
                if (argument.Parameter is { } parameter)
                {
                    passed[parameter.OriginalDefinition] = Resolve(argument.Value, arguments);
                }
            }

            value = ValueAfter(chained, flag, passed, depth - 1);
        }

        foreach (var assignment in body.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>())
        {
            if (assignment.Target is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } target
                && SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, flag.OriginalDefinition))
            {
                // Assigned on some path of the constructor: only a constant (or a constant argument) tells.
                bool? assigned = Resolve(assignment.Value, arguments).ConstantValue is { HasValue: true, Value: bool constant } ? constant : null;
                value = IsUnconditional(assignment) ? assigned : value == assigned ? value : null;
            }
        }

        return value;
    }

    /// <summary>The assignment is a statement of the constructor body itself, not under a condition.</summary>
    private static bool IsUnconditional(IOperation assignment)
        => assignment.Parent is IExpressionStatementOperation { Parent: IBlockOperation { Parent: IConstructorBodyOperation } };

    private static IOperation Resolve(IOperation value, Dictionary<IParameterSymbol, IOperation> arguments)
        => value is IParameterReferenceOperation reference && arguments.TryGetValue(reference.Parameter.OriginalDefinition, out var argument) ? argument : value;

    private static bool IsFalse(IOperation value) => value.ConstantValue is { HasValue: true, Value: false };

    private static ISymbol Backing(ISymbol member) => member.OriginalDefinition;

    /// <summary>The value the declaration gives the flag: false without an initializer, the constant of a constant one, else null.</summary>
    private static bool? InitializerValue(ISymbol flag)
    {
        foreach (var reference in flag.DeclaringSyntaxReferences)
        {
            var initializer = reference.GetSyntax() switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };
            if (initializer is not null)
            {
                return initializer.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.FalseLiteralExpression) ? false
                    : initializer.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.TrueLiteralExpression) ? true
                    : null;
            }
        }

        return false;
    }

    /// <summary>The member a release is called on: <c>_reader.Dispose()</c>, <c>_reader?.Dispose()</c>.</summary>
    private static ISymbol? ReleasedMember(IOperation? instance)
    {
        while (instance is IConversionOperation conversion)
        {
            instance = conversion.Operand;
        }

        if (instance is IConditionalAccessInstanceOperation)
        {
            for (var parent = instance.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access)
                {
                    instance = access.Operation;
                    break;
                }
            }
        }

        if (instance is ILocalReferenceOperation local && CopiedMember(local) is { } copied)
        {
            return copied;
        }

        return instance is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } member ? member.Member : null;
    }

    /// <summary>
    /// The member of this instance a local is a copy of: declared with it as its value
    /// (<c>var writer = _writer;</c>) and never assigned again in the body, so the local stands for
    /// what the member held when the body began (<c>this = default; writer?.Dispose();</c>).
    /// </summary>
    private static ISymbol? CopiedMember(ILocalReferenceOperation reference)
    {
        var root = (IOperation)reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        ISymbol? member = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    var value = declarator.Initializer?.Value;
                    while (value is IConversionOperation conversion)
                    {
                        value = conversion.Operand;
                    }

                    if (value is not IMemberReferenceOperation { Instance: IInstanceReferenceOperation } copied || member is not null)
                    {
                        return null;
                    }

                    member = copied.Member;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                    return null;
                case IArgumentOperation { Value: ILocalReferenceOperation passed, Parameter.RefKind: not RefKind.None and not RefKind.In }
                    when SymbolEqualityComparer.Default.Equals(passed.Local, reference.Local):
                    return null;
            }
        }

        return member;
    }

    /// <summary>
    /// A readonly field (or get-only auto-property) whose every value is an instance built to release
    /// nothing (<c>_reader = new BinaryReaderLike(stream, leaveOpen: true)</c>): releasing it releases nothing.
    /// </summary>
    private bool HoldsOnlyHarmlessCreations(ISymbol? member, int depth)
    {
        if (depth < 0 || member is not (IFieldSymbol { IsReadOnly: true } or IPropertySymbol { SetMethod: null }) || member.ContainingType is not { } type)
        {
            return false;
        }

        var any = false;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (_model.Summaries.GetBodyOf(constructor) is not { } body)
            {
                continue;
            }

            foreach (var assignment in body.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } target
                    && SymbolEqualityComparer.Default.Equals(target.Member.OriginalDefinition, member.OriginalDefinition))
                {
                    if (_model.Unwrap(assignment.Value) is not IObjectCreationOperation creation || !ReleasesNothingWhenCreatedBy(creation, depth - 1))
                    {
                        return false;
                    }

                    any = true;
                }
            }
        }

        return any && InitializerValue(member) == false;
    }

    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _wrapsLikeItsBase = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A source subclass of a managed wrapper of the table (<c>BinaryReader</c>, <c>StreamWriter</c>…)
    /// that adds no release of its own: like its base, its disposal releases only the stream its
    /// constructor was given, so built over what others own (or what needs no release) it holds nothing.
    /// </summary>
    public bool WrapsLikeItsBase(ITypeSymbol type)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Class } named && _model.IsSource(named)
            && _wrapsLikeItsBase.GetOrAdd(named.OriginalDefinition, ComputeWrapsLikeItsBase);

    private bool ComputeWrapsLikeItsBase(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (!_model.IsSource(current))
            {
                return !SymbolEqualityComparer.Default.Equals(current, type) && _model.Knowledge.IsManagedWrapper(current);
            }

            foreach (var method in current.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod))
            {
                if (!ReleasesNothing(method, type, MethodSummaries.MaxDepth))
                {
                    return false;
                }
            }
        }

        return false;
    }

    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _releasesOnlyWhatItIsGiven = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A source wrapper (a view, an adapter, a value-type reader over a writer) whose disposal
    /// releases only members its constructors set from their parameters, besides harmless work:
    /// built over borrowed resources, releasing it would release only what others own. Its base
    /// is object, or a library base whose own disposal releases nothing (MemoryManager, Stream…).
    /// </summary>
    public bool ReleasesOnlyWhatItIsGiven(ITypeSymbol type)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named && _model.IsSource(named)
            && (named.BaseType is { SpecialType: SpecialType.System_Object or SpecialType.System_ValueType }
                || named.BaseType is { } library && !_model.IsSource(library) && _model.Knowledge.BaseReleasesNothingOfItsOwn(library))
            && _releasesOnlyWhatItIsGiven.GetOrAdd(named.OriginalDefinition, ComputeReleasesOnlyWhatItIsGiven);

    private bool ComputeReleasesOnlyWhatItIsGiven(INamedTypeSymbol type)
    {
        var given = MembersSetFromParameters(type);
        if (given.Count == 0)
        {
            return false;
        }

        var sawRelease = false;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod))
        {
            if (_model.Summaries.GetBodyOf(method) is not { } body)
            {
                return false;
            }

            foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (Knowledge.OwnershipKnowledge.IsReleaseMethod(invocation.TargetMethod) && ReleasedMember(invocation.Instance) is { } released
                    && given.Contains(released.OriginalDefinition))
                {
                    sawRelease = true;
                }
                else if (!IsHarmlessCall(invocation, type, MethodSummaries.MaxDepth))
                {
                    return false;
                }
            }
        }

        return sawRelease;
    }

    /// <summary>The members every constructor assigns only from a parameter (through <c>?? throw</c> and conversions), and nothing else assigns.</summary>
    private HashSet<ISymbol> MembersSetFromParameters(INamedTypeSymbol type)
    {
        var fromParameters = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var fromElsewhere = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.Ordinary or MethodKind.PropertySet } method
                || _model.Summaries.GetBodyOf(method) is not { } body)
            {
                continue;
            }

            foreach (var assignment in body.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>())
            {
                if (assignment.Target is not IMemberReferenceOperation { Instance: IInstanceReferenceOperation } target)
                {
                    continue;
                }

                var value = _model.Unwrap(assignment.Value);
                if (value is ICoalesceOperation coalesce && _model.Unwrap(coalesce.WhenNull) is IThrowOperation)
                {
                    value = _model.Unwrap(coalesce.Value);
                }

                if (method.MethodKind == MethodKind.Constructor && value is IParameterReferenceOperation)
                {
                    fromParameters.Add(target.Member.OriginalDefinition);
                }
                else if (value is ILocalReferenceOperation local
                    && SymbolEqualityComparer.Default.Equals(CopiedMember(local)?.OriginalDefinition, target.Member.OriginalDefinition))
                {
                    // A member restored to the value it held (var w = _w; this = default; _w = w;) keeps what it was given.
                }
                else
                {
                    fromElsewhere.Add(target.Member.OriginalDefinition);
                }
            }
        }

        fromParameters.ExceptWith(fromElsewhere);
        return fromParameters;
    }

    /// <summary>
    /// The source type's disposal only gives rented arrays back to their pool (a pooled string or
    /// buffer builder): an instance lost on an exception path loses no resource; the pool rents a
    /// new array and the garbage collector takes the old one ("not returning it is not fatal").
    /// </summary>
    public bool OnlyReturnsPooledArrays(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named || !_model.IsSource(named))
        {
            return false;
        }

        var returns = false;
        foreach (var method in named.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod))
        {
            if (_model.Summaries.GetBodyOf(method) is not { } body)
            {
                return false;
            }

            foreach (var invocation in body.DescendantsAndSelf().OfType<IInvocationOperation>())
            {
                if (_model.Knowledge.GetHandleRelease(invocation.TargetMethod) is { Kind: Knowledge.ResourceKind.PooledArray })
                {
                    returns = true;
                }
                else if (!IsHarmlessCall(invocation, named, MethodSummaries.MaxDepth))
                {
                    return false;
                }
            }
        }

        return returns;
    }
}
