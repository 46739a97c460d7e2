using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;

namespace CloudBlueMca.Tests.Support;

/// <summary>
/// Reads cmdlet attributes from metadata (CustomAttributeData). PowerShellStandard's attribute
/// classes are stubs whose constructors and setters do nothing at run time, so instantiated
/// attributes report defaults; the metadata holds what the source really declares.
/// </summary>
public static class CmdletMetadata
{
    public static (string Verb, string Noun) VerbAndNoun(Type cmdlet)
    {
        var data = Attribute<CmdletAttribute>(cmdlet.GetCustomAttributesData());
        return ((string)data.ConstructorArguments[0].Value!, (string)data.ConstructorArguments[1].Value!);
    }

    public static IReadOnlyList<Type> OutputTypes(Type cmdlet) =>
        cmdlet.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(OutputTypeAttribute))
            .SelectMany(a => a.ConstructorArguments.SelectMany(ArgumentValues))
            .OfType<Type>()
            .ToList();

    public static object? Named(CustomAttributeData attribute, string name, object? whenAbsent = null) =>
        attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).DefaultIfEmpty(whenAbsent).First();

    public static bool CmdletNamed(Type cmdlet, string name) =>
        Named(Attribute<CmdletAttribute>(cmdlet.GetCustomAttributesData()), name) is true;

    /// <summary>Public properties carrying [Parameter], with their (single) ParameterAttribute data.</summary>
    public static Dictionary<string, (PropertyInfo Property, CustomAttributeData Parameter)> Parameters(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Parameters: p.GetCustomAttributesData().Where(a => a.AttributeType == typeof(ParameterAttribute)).ToList()))
            .Where(p => p.Parameters.Count > 0)
            .ToDictionary(p => p.Property.Name, p => (p.Property, p.Parameters.Single()));

    public static bool IsMandatory(CustomAttributeData parameter) => Named(parameter, nameof(ParameterAttribute.Mandatory)) is true;

    /// <summary>The declared position, or null when the parameter is named-only.</summary>
    public static int? Position(CustomAttributeData parameter) => Named(parameter, nameof(ParameterAttribute.Position)) as int?;

    public static bool Has<TAttribute>(PropertyInfo property) => property.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TAttribute));

    private static CustomAttributeData Attribute<TAttribute>(IEnumerable<CustomAttributeData> attributes) =>
        attributes.Single(a => a.AttributeType == typeof(TAttribute));

    private static IEnumerable<object?> ArgumentValues(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { argument.Value };
}
