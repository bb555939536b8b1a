using Verifier = Ownership.Analyzers.Tests.Verifiers.Verify<Ownership.Analyzers.Rules.Roots.OWN406StaticCollectionOnlyGrowsAnalyzer>;

namespace Ownership.Analyzers.Tests.Rules.Roots;

public class OWN406Tests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Collections.Concurrent; using System.Linq;\n";

    [Fact]
    public Task Static_collections_only_added_to_are_reported() => Verifier.Diagnostics(Usings + """
        class Registry
        {
            private static readonly List<object> {|OWN406:s_seen|} = new List<object>();
            private static readonly ConcurrentDictionary<string, byte[]> {|OWN406:s_cache|} = new();
            private static Dictionary<int, string> {|OWN406:s_names|} = new();
            private static readonly ConcurrentQueue<string> {|OWN406:s_log|} = new();
            public static void Track(object o) { lock (s_seen) { s_seen.Add(o); } }
            public static byte[] Get(string key) => s_cache.GetOrAdd(key, k => new byte[1024]);
            public static void Name(int id, string name) { s_names[id] = name; if (s_names.Count > 10) { Console.WriteLine(s_names[id]); } }
            public static void Log(string line) { s_log.Enqueue(line); Console.WriteLine(s_log.Count(l => l.Length > 0)); }
        }
        """);

    [Fact]
    public Task Collections_that_shrink_escape_or_are_not_static_are_clean() => Verifier.Diagnostics(Usings + """
        class Registry
        {
            private static readonly List<object> s_removed = new List<object>();
            private static readonly Dictionary<string, int> s_cleared = new();
            private static ConcurrentDictionary<string, int> s_replaced = new();
            private static readonly List<int> s_handedOut = new();
            private static readonly List<int> s_readOnly = new() { 1, 2, 3 };
            public static readonly List<int> Shared = new();
            private readonly List<int> _instance = new();
            private static readonly Queue<int> s_drained = new();
            public static void Use(object o)
            {
                s_removed.Add(o); s_removed.Remove(o);
                s_cleared["a"] = 1; s_cleared.Clear();
                s_replaced.TryAdd("a", 1); s_replaced = new();
                s_handedOut.Add(1); Consume(s_handedOut);
                foreach (var i in s_readOnly) { Console.WriteLine(i); }
                Shared.Add(1);
                s_drained.Enqueue(1); s_drained.TryDequeue(out _);
            }
            public void Add(int i) => _instance.Add(i);
            private static void Consume(List<int> list) { }
        }
        class Outer
        {
            private static readonly List<int> s_nested = new();
            public static void Add(int i) => s_nested.Add(i);
            private static class Inner { public static void Clear() => s_nested.Clear(); }
        }
        """);

    [Fact]
    public Task Caches_keyed_by_types_filled_once_or_capped_are_clean() => Verifier.Diagnostics(Usings + """
        using System.Reflection;
        class Metadata
        {
            private static readonly ConcurrentDictionary<Type, string[]> s_names = new();
            private static readonly Dictionary<(Type, MethodInfo), bool> s_async = new();
            private static readonly Dictionary<string, int> s_keywords = new();
            private static readonly List<string> s_recent = new();
            private static readonly Dictionary<string, int> {|OWN406:s_growing|} = new();
            static Metadata() { s_keywords.Add("select", 1); s_keywords.Add("from", 2); }
            public static string[] Names(Type type) => s_names.GetOrAdd(type, t => new[] { t.Name });
            public static void Mark(Type type, MethodInfo method) => s_async[(type, method)] = true;
            public static void Remember(string line) { if (s_recent.Count < 100) s_recent.Add(line); }
            public static void Count(string word) => s_growing[word] = 1;
        }
        """);

    [Fact]
    public Task Registries_filled_by_helpers_of_the_static_constructor_and_enum_generic_caches_are_clean() => Verifier.Diagnostics(Usings + """
        class Registry
        {
            private static readonly Dictionary<string, Type> s_types = new();
            private static readonly Dictionary<string, string> s_aliases = new();
            static Registry()
            {
                Register<int>("Int32");
                Register<long>("Int64");
                RegisterAll();
            }
            private static void RegisterAll() => Alias("Integer", "Int32");
            private static void Register<T>(string name) => s_types.Add(name, typeof(T));
            private static void Alias(string alias, string name) => s_aliases[alias] = name;
            public static Type Find(string name) => s_types[name];
        }
        static class Lowercase<T> where T : struct, Enum
        {
            private static readonly ConcurrentDictionary<T, string> s_values = new();
            public static string Of(T value) => s_values.GetOrAdd(value, v => v.ToString().ToLowerInvariant());
        }
        """);

    [Fact]
    public Task Helpers_called_after_initialization_or_handed_out_as_delegates_are_reported() => Verifier.Diagnostics(Usings + """
        class Registry
        {
            private static readonly Dictionary<string, Type> {|OWN406:s_types|} = new();
            private static readonly Dictionary<string, string> {|OWN406:s_aliases|} = new();
            static Registry() { Register<int>("Int32"); }
            public static void Learn(string name) => Register<object>(name);
            private static void Register<T>(string name) => s_types.Add(name, typeof(T));
            public static Action<string, string> Aliaser => Alias;
            private static void Alias(string alias, string name) => s_aliases[alias] = name;
        }
        static class Named<T>
        {
            private static readonly ConcurrentDictionary<T, string> {|OWN406:s_values|} = new();
            public static string Of(T value) => s_values.GetOrAdd(value, v => v.ToString());
        }
        """);

    [Fact]
    public Task A_helper_that_grows_the_collection_does_not_hide_its_removals() => Verifier.Diagnostics(Usings + """
        public static class Mappers
        {
            private static readonly ConcurrentDictionary<string, string> s_mappers = new();
            private static readonly ConcurrentDictionary<string, string> {|OWN406:s_growing|} = new();
            public static bool Register(string name, string mapper) => RegisterInternal(name, mapper);
            public static bool Revoke(string name) => s_mappers.TryRemove(name, out _);
            public static void RevokeAll() => s_mappers.Clear();
            private static bool RegisterInternal(string name, string mapper) => s_mappers.TryAdd(name, mapper) && s_growing.TryAdd(name, mapper);
        }
        """);

    [Fact]
    public Task A_cache_keyed_by_type_or_member_names_is_bounded_like_one_keyed_by_types() => Verifier.Diagnostics(Usings + """
        public static class HandlerRegistry
        {
            private static readonly ConcurrentDictionary<(string, string), Type> s_types = new();
            private static readonly Dictionary<string, Type> s_byName = new();
            private static readonly ConcurrentDictionary<string, bool> s_pairs = new();
            public static bool Pair(Type handler, Type message) => s_pairs.GetOrAdd($"{handler.FullName}::{message.FullName}", _ => true);
            public static bool Keyed(Type handler, string request) => s_keyed.GetOrAdd($"{handler.FullName}::{request}", _ => true);
            private static readonly ConcurrentDictionary<string, bool> {|OWN406:s_keyed|} = new();
            private static readonly Dictionary<string, Type> {|OWN406:s_byInput|} = new();
            public static void Add(Type handler)
            {
                foreach (var contract in handler.GetInterfaces())
                {
                    var arguments = contract.GetGenericArguments();
                    s_types[(arguments[0].FullName!, arguments[1].FullName!)] = handler;
                    s_byName.Add(contract.Name, handler);
                }
            }
            public static void Remember(string request, Type handler) => s_byInput[request] = handler;
        }
        """);
}
