using System.Threading;
using Ownership.Analyzers.Model.Cycles;

namespace Ownership.Analyzers.Model;

internal sealed partial class OwnershipModel
{
    private OwnershipGraph? _graph;

    /// <summary>
    /// The type-level ownership graph (DESIGN §1 "Cycle"), built from the type rules' member facts:
    /// one per compilation, its edges computed once per type and shared by every caller.
    /// </summary>
    public OwnershipGraph Graph => LazyInitializer.EnsureInitialized(ref _graph, () => new OwnershipGraph(this))!;
}
