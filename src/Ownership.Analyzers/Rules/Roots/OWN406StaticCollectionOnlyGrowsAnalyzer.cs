using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Ownership.Analyzers.Reporting;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Model;

namespace Ownership.Analyzers.Rules.Roots;

/// <summary>
/// OWN406: a private static collection (a root for everything it holds) that the type adds to but
/// never removes from, clears or replaces, and never hands out. All its uses are visible because
/// it is private; a field that escapes (an argument, a return, a local copy) is not judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OWN406StaticCollectionOnlyGrowsAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> Grows = ImmutableHashSet.Create(
        "Add", "TryAdd", "AddOrUpdate", "GetOrAdd", "Enqueue", "Push", "Insert", "AddRange", "InsertRange", "UnionWith", "AddFirst", "AddLast");

    private static readonly ImmutableHashSet<string> Shrinks = ImmutableHashSet.Create(
        "Remove", "TryRemove", "Clear", "Dequeue", "TryDequeue", "Pop", "TryPop", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere",
        "TryTake", "Take", "ExceptWith", "IntersectWith", "SymmetricExceptWith", "RemoveFirst", "RemoveLast", "TryUpdate", "Compact", "Trim");

    private enum Use
    {
        Neutral,
        Grows,
        Shrinks,
        Escapes,
    }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OWN406);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var collection = start.Compilation.GetSpecialType(SpecialType.System_Collections_Generic_ICollection_T);
            var legacy = start.Compilation.GetTypeByMetadataName("System.Collections.ICollection");
            start.RegisterSymbolStartAction(symbol => AnalyzeType(symbol, collection, legacy), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolStartAnalysisContext context, INamedTypeSymbol collection, INamedTypeSymbol? legacy)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!type.GetTypeMembers().IsEmpty)
        {
            // A nested type can use the private field too, and its operations are not seen here.
            return;
        }

        var candidates = ImmutableArray.CreateBuilder<IFieldSymbol>();
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsStatic: true, IsConst: false, DeclaredAccessibility: Accessibility.Private, IsImplicitlyDeclared: false } field
                && IsCollection(field.Type, collection, legacy))
            {
                candidates.Add(field);
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        var uses = new ConcurrentDictionary<IFieldSymbol, Use>(SymbolEqualityComparer.Default);
        var hasErrors = 0;
        context.RegisterOperationBlockAction(block =>
        {
            foreach (var root in block.OperationBlocks)
            {
                if (root.HasErrors(block.Compilation))
                {
                    System.Threading.Interlocked.Exchange(ref hasErrors, 1);
                }
            }
        });
        // Growth inside a private helper is bounded when only the static initialization calls it
        // (`static TypeConverter() { Register<Int32Type>(); … }`): decided at the end, from the callers seen.
        var growsIn = new ConcurrentDictionary<IFieldSymbol, ConcurrentBag<IMethodSymbol>>(SymbolEqualityComparer.Default);
        var callers = new ConcurrentDictionary<IMethodSymbol, ConcurrentBag<ISymbol?>>(SymbolEqualityComparer.Default);
        context.RegisterOperationAction(operation =>
        {
            var reference = (IFieldReferenceOperation)operation.Operation;
            if (candidates.Contains(reference.Field.OriginalDefinition))
            {
                var use = Classify(reference);
                if (use == Use.Grows && IsBoundedGrowth(reference, operation.ContainingSymbol))
                {
                    use = Use.Neutral;
                }
                else if (use == Use.Grows && operation.ContainingSymbol is IMethodSymbol { DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary } helper)
                {
                    growsIn.GetOrAdd(reference.Field.OriginalDefinition, _ => new ConcurrentBag<IMethodSymbol>()).Add(helper.OriginalDefinition);
                    use = Use.Neutral;
                }

                uses.AddOrUpdate(reference.Field.OriginalDefinition, use, (_, old) => old > use ? old : use);
            }
        }, OperationKind.FieldReference);
        context.RegisterOperationAction(operation =>
        {
            switch (operation.Operation)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.DeclaredAccessibility == Accessibility.Private:
                    callers.GetOrAdd(invocation.TargetMethod.OriginalDefinition, _ => new ConcurrentBag<ISymbol?>()).Add(operation.ContainingSymbol);
                    break;
                case IMethodReferenceOperation method when method.Method.DeclaredAccessibility == Accessibility.Private:
                    // A delegate to the helper can be called from anywhere.
                    callers.GetOrAdd(method.Method.OriginalDefinition, _ => new ConcurrentBag<ISymbol?>()).Add(null);
                    break;
            }
        }, OperationKind.Invocation, OperationKind.MethodReference);
        context.RegisterSymbolEndAction(end =>
        {
            if (hasErrors != 0)
            {
                return;
            }

            foreach (var field in candidates)
            {
                if (growsIn.TryGetValue(field, out var helpers) && helpers.Any(helper => !OnlyInitializationCalls(helper, callers, depth: 4)))
                {
                    // The helper's growth counts like any other: a removal or an escape elsewhere still wins.
                    uses.AddOrUpdate(field, Use.Grows, (_, old) => old > Use.Grows ? old : Use.Grows);
                }

                if (uses.TryGetValue(field, out var use) && use == Use.Grows && field.Locations.Length > 0 && !HasBoundedKeys(field.Type))
                {
                    end.ReportOwnership(Diagnostic.Create(Descriptors.OWN406, field.Locations[0], field.Name));
                }
            }
        });
    }

    private static bool IsCollection(ITypeSymbol type, INamedTypeSymbol collection, INamedTypeSymbol? legacy)
    {
        if (type.TypeKind is TypeKind.Array or TypeKind.Error)
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            var original = implemented.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(original, collection) || SymbolEqualityComparer.Default.Equals(original, legacy))
            {
                return true;
            }
        }

        return false;
    }

    private static Use Classify(IFieldReferenceOperation reference)
    {
        IOperation current = reference;
        var parent = current.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            current = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IInvocationOperation invocation when invocation.Instance == current:
                return ByName(invocation.TargetMethod.Name);
            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } extension } argument
                when extension.Arguments.Length > 0 && extension.Arguments[0] == argument:
                return ByName(extension.TargetMethod.Name);
            case IPropertyReferenceOperation property when property.Instance == current:
                return property.Property.IsIndexer && property.Parent is ISimpleAssignmentOperation store && store.Target == property
                    ? Use.Grows
                    : Use.Neutral;
            case IForEachLoopOperation or ILockOperation:
            case IBinaryOperation or IIsPatternOperation or IIsTypeOperation:
                return Use.Neutral;
            case IAssignmentOperation assignment when assignment.Target == current:
                // Replaced: the old contents are dropped.
                return Use.Shrinks;
            default:
                return Use.Escapes;
        }
    }

    private static Use ByName(string name)
        => Grows.Contains(name) ? Use.Grows : Shrinks.Contains(name) ? Use.Shrinks : Use.Neutral;

    /// <summary>
    /// Every call of the private helper is in the static constructor, a static field initializer, or
    /// another such helper (to a bounded depth); a helper never called, or referenced as a delegate, is not.
    /// </summary>
    private static bool OnlyInitializationCalls(IMethodSymbol helper, ConcurrentDictionary<IMethodSymbol, ConcurrentBag<ISymbol?>> callers, int depth)
    {
        if (depth < 0 || !callers.TryGetValue(helper, out var sites) || sites.IsEmpty)
        {
            return false;
        }

        foreach (var site in sites)
        {
            switch (site)
            {
                case IMethodSymbol { MethodKind: MethodKind.StaticConstructor }:
                case IFieldSymbol { IsStatic: true }:
                    continue;
                case IMethodSymbol { DeclaredAccessibility: Accessibility.Private, MethodKind: MethodKind.Ordinary } caller
                    when !SymbolEqualityComparer.Default.Equals(caller.OriginalDefinition, helper) && OnlyInitializationCalls(caller.OriginalDefinition, callers, depth - 1):
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A growth that cannot go on for ever: in the static constructor or a field initializer (filled
    /// once), or under a test of the collection's own <c>Count</c> (a cap).
    /// </summary>
    private static bool IsBoundedGrowth(IFieldReferenceOperation reference, ISymbol containing)
    {
        if (containing is IMethodSymbol { MethodKind: MethodKind.StaticConstructor } or IFieldSymbol { IsStatic: true })
        {
            return true;
        }

        // Keyed by the name of a type or member (`types[(t.FullName, u.FullName)] = …`): a string
        // key drawn from the naturally bounded set of the program's types, like a Type key.
        if (KeyOfGrowth(reference) is { } key && IsNameOfTypeOrMember(key))
        {
            return true;
        }

        for (var parent = reference.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalOperation { Condition: var condition }
                && condition.DescendantsAndSelf().Any(o => o is IPropertyReferenceOperation { Property.Name: "Count" or "Length", Instance: IFieldReferenceOperation counted }
                    && SymbolEqualityComparer.Default.Equals(counted.Field, reference.Field)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The key the growth adds: the first argument of `Add`/`TryAdd`/`GetOrAdd`…, or of an indexer store.</summary>
    private static IOperation? KeyOfGrowth(IFieldReferenceOperation reference)
    {
        IOperation current = reference;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IInvocationOperation invocation when invocation.Instance == current && invocation.Arguments.Length > 0 => invocation.Arguments[0].Value,
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: > 0 } indexer when indexer.Instance == current => indexer.Arguments[0].Value,
            _ => null,
        };
    }

    /// <summary>`type.FullName`, `member.Name`, `typeof(T).AssemblyQualifiedName`, or a tuple or interpolated string of only them.</summary>
    private static bool IsNameOfTypeOrMember(IOperation key)
    {
        while (key is IConversionOperation conversion)
        {
            key = conversion.Operand;
        }

        return key switch
        {
            ITupleOperation tuple => tuple.Elements.All(IsNameOfTypeOrMember),
            IInterpolatedStringOperation interpolated => interpolated.Parts.All(part => part is IInterpolatedStringTextOperation
                || part is IInterpolationOperation { Expression: var expression } && IsNameOfTypeOrMember(expression)),
            IPropertyReferenceOperation { Property: { Name: "FullName" or "Name" or "AssemblyQualifiedName" or "Namespace" } property } => DerivesFromMemberInfo(property.ContainingType),
            _ => false,
        };
    }

    private static bool DerivesFromMemberInfo(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "MemberInfo" or "Type", ContainingNamespace: { Name: "Reflection" or "System" } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A dictionary or set keyed by values of a naturally bounded set — types, members, assemblies,
    /// enums, bools (or tuples of them): a cache per type grows with the program, not with its input.
    /// </summary>
    private static bool HasBoundedKeys(ITypeSymbol collectionType)
    {
        if (collectionType is not INamedTypeSymbol { IsGenericType: true } named || named.TypeArguments.Length == 0)
        {
            return false;
        }

        return IsBoundedKey(named.TypeArguments[0]);
    }

    private static bool IsBoundedKey(ITypeSymbol key)
    {
        if (key.TypeKind == TypeKind.Enum || key.SpecialType is SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte)
        {
            return true;
        }

        // `where T : Enum`: the values of one enum per instantiation.
        if (key is ITypeParameterSymbol parameter)
        {
            return parameter.ConstraintTypes.Any(constraint => constraint.SpecialType == SpecialType.System_Enum || IsBoundedKey(constraint));
        }

        if (key is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            return tuple.TupleElements.All(e => IsBoundedKey(e.Type));
        }

        if (key is INamedTypeSymbol { Name: "Tuple", IsGenericType: true, ContainingNamespace.Name: "System" } reference)
        {
            return reference.TypeArguments.All(IsBoundedKey);
        }

        for (var current = key; current is not null; current = current.BaseType)
        {
            if (current.ContainingNamespace?.ToDisplayString() is "System" or "System.Reflection"
                && current.Name is "Type" or "MemberInfo" or "Assembly" or "Module" or "ParameterInfo" or "RuntimeTypeHandle" or "RuntimeMethodHandle")
            {
                return true;
            }
        }

        return false;
    }
}
