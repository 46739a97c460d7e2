using System.Reflection;
using CloudBlueMca.Engine;

namespace CloudBlueMca.Tests.Support;

/// <summary>Every stable error id the module declares, for tests that check each one is documented.</summary>
internal static class ErrorIdCatalog
{
    public static IReadOnlyList<string> All { get; } = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}
