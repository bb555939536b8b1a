using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Ownership.Analyzers.Knowledge;
using Ownership.Analyzers.Model.Flow;

namespace Ownership.Analyzers.Model;

/// <summary>Where a resource value comes from (DESIGN §1). Unknown is treated as Borrowed.</summary>
internal enum Origin
{
    Unknown,
    Created,
    Borrowed,
}

/// <summary>
/// The ownership model of one compilation: the single entry point every rule family uses.
/// It answers "who owns this value" (<see cref="GetOrigin"/>), "what does this body do with what
/// it creates" (<see cref="GetBodyOwnership"/>) and "what does this source method do with its
/// arguments" (<see cref="Summaries"/>). One instance per compilation, shared by all analyzers.
/// </summary>
internal sealed partial class OwnershipModel
{
    private static readonly ConditionalWeakTable<Compilation, OwnershipModel> Models = new();

    private readonly ConditionalWeakTable<SyntaxNode, Lazy<BodyOwnership>> _bodies = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, Lazy<Types.TypeOwnership>> _types = new(SymbolEqualityComparer.Default);

    private OwnershipModel(Compilation compilation)
    {
        Compilation = compilation;
        Knowledge = OwnershipKnowledge.Create(compilation);
        Summaries = new MethodSummaries(this);
        Disposal = new DisposalSummaries(this);
        Hierarchy = new Types.TypeHierarchy(() => Summaries.SourceTypes(), Knowledge);
        ExternalReleases = new Types.ExternalReleases(this);
        SelfAttaching = new Types.SelfAttaching(this);
    }

    public Compilation Compilation { get; }

    public OwnershipKnowledge Knowledge { get; }

    public MethodSummaries Summaries { get; }

    public DisposalSummaries Disposal { get; }

    /// <summary>Which types can be derived from outside the compilation, and what the ones here hold.</summary>
    public Types.TypeHierarchy Hierarchy { get; }

    /// <summary>Members that code elsewhere releases through another instance (<c>holder.Member.Dispose()</c>).</summary>
    public Types.ExternalReleases ExternalReleases { get; }

    /// <summary>Types whose every instance is created and dropped at once: they live as long as what they attach to.</summary>
    public Types.SelfAttaching SelfAttaching { get; }

    /// <summary>
    /// A value of this type, made this way, must be released: it is a resource, and neither the
    /// knowledge sources nor the summary of its source type say that releasing it does nothing.
    /// </summary>
    public bool NeedsRelease(ITypeSymbol type, IObjectCreationOperation? creation, OwnershipOptions options)
        => Knowledge.IsResourceType(type)
            && !Knowledge.NeedsNoDisposal(type, creation, options)
            && !(Disposal.ReleasesNothing(type) && !IsExplicitlyTracked(type, options))
            && !(creation is not null && Disposal.ReleasesNothingWhenCreatedBy(creation) && !IsExplicitlyTracked(type, options))
            && !(creation is not null && (Knowledge.IsManagedWrapper(type) || Disposal.ReleasesOnlyWhatItIsGiven(type) || Disposal.WrapsLikeItsBase(type))
                && WrapsOnlyBorrowed(creation, options));

    /// <summary>
    /// Every resource the constructor is given is borrowed (a parameter, field, property), needs
    /// no release (<c>new MemoryStream(bytes)</c>, directly or through a local assigned only that),
    /// or is a <c>using</c> local of this method, which its own scope releases
    /// (<c>using var file = File.OpenRead(p); var reader = new BinaryReader(file);</c>).
    /// </summary>
    private bool WrapsOnlyBorrowed(IObjectCreationOperation creation, OwnershipOptions options)
    {
        var any = false;
        foreach (var argument in creation.Arguments)
        {
            if (!Knowledge.IsResourceType(argument.Value.Type) && !Knowledge.IsResourceType(argument.Parameter?.Type))
            {
                continue;
            }

            if (GetOrigin(argument.Value, options) != Origin.Borrowed && !IsHarmlessCreation(argument.Value, options) && !IsUsingLocal(argument.Value))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>A local declared by a <c>using</c> declaration or statement: released where its scope ends, whatever wraps it.</summary>
    private bool IsUsingLocal(IOperation value)
        => Unwrap(value) is ILocalReferenceOperation { Local: { IsRef: false } local }
            && local.DeclaringSyntaxReferences.Length == 1
            && local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax
                { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclarationSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 } or Microsoft.CodeAnalysis.CSharp.Syntax.UsingStatementSyntax } };

    /// <summary>A <c>new</c> of a resource type that needs no release, or a local whose only value is one.</summary>
    private bool IsHarmlessCreation(IOperation value, OwnershipOptions options)
    {
        value = Unwrap(value) ?? value;
        if (value is ILocalReferenceOperation { Local: var local } && SingleInitializer(local) is { } initializer)
        {
            value = Unwrap(initializer) ?? initializer;
        }

        return value is IObjectCreationOperation { Type: { } type } created && Knowledge.IsResourceType(type)
            && !Knowledge.IsManagedWrapper(type) && !NeedsRelease(type, created, options);
    }

