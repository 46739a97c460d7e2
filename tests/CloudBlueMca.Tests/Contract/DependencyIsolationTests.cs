using System.Reflection;
using CloudBlueMca.Engine;
using CloudBlueMca.Infrastructure;
using Xunit;

namespace CloudBlueMca.Tests.Contract;

/// <summary>
/// MSAL and System.Text.Json are implementation details of the engine. Keeping them out of every
/// public signature and out of the cmdlet assembly's references means a user's session never
/// sees their types, and the engine can later be loaded in an isolated load context without
/// breaking the cmdlets or their output objects.
/// </summary>
public class DependencyIsolationTests
{
    private static readonly string[] IsolatedAssemblyPrefixes =
    {
        "Microsoft.Identity.Client",
        "Microsoft.IdentityModel",
        "System.Text.Json",
        "Newtonsoft.Json",
    };

    public static TheoryData<string> ModuleAssemblies => new()
    {
        typeof(CloudBlueMcaCmdlet).Assembly.GetName().Name!,
        typeof(OperationContext).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void NoPublicSignatureMentionsAnIsolatedDependency(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var leaks = assembly.GetExportedTypes()
            .SelectMany(type => ExposedTypes(type).Select(exposed => (Owner: type, Exposed: exposed)))
            .Where(pair => IsIsolated(pair.Exposed))
            .Select(pair => $"{pair.Owner.FullName} exposes {pair.Exposed.FullName}")
            .Distinct()
            .ToList();

        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public void TheCmdletAssemblyReferencesNoIsolatedDependency()
    {
        var references = typeof(CloudBlueMcaCmdlet).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.DoesNotContain(references, reference => IsIsolatedName(reference));
    }

    [Fact]
    public void TheCheckRecognisesAnIsolatedType()
    {
        Assert.True(IsIsolated(typeof(System.Text.Json.Nodes.JsonObject)));
        Assert.False(IsIsolated(typeof(OperationContext)));
    }

    private static IEnumerable<Type> ExposedTypes(Type type)
    {
        const BindingFlags Visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType != null)
        {
            yield return type.BaseType;
        }

        foreach (var contract in type.GetInterfaces())
        {
            yield return contract;
        }

        foreach (var member in type.GetMembers(Visible | BindingFlags.NonPublic))
        {
            if (!IsVisibleOutside(member))
            {
                continue;
            }

            switch (member)
            {
                case PropertyInfo property:
                    yield return property.PropertyType;
                    break;
                case FieldInfo field:
                    yield return field.FieldType;
                    break;
                case EventInfo @event when @event.EventHandlerType != null:
                    yield return @event.EventHandlerType;
                    break;
                case MethodBase method:
                    if (method is MethodInfo info)
                    {
                        yield return info.ReturnType;
                    }

                    foreach (var parameter in method.GetParameters())
                    {
                        yield return parameter.ParameterType;
                    }

                    break;
            }
        }
    }

    private static bool IsVisibleOutside(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisibleOutside),
        EventInfo @event => @event.AddMethod != null && IsVisibleOutside(@event.AddMethod),
        _ => false,
    };

    private static bool IsIsolated(Type type)
    {
        if (type.HasElementType)
        {
            return IsIsolated(type.GetElementType()!);
        }

        if (type.IsGenericType && type.GetGenericArguments().Any(IsIsolated))
        {
            return true;
        }

        return IsIsolatedName(type.Assembly.GetName().Name!);
    }

    private static bool IsIsolatedName(string assemblyName) =>
        IsolatedAssemblyPrefixes.Any(prefix => assemblyName.StartsWith(prefix, StringComparison.Ordinal));
}
