using System.Text.RegularExpressions;

namespace CloudBlueMca.Tests.Docs;

/// <summary>
/// One platyPS 0.14 (schema 2.0.0) cmdlet page: front matter, the '# Title', and its '##' sections,
/// each split into '###' subsections with their text and fenced code blocks. Headings inside code
/// blocks are code, not structure.
/// </summary>
public sealed class HelpPage
{
    private HelpPage(string fileName, IReadOnlyDictionary<string, string> frontMatter, string title, IReadOnlyList<HelpSection> sections)
    {
        FileName = fileName;
        FrontMatter = frontMatter;
        Title = title;
        Sections = sections;
    }

    public string FileName { get; }

    public IReadOnlyDictionary<string, string> FrontMatter { get; }

    public string Title { get; }

    public IReadOnlyList<HelpSection> Sections { get; }

    public HelpSection? Section(string name) => Sections.FirstOrDefault(s => s.Name == name);

    public HelpSection RequiredSection(string name) =>
        Section(name) ?? throw new HelpFormatException($"{FileName} has no '## {name}' section.");

    /// <summary>The '### -Name' subsections of PARAMETERS, parsed.</summary>
    public IReadOnlyList<DocumentedParameter> Parameters() =>
        RequiredSection("PARAMETERS").Subsections
            .Where(s => s.Heading.StartsWith('-'))
            .Select(s => DocumentedParameter.From(FileName, s))
            .ToList();

    public static HelpPage Load(string path) => Parse(Path.GetFileName(path), File.ReadAllText(path));

    public static HelpPage Parse(string fileName, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var index = 0;
        var frontMatter = ParseFrontMatter(fileName, lines, ref index);

        string? title = null;
        var sections = new List<HelpSection>();
        SectionBuilder? section = null;
        SubsectionBuilder? subsection = null;
        CodeBlockBuilder? code = null;

        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            if (code != null)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    (subsection?.CodeBlocks ?? section?.CodeBlocks ?? throw new HelpFormatException($"{fileName}: a code block outside any section."))
                        .Add(code.Build());
                    code = null;
                }
                else
                {
                    code.Lines.Add(line);
                }

                continue;
            }

            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                code = new CodeBlockBuilder(line.Trim().Substring(3).Trim());
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                if (title != null)
                {
                    throw new HelpFormatException($"{fileName} has two '# ' titles: '{title}' and '{line}'.");
                }

                title = line.Substring(2).Trim();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                subsection = null;
                section = new SectionBuilder(line.Substring(3).Trim());
                sections.Add(section.Section);
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (section == null)
                {
                    throw new HelpFormatException($"{fileName}: '{line}' comes before any '##' section.");
                }

                subsection = new SubsectionBuilder(line.Substring(4).Trim());
                section.Subsections.Add(subsection.Subsection);
            }
            else
            {
                (subsection?.TextLines ?? section?.TextLines)?.Add(line);
            }
        }

        if (code != null)
        {
            throw new HelpFormatException($"{fileName} has a code block that is never closed.");
        }

        return new HelpPage(fileName, frontMatter, title ?? throw new HelpFormatException($"{fileName} has no '# <cmdlet name>' title."), sections);
    }

    private static Dictionary<string, string> ParseFrontMatter(string fileName, string[] lines, ref int index)
    {
        if (lines.Length == 0 || lines[0] != "---")
        {
            throw new HelpFormatException($"{fileName} does not start with platyPS front matter ('---').");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (index = 1; index < lines.Length; index++)
        {
            if (lines[index] == "---")
            {
                index++;
                return values;
            }

            var colon = lines[index].IndexOf(':');
            if (colon <= 0)
            {
                throw new HelpFormatException($"{fileName}: front matter line '{lines[index]}' is not 'key: value'.");
            }

            values[lines[index].Substring(0, colon).Trim()] = lines[index].Substring(colon + 1).Trim();
        }

        throw new HelpFormatException($"{fileName}: the front matter is never closed with '---'.");
    }

    private sealed class SectionBuilder
    {
        public SectionBuilder(string name) => Section = new HelpSection(name, TextLines, Subsections, CodeBlocks);

        public List<string> TextLines { get; } = [];

        public List<HelpSubsection> Subsections { get; } = [];

        public List<CodeBlock> CodeBlocks { get; } = [];

        public HelpSection Section { get; }
    }

    private sealed class SubsectionBuilder
    {
        public SubsectionBuilder(string heading) => Subsection = new HelpSubsection(heading, TextLines, CodeBlocks);

        public List<string> TextLines { get; } = [];

        public List<CodeBlock> CodeBlocks { get; } = [];

        public HelpSubsection Subsection { get; }
    }

    private sealed class CodeBlockBuilder(string language)
    {
        public List<string> Lines { get; } = [];

        public CodeBlock Build() => new(language, string.Join("\n", Lines));
    }
}

