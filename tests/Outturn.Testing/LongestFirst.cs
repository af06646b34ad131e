using Xunit;
using Xunit.Abstractions;

namespace Outturn.Testing;

/// <summary>Marks a test class that takes a minute or more of the project's two-core machine, so that
/// <see cref="LongestFirst"/> starts it before the rest.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LongRunningAttribute : Attribute;

/// <summary>
/// Orders a test assembly's collections (one per class) so that the classes marked
/// <see cref="LongRunningAttribute"/> start first and the rest keep xUnit's order. xUnit starts collections in
/// this order as its threads come free; a long class started last runs on alone after everything else has ended
/// (one Chromium class made the last minute and a half of the web tests).
/// </summary>
/// <remarks>Registered in each test project by <c>[assembly: TestCollectionOrderer(...)]</c>.</remarks>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private const string Prefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => IsLong(c) ? 0 : 1);

    private static bool IsLong(ITestCollection collection)
    {
        if (!collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var type = collection.TestAssembly.Assembly.GetType(collection.DisplayName[Prefix.Length..]);
        return type?.GetCustomAttributes(typeof(LongRunningAttribute).AssemblyQualifiedName).Any() == true;
    }
}
