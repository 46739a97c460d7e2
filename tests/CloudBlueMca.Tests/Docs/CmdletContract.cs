using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using CloudBlueMca.Tests.Contract;

namespace CloudBlueMca.Tests.Docs;

/// <summary>
/// One cmdlet class as its help page has to describe it: name, parameter sets, parameters with
/// their behaviour per set, output types. Built on <see cref="CmdletMetadata"/>, which reads the
/// raw attribute metadata.
/// </summary>
internal sealed class CmdletContract
{
    private CmdletContract(Type type)
    {
        var cmdlet = CmdletMetadata.Attribute(type, typeof(CmdletAttribute))!;
        Type = type;
        Name = $"{cmdlet.ConstructorArguments[0].Value}-{cmdlet.ConstructorArguments[1].Value}";
        DefaultParameterSet = CmdletMetadata.DefaultParameterSet(type);
        SupportsShouldProcess = CmdletMetadata.SupportsShouldProcess(type);
        OutputTypes = CmdletMetadata.OutputTypes(type);
        Parameters = CmdletMetadata.Parameters(type)
            .Select(p => new HelpParameter(p, type.GetProperty(p.Name)!))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var named = Parameters.SelectMany(p => p.Metadata.Declarations).Select(d => d.SetName).Where(s => s != CmdletMetadata.AllSets).ToHashSet(StringComparer.Ordinal);
        if (DefaultParameterSet != null)
        {
            named.Add(DefaultParameterSet);
        }

        ParameterSets = named.Count > 0 ? named.OrderBy(s => s, StringComparer.Ordinal).ToList() : [CmdletMetadata.AllSets];
    }

    public static IReadOnlyList<CmdletContract> All { get; } =
        CmdletMetadata.CmdletTypes.Select(t => new CmdletContract(t)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    public Type Type { get; }

    public string Name { get; }

    public string? DefaultParameterSet { get; }

    public bool SupportsShouldProcess { get; }

    public IReadOnlyList<HelpParameter> Parameters { get; }

    public IReadOnlyList<Type> OutputTypes { get; }

    /// <summary>Every parameter set of the cmdlet; just __AllParameterSets when it names none.</summary>
    public IReadOnlyList<string> ParameterSets { get; }

    /// <summary>The sets a parameter is in: its own named sets, or all of them.</summary>
    public IReadOnlyList<string> SetsOf(HelpParameter parameter) =>
        parameter.Metadata.Declarations.Any(d => d.SetName == CmdletMetadata.AllSets)
            ? ParameterSets
            : parameter.Metadata.Declarations.Select(d => d.SetName).OrderBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>How a parameter behaves in one set: its own declaration for that set, else its all-sets one.</summary>
    public static ParameterInSet InSet(HelpParameter parameter, string set)
    {
        var declaration = parameter.Metadata.Declarations.FirstOrDefault(d => d.SetName == set)
            ?? parameter.Metadata.Declarations.First(d => d.SetName == CmdletMetadata.AllSets);
        var position = declaration.Position is int p && p >= 0 ? p.ToString(CultureInfo.InvariantCulture) : "Named";
        return new ParameterInSet(declaration.Mandatory, position, declaration.ByValue, declaration.ByPropertyName);
    }
}

/// <summary>A [Parameter] property with what platyPS shows of it beyond <see cref="CmdletMetadata"/>.</summary>
internal sealed class HelpParameter(CmdletMetadata.CmdletParameter metadata, PropertyInfo property)
{
    public CmdletMetadata.CmdletParameter Metadata { get; } = metadata;

    public PropertyInfo Property { get; } = property;

    public string Name => Metadata.Name;

    public IReadOnlyList<string> Aliases => Metadata.Aliases;

    /// <summary>The type name platyPS 0.14 writes: the short name, '[]' for arrays, Nullable&lt;T&gt; as T.</summary>
    public string HelpTypeName => HelpName(Metadata.Type);

    /// <summary>The full type name INPUTS lists for a pipeline parameter (Nullable unwrapped).</summary>
    public string InputTypeName => Underlying.FullName!;

    /// <summary>platyPS lists [ValidateSet] values, or an enum's names, as "Accepted values".</summary>
    public IReadOnlyList<string> AcceptedValues
    {
        get
        {
            var validateSet = CmdletMetadata.Attribute(Property, typeof(ValidateSetAttribute));
            if (validateSet != null)
            {
                return validateSet.ConstructorArguments
                    .SelectMany(a => a.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(m => (string)m.Value!) : [(string)a.Value!])
                    .ToList();
            }

            return Underlying.IsEnum ? Enum.GetNames(Underlying) : [];
        }
    }

    public bool AcceptsWildcards => CmdletMetadata.Attribute(Property, typeof(SupportsWildcardsAttribute)) != null;

    private Type Underlying => Nullable.GetUnderlyingType(Metadata.Type) ?? Metadata.Type;

    private static string HelpName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsArray ? HelpName(underlying.GetElementType()!) + "[]" : underlying.Name;
    }
}

/// <summary>How a parameter behaves in one parameter set. Position is a number or "Named", as platyPS writes it.</summary>
internal sealed record ParameterInSet(bool Mandatory, string Position, bool ByValue, bool ByPropertyName)
{
    public bool AcceptsPipelineInput => ByValue || ByPropertyName;
}
