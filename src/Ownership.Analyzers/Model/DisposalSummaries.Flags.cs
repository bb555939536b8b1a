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

    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<ISymbol>> _guardFlags = new(SymbolEqualityComparer.Default);

    /// <summary>True when disposing the instance <paramref name="creation"/> makes releases nothing: every release of the type is under a flag that constructor leaves false.</summary>
    public bool ReleasesNothingWhenCreatedBy(IObjectCreationOperation creation)
    {
        if (creation.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type || type.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        var flags = _guardFlags.GetOrAdd(type.OriginalDefinition, ComputeGuardFlags);
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

        return flags.All(flag => !MaySet(creation.Constructor, flag, arguments, MaxConstructorChain));
    }

    /// <summary>
    /// The bool members (readonly fields, get-only auto-properties) that guard every release of the
    /// type's own disposal methods; empty when some release is not under one of them, or the type
    /// inherits a disposal of a base it does not control.
    /// </summary>
    private ImmutableArray<ISymbol> ComputeGuardFlags(INamedTypeSymbol type)
    {
        if (type.BaseType is { SpecialType: not (SpecialType.System_Object or SpecialType.System_ValueType) })
        {
            return ImmutableArray<ISymbol>.Empty;
        }

        var flags = ImmutableArray.CreateBuilder<ISymbol>();
        var sawDisposal = false;
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().Where(IsDisposalMethod))
        {
            if (_model.Summaries.GetBodyOf(method) is not { } body)
            {
                return ImmutableArray<ISymbol>.Empty;
            }

            sawDisposal = true;
            foreach (var statement in TopLevelStatements(body))
            {
                if (statement is IConditionalOperation { WhenFalse: null } guarded && GuardFlag(guarded.Condition, type) is { } flag)
                {
                    if (!flags.Contains(flag, SymbolEqualityComparer.Default))
                    {
                        flags.Add(flag);
                    }

                    continue;
                }

                if (!ReleasesNothingIn(statement, type, MethodSummaries.MaxDepth))
                {
                    return ImmutableArray<ISymbol>.Empty;
                }
            }
        }

        return sawDisposal ? flags.ToImmutable() : ImmutableArray<ISymbol>.Empty;
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

    /// <summary>A readonly bool member of the type read as the condition, or as one conjunct of it (<c>_pooled &amp;&amp; …</c>).</summary>
    private static ISymbol? GuardFlag(IOperation condition, INamedTypeSymbol type)
    {
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return GuardFlag(and.LeftOperand, type) ?? GuardFlag(and.RightOperand, type);
            case IFieldReferenceOperation { Field: { IsReadOnly: true, Type.SpecialType: SpecialType.System_Boolean } field, Instance: IInstanceReferenceOperation }
                when SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, type.OriginalDefinition):
                return field;
            case IPropertyReferenceOperation { Property: { SetMethod: null, Type.SpecialType: SpecialType.System_Boolean } property, Instance: IInstanceReferenceOperation }
                when SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, type.OriginalDefinition)
                    && property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)):
                return property;
            default:
                return null;
        }
    }

    /// <summary>Whether the constructor (with these arguments) may set the flag to anything but false.</summary>
    private bool MaySet(IMethodSymbol? constructor, ISymbol flag, Dictionary<IParameterSymbol, IOperation> arguments, int depth)
    {
        if (HasInitializerOtherThanFalse(flag))
        {
            return true;
        }

        if (constructor is null || constructor.IsImplicitlyDeclared)
        {
            return false;
        }

        if (depth < 0 || _model.Summaries.GetBodyOf(constructor) is not IConstructorBodyOperation body)
        {
            return true;
        }

        if ((body.Initializer as IExpressionStatementOperation)?.Operation is IInvocationOperation { TargetMethod: var chained } chain
            && SymbolEqualityComparer.Default.Equals(chained.ContainingType.OriginalDefinition, constructor.ContainingType.OriginalDefinition))
        {
            // `: this(data, pooled: false)`: the chained constructor decides, with these arguments.
            var passed = new Dictionary<IParameterSymbol, IOperation>(SymbolEqualityComparer.Default);
            foreach (var argument in chain.Arguments)
            {
                if (argument.Parameter is { } parameter)
                {
                    passed[parameter.OriginalDefinition] = Resolve(argument.Value, arguments);
                }
            }

            if (MaySet(chained, flag, passed, depth - 1))
            {
                return true;
            }
        }

        foreach (var assignment in body.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>())
        {
            if (assignment.Target is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } target
                && SymbolEqualityComparer.Default.Equals(Backing(target.Member), Backing(flag))
                && !IsFalse(Resolve(assignment.Value, arguments)))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation Resolve(IOperation value, Dictionary<IParameterSymbol, IOperation> arguments)
        => value is IParameterReferenceOperation reference && arguments.TryGetValue(reference.Parameter.OriginalDefinition, out var argument) ? argument : value;

    private static bool IsFalse(IOperation value) => value.ConstantValue is { HasValue: true, Value: false };

    private static ISymbol Backing(ISymbol member) => member.OriginalDefinition;

    private bool HasInitializerOtherThanFalse(ISymbol flag)
    {
        foreach (var reference in flag.DeclaringSyntaxReferences)
        {
            var initializer = reference.GetSyntax() switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };
            if (initializer is not null && !initializer.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.FalseLiteralExpression))
            {
                return true;
            }
        }

        return false;
    }
}