/// <summary>A '## NAME' section: its own text (before any '###'), its subsections and code blocks.</summary>
public sealed class HelpSection(string name, IReadOnlyList<string> textLines, IReadOnlyList<HelpSubsection> subsections, IReadOnlyList<CodeBlock> codeBlocks)
{
    public string Name { get; } = name;

    public string Text => string.Join("\n", textLines).Trim();

    public IReadOnlyList<HelpSubsection> Subsections { get; } = subsections;

    public IReadOnlyList<CodeBlock> CodeBlocks { get; } = codeBlocks;
}

/// <summary>A '### Heading' subsection: its text outside code blocks, and its code blocks.</summary>
public sealed class HelpSubsection(string heading, IReadOnlyList<string> textLines, IReadOnlyList<CodeBlock> codeBlocks)
{
    public string Heading { get; } = heading;

    public string Text => string.Join("\n", textLines).Trim();

    public IReadOnlyList<CodeBlock> CodeBlocks { get; } = codeBlocks;
}

public sealed record CodeBlock(string Language, string Code);

/// <summary>
/// A '### -Name' parameter entry: its description and one yaml block per group of parameter sets in
/// which the parameter behaves the same (platyPS writes several when, say, it is mandatory in one
/// set and optional in another).
/// </summary>
public sealed record DocumentedParameter(string Name, string Description, IReadOnlyList<ParameterYaml> Blocks)
{
    public static DocumentedParameter From(string fileName, HelpSubsection subsection)
    {
        var name = subsection.Heading.Substring(1);
        var blocks = subsection.CodeBlocks
            .Where(c => c.Language == "yaml")
            .Select(c => ParameterYaml.Parse($"{fileName} -{name}", c.Code))
            .ToList();
        if (blocks.Count == 0)
        {
            throw new HelpFormatException($"{fileName}: parameter -{name} has no ```yaml block.");
        }

        return new DocumentedParameter(name, subsection.Text, blocks);
    }
}

/// <summary>The yaml block platyPS writes under each parameter.</summary>
public sealed record ParameterYaml(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position,
    string DefaultValue,
    bool ByValue,
    bool ByPropertyName,
    bool AcceptsWildcards)
{
    /// <summary>platyPS writes "(All)" for a parameter that is in every parameter set.</summary>
    public const string AllParameterSets = "(All)";

    private static readonly string[] RequiredKeys =
    [
        "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value",
        "Accept pipeline input", "Accept wildcard characters",
    ];

    private static readonly Regex PipelineInput = new(@"^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$");

    public static ParameterYaml Parse(string where, string yaml)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in yaml.Split('\n').Where(l => l.Trim().Length > 0))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new HelpFormatException($"{where}: yaml line '{line}' is not 'Key: value'.");
            }

            var key = line.Substring(0, colon).Trim();
            if (!RequiredKeys.Contains(key) && key != "Accepted values")
            {
                throw new HelpFormatException($"{where}: unknown yaml key '{key}'.");
            }

            if (!values.TryAdd(key, line.Substring(colon + 1).Trim()))
            {
                throw new HelpFormatException($"{where}: yaml key '{key}' appears twice.");
            }
        }

        var missing = RequiredKeys.Where(k => !values.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new HelpFormatException($"{where}: the yaml block lacks {string.Join(", ", missing)}.");
        }

        var pipeline = values["Accept pipeline input"];
        if (!PipelineInput.IsMatch(pipeline))
        {
            throw new HelpFormatException($"{where}: 'Accept pipeline input: {pipeline}' is not False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).");
        }

        return new ParameterYaml(
            values["Type"],
            List(values["Parameter Sets"]),
            List(values["Aliases"]),
            values.TryGetValue("Accepted values", out var accepted) ? List(accepted) : [],
            Boolean(where, "Required", values["Required"]),
            values["Position"],
            values["Default value"],
            pipeline.Contains("ByValue", StringComparison.Ordinal),
            pipeline.Contains("ByPropertyName", StringComparison.Ordinal),
            Boolean(where, "Accept wildcard characters", values["Accept wildcard characters"]));
    }

    private static List<string> List(string value) =>
        value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

    private static bool Boolean(string where, string key, string value) => value switch
    {
        "True" => true,
        "False" => false,
        _ => throw new HelpFormatException($"{where}: '{key}: {value}' is neither True nor False."),
    };
}

public sealed class HelpFormatException(string message) : Exception(message);
