using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Reflection;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Tests.Docs;

/// <summary>
/// What PowerShell would see of one cmdlet class, read from raw attribute metadata
/// (<see cref="CustomAttributeData"/>) rather than from attribute instances, because the
/// PowerShellStandard assembly loaded here is a stub whose members must not be trusted.
/// </summary>
public sealed class CmdletContract
{
    /// <summary>The set name PowerShell gives parameters declared without one.</summary>
    public const string AllSets = "__AllParameterSets";

    private CmdletContract(Type type, string name, string? defaultSet, bool supportsShouldProcess, IReadOnlyList<ParameterContract> parameters, IReadOnlyList<Type> outputTypes)
    {
        Type = type;
        Name = name;
        DefaultParameterSet = defaultSet;
        SupportsShouldProcess = supportsShouldProcess;
        Parameters = parameters;
        OutputTypes = outputTypes;
        var named = parameters.SelectMany(p => p.Sets.Keys).Where(s => s != AllSets).ToHashSet(StringComparer.Ordinal);
        if (defaultSet != null)
        {
            named.Add(defaultSet);
        }

        ParameterSets = named.Count > 0 ? named.OrderBy(s => s, StringComparer.Ordinal).ToList() : [AllSets];
    }

    public Type Type { get; }

    public string Name { get; }

    public string? DefaultParameterSet { get; }

    public bool SupportsShouldProcess { get; }

    public IReadOnlyList<ParameterContract> Parameters { get; }

    public IReadOnlyList<Type> OutputTypes { get; }

    /// <summary>Every parameter set of the cmdlet; just <see cref="AllSets"/> when it names none.</summary>
    public IReadOnlyList<string> ParameterSets { get; }

    public static IReadOnlyList<CmdletContract> All { get; } =
        typeof(CloudBlueMcaCmdlet).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && Attribute(t, typeof(CmdletAttribute)) != null)
            .Select(From)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The sets a parameter is in: its own named sets, or all of them.</summary>
    public IReadOnlyList<string> SetsOf(ParameterContract parameter) =>
        parameter.Sets.ContainsKey(AllSets) ? ParameterSets : parameter.Sets.Keys.OrderBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>How a parameter behaves in one set (its own attribute for that set, else its all-sets one).</summary>
    public static ParameterInSet InSet(ParameterContract parameter, string set) =>
        parameter.Sets.TryGetValue(set, out var inSet) ? inSet : parameter.Sets[AllSets];

    private static CmdletContract From(Type type)
    {
        var cmdlet = Attribute(type, typeof(CmdletAttribute))!;
        var name = $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}";
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(ParameterContract.From)
            .OfType<ParameterContract>()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var outputTypes = type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(OutputTypeAttribute))
            .SelectMany(a => ArrayArgument(a.ConstructorArguments[0]))
            .Select(v => v as Type ?? throw new InvalidOperationException($"{name}: [OutputType] must name types, not strings ('{v}'), so the help and the code can be compared."))
            .Distinct()
            .ToList();
        return new CmdletContract(
            type,
            name,
            Named<string>(cmdlet, nameof(CmdletAttribute.DefaultParameterSetName)),
            Named<bool>(cmdlet, nameof(CmdletAttribute.SupportsShouldProcess)),
            parameters,
            outputTypes);
    }

    internal static CustomAttributeData? Attribute(MemberInfo member, Type attributeType) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == attributeType);

    internal static T? Named<T>(CustomAttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments.Where(a => a.MemberName == name))
        {
            return (T?)argument.TypedValue.Value;
        }

        return default;
    }

    internal static IEnumerable<object?> ArrayArgument(CustomAttributeTypedArgument argument) =>
        argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : [argument.Value];
}

/// <summary>One [Parameter] property: its type, aliases, and its behaviour per parameter set.</summary>
public sealed record ParameterContract(
    string Name,
    Type Type,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool AcceptsWildcards,
    IReadOnlyDictionary<string, ParameterInSet> Sets,
    PropertyInfo Property)
{
    /// <summary>
    /// The type name platyPS 0.14 writes: the short name, with '[]' for arrays and the underlying
    /// type for Nullable&lt;T&gt; (as PowerShell's own help shows them).
    /// </summary>
    public string HelpTypeName => HelpName(Type);

    public static string HelpName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsArray ? HelpName(underlying.GetElementType()!) + "[]" : underlying.Name;
    }

    /// <summary>The full type name INPUTS lists for a pipeline parameter (Nullable unwrapped).</summary>
    public string InputTypeName => (Nullable.GetUnderlyingType(Type) ?? Type).FullName!;

    public static ParameterContract? From(PropertyInfo property)
    {
        var parameterAttributes = property.GetCustomAttributesData().Where(a => a.AttributeType == typeof(ParameterAttribute)).ToList();
        if (parameterAttributes.Count == 0)
        {
            return null;
        }

        var sets = new Dictionary<string, ParameterInSet>(StringComparer.Ordinal);
        foreach (var attribute in parameterAttributes)
        {
            var set = CmdletContract.Named<string>(attribute, nameof(ParameterAttribute.ParameterSetName)) ?? CmdletContract.AllSets;
            var position = CmdletContract.Named<int?>(attribute, nameof(ParameterAttribute.Position));
            sets[set] = new ParameterInSet(
                CmdletContract.Named<bool>(attribute, nameof(ParameterAttribute.Mandatory)),
                position is int p && p >= 0 ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "Named",
                CmdletContract.Named<bool>(attribute, nameof(ParameterAttribute.ValueFromPipeline)),
                CmdletContract.Named<bool>(attribute, nameof(ParameterAttribute.ValueFromPipelineByPropertyName)));
        }

        var alias = CmdletContract.Attribute(property, typeof(AliasAttribute));
        var validateSet = CmdletContract.Attribute(property, typeof(ValidateSetAttribute));
        var underlying = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        IReadOnlyList<string> accepted = validateSet != null
            ? CmdletContract.ArrayArgument(validateSet.ConstructorArguments[0]).Select(v => (string)v!).ToList()
            : underlying.IsEnum ? Enum.GetNames(underlying) : [];
        return new ParameterContract(
            property.Name,
            property.PropertyType,
            alias == null ? [] : CmdletContract.ArrayArgument(alias.ConstructorArguments[0]).Select(v => (string)v!).ToList(),
            accepted,
            CmdletContract.Attribute(property, typeof(SupportsWildcardsAttribute)) != null,
            sets,
            property);
    }
}

/// <summary>How a parameter behaves in one parameter set. Position is a number or "Named", as platyPS writes it.</summary>
public sealed record ParameterInSet(bool Mandatory, string Position, bool ByValue, bool ByPropertyName)
{
    public bool AcceptsPipelineInput => ByValue || ByPropertyName;
}
