using System.Management.Automation;
using System.Reflection;
using static CloudBlueMca.Tests.Contract.CmdletMetadata;

namespace CloudBlueMca.Tests.Contract;

/// <summary>
/// Models PowerShell's by-property-name parameter binding from cmdlet metadata (attributes are
/// real metadata even though the PowerShellStandard stubs cannot run a pipeline): which
/// downstream parameters an upstream object's properties bind, and which parameter sets the
/// result can satisfy. Binding looks for a property named like the parameter first, then for
/// each alias, case-insensitively, as PowerShell does.
/// </summary>
internal sealed class PipelineBinding
{
    private PipelineBinding(Type cmdlet, IReadOnlyDictionary<string, string> boundFromPipeline, IReadOnlyList<string> explicitParameters, IReadOnlyList<string> satisfiedSets, IReadOnlyList<string> problems)
    {
        Cmdlet = cmdlet;
        BoundFromPipeline = boundFromPipeline;
        ExplicitParameters = explicitParameters;
        SatisfiedSets = satisfiedSets;
        Problems = problems;
    }

    public Type Cmdlet { get; }

    /// <summary>Downstream parameter name → upstream property that binds it.</summary>
    public IReadOnlyDictionary<string, string> BoundFromPipeline { get; }

    public IReadOnlyList<string> ExplicitParameters { get; }

    /// <summary>Parameter sets whose mandatory parameters are all bound and that contain every bound parameter.</summary>
    public IReadOnlyList<string> SatisfiedSets { get; }

    /// <summary>Empty when every object of the upstream type binds exactly one parameter set.</summary>
    public IReadOnlyList<string> Problems { get; }

    public override string ToString() =>
        $"{Cmdlet.Name}: bound {string.Join(", ", BoundFromPipeline.Select(b => $"{b.Key}<-{b.Value}"))}; sets {string.Join(", ", SatisfiedSets)}; problems: {string.Join(" | ", Problems)}";

    /// <param name="upstream">The upstream object's properties (name → type).</param>
    /// <param name="cmdlet">The downstream cmdlet class.</param>
    /// <param name="explicitParameters">Parameters given on the command line in the pipeline text.</param>
    public static PipelineBinding Analyze(IReadOnlyDictionary<string, Type> upstream, Type cmdlet, params string[] explicitParameters)
    {
        var parameters = Parameters(cmdlet);
        var problems = new List<string>();
        foreach (var name in explicitParameters.Where(n => !parameters.Any(p => p.Matches(n))))
        {
            problems.Add($"{cmdlet.Name} has no parameter '{name}'");
        }

        var explicitNames = parameters.Where(p => explicitParameters.Any(p.Matches)).Select(p => p.Name).ToList();
        var bound = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters.Where(p => p.ByPropertyName && !explicitNames.Contains(p.Name)))
        {
            var property = parameter.NamesInBindingOrder.FirstOrDefault(n => upstream.Keys.Any(k => string.Equals(k, n, StringComparison.OrdinalIgnoreCase)));
            if (property == null)
            {
                continue;
            }

            var propertyName = upstream.Keys.First(k => string.Equals(k, property, StringComparison.OrdinalIgnoreCase));
            if (!IsConvertible(upstream[propertyName], parameter.Type))
            {
                problems.Add($"property {propertyName} ({upstream[propertyName].Name}) cannot convert to -{parameter.Name} ({parameter.Type.Name})");
                continue;
            }

            bound[parameter.Name] = propertyName;
        }

        var allBound = explicitNames.Concat(bound.Keys).ToList();
        var sets = SetsOf(cmdlet, parameters);
        var satisfied = sets
            .Where(set => allBound.All(name => parameters.First(p => p.Name == name).IsIn(set)))
            .Where(set => parameters.Where(p => p.IsMandatoryIn(set)).All(p => allBound.Contains(p.Name)))
            .ToList();

        if (satisfied.Count == 0)
        {
            var missing = sets.Select(set => $"{set}: missing {string.Join(", ", parameters.Where(p => p.IsMandatoryIn(set) && !allBound.Contains(p.Name)).Select(p => p.Name))}");
            problems.Add($"no parameter set of {cmdlet.Name} is satisfied ({string.Join("; ", missing)})");
        }
        else if (satisfied.Count > 1 && !satisfied.Contains(DefaultParameterSet(cmdlet) ?? string.Empty))
        {
            problems.Add($"an input object binds {satisfied.Count} parameter sets at once ({string.Join(", ", satisfied)}) and none is the default");
        }

        return new PipelineBinding(cmdlet, bound, explicitNames, satisfied, problems);
    }

    /// <summary>The public properties of a .NET output type, as PowerShell sees them on the pipeline.</summary>
    public static IReadOnlyDictionary<string, Type> PropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.OrdinalIgnoreCase);

    /// <summary>An Import-Csv row: one string property per column.</summary>
    public static IReadOnlyDictionary<string, Type> CsvColumns(params string[] columns) =>
        columns.ToDictionary(c => c, _ => typeof(string), StringComparer.OrdinalIgnoreCase);

    private static List<string> SetsOf(Type cmdlet, List<CmdletParameter> parameters)
    {
        var named = parameters.SelectMany(p => p.Declarations).Select(d => d.SetName).Where(s => s != AllSets).Distinct().ToList();
        return named.Count > 0 ? named : [DefaultParameterSet(cmdlet) ?? AllSets];
    }

    // PowerShell's conversions the pipelines rely on: same or assignable type, Nullable<T> to T
    // (a null value then fails binding of that object only), a scalar into an array parameter,
    // a string into Guid/DateTime/int, and anything into string.
    private static bool IsConvertible(Type from, Type to)
    {
        var source = Nullable.GetUnderlyingType(from) ?? from;
        var target = to.IsArray ? to.GetElementType()! : to;
        target = Nullable.GetUnderlyingType(target) ?? target;
        if (target == typeof(SwitchParameter))
        {
            target = typeof(bool);
        }

        return target.IsAssignableFrom(source)
            || (to.IsArray && to.IsAssignableFrom(source))
            || target == typeof(string)
            || (source == typeof(string) && (target == typeof(Guid) || target == typeof(DateTime) || target == typeof(int)));
    }
}
