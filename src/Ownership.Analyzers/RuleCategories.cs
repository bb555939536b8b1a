namespace Ownership.Analyzers;

/// <summary>Diagnostic categories: one per rule family (DESIGN §2).</summary>
internal static class RuleCategories
{
    public const string MethodOwnership = "Ownership.Locals";
    public const string TypeOwnership = "Ownership.Types";
    public const string Lifetimes = "Ownership.Lifetimes";
    public const string Roots = "Ownership.Roots";
    public const string Pools = "Ownership.Pools";
    public const string Cycles = "Ownership.Cycles";
    public const string Configuration = "Ownership.Configuration";
}