    /// <summary>The initializer of a local that nothing in its scope assigns again or passes by reference; null otherwise.</summary>
    private IOperation? SingleInitializer(ILocalSymbol local)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } value } declarator)
        {
            return null;
        }

        var scope = declarator.Ancestors().FirstOrDefault(node => node is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.SwitchSectionSyntax);
        if (scope is null)
        {
            return null;
        }

        foreach (var node in scope.DescendantNodes())
        {
            switch (node)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax { Left: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax left } when left.Identifier.ValueText == local.Name:
                case Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax passed } when passed.Identifier.ValueText == local.Name:
                    return null;
            }
        }

        return Summaries.SemanticModelFor(declarator.SyntaxTree)?.GetOperation(value);
    }

    /// <summary>
    /// A factory whose result releases only the resources it was given (<c>XmlReader.Create(stream)</c>),
    /// given only resources it keeps with the caller or that the caller borrowed: the result needs no release.
    /// </summary>
    private bool ReleasesOnlyWhatOthersOwn(IInvocationOperation invocation, OwnershipOptions options)
    {
        if (!Knowledge.ReleasesOnlyItsArguments(invocation.TargetMethod))
        {
            return false;
        }

        var any = false;
        foreach (var argument in invocation.Arguments)
        {
            if (!Knowledge.IsResourceType(argument.Parameter?.Type))
            {
                continue;
            }

            any = true;
            if (Knowledge.GetArgumentFate(invocation.TargetMethod, argument, invocation.Arguments, options) != ArgumentFate.Kept
                && GetOrigin(argument.Value, options) != Origin.Borrowed)
            {
                return false;
            }
        }

        return any;
    }

    private static bool IsExplicitlyTracked(ITypeSymbol type, OwnershipOptions options)
        => !options.IsEmpty && options.TrackedTypes.Contains(OwnershipOptions.NameOf(type));

    public static OwnershipModel For(Compilation compilation) => Models.GetValue(compilation, c => new OwnershipModel(c));

    /// <summary>
    /// When <paramref name="operation"/> itself produces a resource its caller owns — a <c>new</c>
    /// of a tracked type, a factory call, a source method whose summary returns a fresh resource —
    /// the resource's type; otherwise null.
    /// </summary>
    public ITypeSymbol? GetCreatedResourceType(IOperation operation, OwnershipOptions options, int depth = MethodSummaries.MaxDepth)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation:
                return creation.Type is { } type && NeedsRelease(type, creation, options) ? type : null;

            case IInvocationOperation invocation:
                return CreatedByMember(invocation.TargetMethod, invocation.TargetMethod.ReturnType, options, depth) is { } created
                    && !ReleasesOnlyWhatOthersOwn(invocation, options) ? created : null;

            case IPropertyReferenceOperation { Property.GetMethod: { } getter } property when !IsAssignmentTarget(property):
                return CreatedByMember(getter, property.Property.Type, options, depth);

            default:
                return null;
        }
    }

    private ITypeSymbol? CreatedByMember(IMethodSymbol method, ITypeSymbol returnType, OwnershipOptions options, int depth)
    {
        var resourceType = Knowledge.IsResourceType(returnType) ? returnType : Knowledge.Types.GetAwaitedResultType(returnType);
        if (resourceType is null || !Knowledge.IsResourceType(resourceType))
        {
            return null;
        }

        var member = method.AssociatedSymbol is IPropertySymbol property ? (ISymbol)property : method;
        switch (Knowledge.GetReturnOwnership(member, options))
        {
            case ReturnOwnership.Borrowed:
                return null;
            case ReturnOwnership.Created:
                return NeedsRelease(resourceType, null, options) ? resourceType : null;
        }

        if (depth > 0 && Summaries.ReturnsCreated(method, depth - 1) && NeedsRelease(resourceType, null, options))
        {
            return resourceType;
        }

        return null;
    }

    private static bool IsAssignmentTarget(IOperation operation)
        => operation.Parent is IAssignmentOperation assignment && assignment.Target == operation;

    /// <summary>The origin of a value, looking through conversions, awaits and identity calls (not through locals).</summary>
    public Origin GetOrigin(IOperation? value, OwnershipOptions options, int depth = MethodSummaries.MaxDepth)
    {
        value = Unwrap(value);
        switch (value)
        {
            case null:
                return Origin.Unknown;
            case IParameterReferenceOperation:
            case IFieldReferenceOperation:
            case IInstanceReferenceOperation:
                return Origin.Borrowed;
            case ILocalReferenceOperation { Local: var local } when _lookupResults.GetOrAdd(local, IsLookupResult):
                return Origin.Borrowed;
        }

        if (GetCreatedResourceType(value, options, depth) is not null)
        {
            return Origin.Created;
        }

        return value is IPropertyReferenceOperation ? Origin.Borrowed : Origin.Unknown;
    }

    /// <summary>
    /// A local declared by the <c>out</c> argument of a library lookup (<c>dictionary.TryGetValue(key, out var cached)</c>,
    /// <c>MemoryMarshal.TryGetMemoryManager(memory, out var manager)</c>) and never assigned again: it
    /// holds what the looked-up object keeps, borrowed.
    /// </summary>
    private readonly ConcurrentDictionary<ILocalSymbol, bool> _lookupResults = new(SymbolEqualityComparer.Default);

    private bool IsLookupResult(ILocalSymbol local)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.SingleVariableDesignationSyntax
            {
                Parent: Microsoft.CodeAnalysis.CSharp.Syntax.DeclarationExpressionSyntax
                {
                    Parent: Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { RefKindKeyword.ValueText: "out", Parent.Parent: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation },
                },
            } designation)
        {
            return false;
        }

        if (Summaries.SemanticModelFor(designation.SyntaxTree)?.GetSymbolInfo(invocation).Symbol is not IMethodSymbol { Name: var name } method
            || !name.StartsWith("TryGet", StringComparison.Ordinal) || IsSource(method))
        {
            return false;
        }

        // Assigned again somewhere in its scope: it may hold something else.
        var scope = designation.Ancestors().FirstOrDefault(node => node is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax);
        return scope is not null && !scope.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AssignmentExpressionSyntax>()
            .Any(assignment => assignment.Left is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: var assigned } && assigned == local.Name);
    }

    /// <summary>
    /// The allocation is a task that carries the resource and is not awaited where it is made: on
    /// a path where the task faulted there is no resource, so "not released on some path" cannot
    /// be shown for it (DESIGN §4.6).
    /// </summary>
    public bool IsPendingTask(Allocation allocation)
    {
        if (!Knowledge.Types.IsTaskLike(allocation.Creation.Type))
        {
            return false;
        }

        for (var parent = allocation.Creation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IAwaitOperation:
                    return false;
                case IConversionOperation:
                case IInvocationOperation invocation when Knowledge.IsIdentityMethod(invocation.TargetMethod) || Summaries.ForwardsItsFirstArgument(invocation.TargetMethod):
                case IPropertyReferenceOperation { Property.Name: "Result" }:
                    continue;
                default:
                    return true;
            }
        }

        return true;
    }

    /// <summary>Strips conversions, parentheses, awaits and identity calls (<c>ConfigureAwait</c>, <c>GetResult</c>).</summary>
    public IOperation? Unwrap(IOperation? value) => Unwrap(value, throughAwaitsAndForwarders: true);

    /// <summary>
    /// <see cref="Unwrap(IOperation?)"/>; without awaits and source forwarders when
    /// <paramref name="throughAwaitsAndForwarders"/> is false (what a forwarder's own summary reads).
    /// </summary>
    internal IOperation? Unwrap(IOperation? value, bool throughAwaitsAndForwarders)
    {
        while (true)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    value = parenthesized.Operand;
                    continue;
                case IAwaitOperation await when throughAwaitsAndForwarders:
                    value = await.Operation;
                    continue;
                case IInvocationOperation invocation when Knowledge.IsIdentityMethod(invocation.TargetMethod)
                    || (throughAwaitsAndForwarders && Summaries.ForwardsItsFirstArgument(invocation.TargetMethod)):
                    value = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    continue;
                default:
                    return value;
            }
        }
    }

    /// <summary>
    /// The symbol is declared in this compilation's source. A symbol of another project is not, even
    /// when the host hands it over with its syntax (the IDE references projects as compilations, a
    /// command-line build as assemblies): the model reads it as it reads metadata, so that the IDE and
    /// the build report the same, and never asks this compilation about another one's trees.
    /// </summary>
    public bool IsSource(ISymbol? symbol)
        => symbol is not null && symbol.DeclaringSyntaxReferences.Length > 0
            && SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Compilation.Assembly);

    /// <summary>
    /// The type-level answer (DESIGN §1: a type owns what its members hold): computed once per
    /// type and shared by the type rules and the cycle rules.
    /// </summary>
    public Types.TypeOwnership GetTypeOwnership(INamedTypeSymbol type, OwnershipOptions options)
    {
        if (!IsSource(type))
        {
            return Types.TypeOwnership.Unknown;
        }

        return _types.GetOrAdd(type.OriginalDefinition, t => new Lazy<Types.TypeOwnership>(
            () => Types.TypeOwnershipBuilder.Build(this, t, options),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// The flow answer for one operation block (a method, accessor or constructor body), computed
    /// once and shared by every rule that asks.
    /// </summary>
    public BodyOwnership GetBodyOwnership(IOperation block, IMethodSymbol? function, OwnershipOptions options, CancellationToken cancellationToken)
    {
        var lazy = _bodies.GetValue(block.Syntax, _ => new Lazy<BodyOwnership>(
            () => LocalOwnershipFlow.AnalyzeBody(this, block, function, options, cancellationToken),
            LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (OperationCanceledException)
        {
            // A cancelled computation must not poison the cache for the next request.
            _bodies.Remove(block.Syntax);
            throw;
        }
    }
}
