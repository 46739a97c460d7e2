using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;

namespace CloudBlueMca.Tests.Contract;

/// <summary>
/// Reads cmdlet attributes from raw metadata (<see cref="CustomAttributeData"/>) rather than by
/// instantiating them: the PowerShellStandard reference assembly loaded here has stub members,
/// so an attribute object's properties cannot be trusted, while its recorded arguments can.
/// </summary>
internal static class CmdletMetadata
{
    public const string AllSets = "__AllParameterSets";

    public sealed record ParameterDeclaration(string SetName, bool Mandatory, bool ByValue, bool ByPropertyName, int? Position);

    public sealed record CmdletParameter(string Name, Type Type, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterDeclaration> Declarations)
    {
        public IEnumerable<string> NamesInBindingOrder => new[] { Name }.Concat(Aliases);

        public bool ByPropertyName => Declarations.Any(d => d.ByPropertyName);

        public bool Matches(string name) => NamesInBindingOrder.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

        public bool IsIn(string set) => Declarations.Any(d => d.SetName == AllSets || d.SetName == set);

        public bool IsMandatoryIn(string set) => Declarations.Any(d => d.Mandatory && (d.SetName == AllSets || d.SetName == set));
    }

    public static IEnumerable<Type> CmdletTypes =>
        typeof(CloudBlueMca.Infrastructure.CloudBlueMcaCmdlet).Assembly.GetTypes().Where(t => !t.IsAbstract && Attribute(t, typeof(CmdletAttribute)) != null);

    /// <summary>The cmdlet class for e.g. ("Get", "MsAccountInternalId"), or null when the module has none.</summary>
    public static Type? FindCmdlet(string verb, string noun) =>
        CmdletTypes.FirstOrDefault(t =>
        {
            var args = Attribute(t, typeof(CmdletAttribute))!.ConstructorArguments;
            return (string?)args[0].Value == verb && (string?)args[1].Value == noun;
        });

    public static string? DefaultParameterSet(Type cmdlet) => (string?)Named(Attribute(cmdlet, typeof(CmdletAttribute)), "DefaultParameterSetName");

    public static bool SupportsShouldProcess(Type cmdlet) => (bool?)Named(Attribute(cmdlet, typeof(CmdletAttribute)), "SupportsShouldProcess") ?? false;

    public static object? ConfirmImpact(Type cmdlet) => Named(Attribute(cmdlet, typeof(CmdletAttribute)), "ConfirmImpact");

    /// <summary>Every type named by the cmdlet's [OutputType] attributes.</summary>
    public static IReadOnlyList<Type> OutputTypes(Type cmdlet) =>
        cmdlet.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(OutputTypeAttribute))
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is ReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(m => m.Value) : new[] { arg.Value })
            .OfType<Type>()
            .ToList();

    public static List<CmdletParameter> Parameters(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => new CmdletParameter(
                p.Name,
                p.PropertyType,
                Aliases(p),
                p.GetCustomAttributesData().Where(a => a.AttributeType == typeof(ParameterAttribute)).Select(Declaration).ToList()))
            .Where(p => p.Declarations.Count > 0)
            .ToList();

    /// <summary>True when the property carries the given validation/other attribute type.</summary>
    public static CustomAttributeData? Attribute(MemberInfo member, Type attributeType) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == attributeType);

    public static object? Named(CustomAttributeData? attribute, string name) =>
        attribute?.NamedArguments.Where(n => n.MemberName == name).Select(n => (object?)n.TypedValue.Value).FirstOrDefault();

    private static ParameterDeclaration Declaration(CustomAttributeData attribute) => new(
        (string?)Named(attribute, "ParameterSetName") ?? AllSets,
        (bool?)Named(attribute, "Mandatory") ?? false,
        (bool?)Named(attribute, "ValueFromPipeline") ?? false,
        (bool?)Named(attribute, "ValueFromPipelineByPropertyName") ?? false,
        (int?)Named(attribute, "Position"));

    private static List<string> Aliases(PropertyInfo property) =>
        property.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(AliasAttribute))
            .SelectMany(a => a.ConstructorArguments)
            .SelectMany(arg => arg.Value is ReadOnlyCollection<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : new[] { (string)arg.Value! })
            .ToList();
}
