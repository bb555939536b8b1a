// A wrapper, not an analyzer of its own: the inner analyzer configures concurrency and generated code.
#pragma warning disable RS1001, RS1012, RS1025, RS1026

using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ownership.Analyzers.Benchmarks.Analyzers;

/// <summary>
/// Wraps an analyzer to time its operation-block callbacks per owning symbol, so that a listing
/// can say which bodies of a corpus cost the most (telemetry only gives a total per analyzer).
/// Only the registration layer is wrapped: the inner callbacks get the driver's real contexts,
/// so diagnostics, caches and cancellation behave as without the wrapper.
/// </summary>
internal sealed class BodyTimingAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer _inner;
    private readonly ConcurrentDictionary<ISymbol, long> _ticks;

    public BodyTimingAnalyzer(DiagnosticAnalyzer inner, ConcurrentDictionary<ISymbol, long> ticksBySymbol)
    {
        _inner = inner;
        _ticks = ticksBySymbol;
    }

    public DiagnosticAnalyzer Inner => _inner;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => _inner.Initialize(new TimingContext(context, this));

    private Action<OperationBlockAnalysisContext> Timed(Action<OperationBlockAnalysisContext> action)
        => block =>
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                action(block);
            }
            finally
            {
                var elapsed = Stopwatch.GetTimestamp() - start;
                _ticks.AddOrUpdate(block.OwningSymbol, elapsed, (_, known) => known + elapsed);
            }
        };

    /// <summary>Converts accumulated stopwatch ticks to a time span.</summary>
    public static TimeSpan ToTime(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);

    private sealed class TimingContext : AnalysisContext
    {
        private readonly AnalysisContext _real;
        private readonly BodyTimingAnalyzer _owner;

        public TimingContext(AnalysisContext real, BodyTimingAnalyzer owner)
        {
            _real = real;
            _owner = owner;
        }

        public override void EnableConcurrentExecution() => _real.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _real.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => _real.RegisterCompilationStartAction(start => action(new TimingStartContext(start, _owner)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _real.RegisterCompilationAction(action);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _real.RegisterSemanticModelAction(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _real.RegisterSymbolAction(action, symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _real.RegisterSymbolStartAction(action, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _real.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _real.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _real.RegisterSyntaxTreeAction(action);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _real.RegisterAdditionalFileAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => _real.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => _real.RegisterOperationAction(action, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _real.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _real.RegisterOperationBlockAction(_owner.Timed(action));
    }

    private sealed class TimingStartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _real;
        private readonly BodyTimingAnalyzer _owner;

        public TimingStartContext(CompilationStartAnalysisContext real, BodyTimingAnalyzer owner)
            : base(real.Compilation, real.Options, real.CancellationToken)
        {
            _real = real;
            _owner = owner;
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _real.RegisterCompilationEndAction(action);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _real.RegisterSemanticModelAction(action);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _real.RegisterSymbolAction(action, symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _real.RegisterSymbolStartAction(action, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => _real.RegisterCodeBlockStartAction(action);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _real.RegisterCodeBlockAction(action);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _real.RegisterSyntaxTreeAction(action);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _real.RegisterAdditionalFileAction(action);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => _real.RegisterSyntaxNodeAction(action, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => _real.RegisterOperationAction(action, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _real.RegisterOperationBlockStartAction(action);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _real.RegisterOperationBlockAction(_owner.Timed(action));

    }
}
