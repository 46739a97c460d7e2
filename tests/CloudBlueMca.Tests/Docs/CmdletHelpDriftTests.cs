using System.Globalization;
using System.Text.RegularExpressions;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Docs;

/// <summary>
/// Keeps docs/en-US/*.md (platyPS 0.14 markdown, the source of Get-Help) true to the cmdlet
/// classes. Each test collects every problem it finds, so one run lists all the drift at once.
/// The pages are compared with the cmdlets that exist in the assembly; the manifest test
/// (ModuleManifestTests) makes sure those are exactly the exported ones.
/// </summary>
public class CmdletHelpDriftTests
{
    private const string HelpFileName = "CloudBlueMca.dll-Help.xml";

    private static readonly string[] SectionOrder =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    /// <summary>PowerShell's common parameters: platyPS covers them with '### CommonParameters' only.</summary>
    internal static readonly string[] CommonParameters =
    [
        "Debug", "ErrorAction", "ErrorVariable", "InformationAction", "InformationVariable", "OutBuffer",
        "OutVariable", "PipelineVariable", "ProgressAction", "Verbose", "WarningAction", "WarningVariable",
    ];

    /// <summary>Commands from outside the module that examples and the README may use.</summary>
    private static readonly HashSet<string> ExternalCommands = new(StringComparer.Ordinal)
    {
        "ConvertFrom-Csv", "ConvertTo-SecureString", "Export-Csv", "ForEach-Object", "Format-Table", "Get-AutomationCertificate",
        "Connect-AzAccount", "Get-AutomationPSCredential", "Get-AutomationVariable", "Get-AzKeyVaultSecret", "Get-Content", "Get-Credential", "Get-Help", "Group-Object", "Import-Csv",
        "Import-Module", "Measure-Object", "Read-Host", "Select-Object", "Set-AzKeyVaultSecret", "Sort-Object", "Where-Object", "Write-Output",
    };

    private static readonly Regex CommandName = new(@"(?<![\w$@.\-/\\:])[A-Z][A-Za-z]+-[A-Z][A-Za-z0-9]*(?![\w\-])");

    private static string DocsFolder => RepositoryFiles.PathOf("docs", "en-US");

    private static IEnumerable<string> PageFiles =>
        Directory.GetFiles(DocsFolder, "*.md").Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal);

    [Fact]
    public void EveryCmdletHasAHelpPage()
    {
        var missing = CmdletContract.All.Where(c => !File.Exists(Path.Combine(DocsFolder, c.Name + ".md"))).Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, $"No docs/en-US/<name>.md for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryHelpPageIsForAnExportedCmdlet()
    {
        var exported = ManifestFile.TemplateCmdletsToExport();
        var problems = new List<string>();
        foreach (var file in PageFiles)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!exported.Contains(name))
            {
                problems.Add($"{name}.md documents a cmdlet that CloudBlueMca.psd1 does not export");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void HelpPagesMatchTheCmdletClasses()
    {
        var problems = new List<string>();
        foreach (var cmdlet in CmdletContract.All)
        {
            var path = Path.Combine(DocsFolder, cmdlet.Name + ".md");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                problems.AddRange(Compare(cmdlet, HelpPage.Load(path)).Select(p => $"{cmdlet.Name}: {p}"));
            }
            catch (HelpFormatException ex)
            {
                problems.Add(ex.Message);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void HelpPagesParseAndHaveTheFrontMatterNewExternalHelpNeeds()
    {
        var problems = new List<string>();
        foreach (var file in PageFiles)
        {
            try
            {
                var page = HelpPage.Load(file);
                Expect(problems, page.FileName, "external help file", HelpFileName, page.FrontMatter);
                Expect(problems, page.FileName, "Module Name", "CloudBlueMca", page.FrontMatter);
                Expect(problems, page.FileName, "schema", "2.0.0", page.FrontMatter);
                if (!page.FrontMatter.ContainsKey("online version"))
                {
                    problems.Add($"{page.FileName}: front matter lacks 'online version:'");
                }

                if (page.Title != Path.GetFileNameWithoutExtension(file))
                {
                    problems.Add($"{page.FileName}: title '# {page.Title}' differs from the file name");
                }
            }
            catch (HelpFormatException ex)
            {
                problems.Add(ex.Message);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void NoPlaceholderIsLeftInTheDocsOrTheReadme()
    {
        var files = Directory.GetFiles(DocsFolder).Append(RepositoryFiles.PathOf("README.md"));
        var hits = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("{{", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(hits.Count == 0, "Placeholders left:\n" + string.Join("\n", hits));
    }

    [Fact]
    public void EveryCommandNamedInAnExampleOrTheReadmeExists()
    {
        var exported = ManifestFile.TemplateCmdletsToExport().ToHashSet(StringComparer.Ordinal);
        var unknown = ExampleAndReadmeCode()
            .SelectMany(b => CommandName.Matches(b.Code).Select(m => (b.Where, Command: m.Value)))
            .Where(c => !exported.Contains(c.Command) && !ExternalCommands.Contains(c.Command))
            .Select(c => $"{c.Where}: {c.Command}")
            .Distinct()
            .ToList();
        Assert.True(unknown.Count == 0, "Commands that are neither exported by CloudBlueMca nor known external commands (check the spelling, or add a real external command to ExternalCommands):\n" + string.Join("\n", unknown));
    }

    /// <summary>Every code block of every help page's EXAMPLES and of README.md, with where it stands.</summary>
    internal static IEnumerable<(string Where, string Code)> ExampleAndReadmeCode() =>
        PageFiles.Select(HelpPage.Load)
            .SelectMany(p => p.RequiredSection("EXAMPLES").Subsections.SelectMany(s => s.CodeBlocks).Select(b => (Where: p.FileName, b.Code)))
            .Concat(ReadmeCodeBlocks().Select(b => (Where: "README.md", Code: b)));

    internal static IEnumerable<string> ReadmeCodeBlocks()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md")).Replace("\r\n", "\n");
        return Regex.Matches(readme, @"^```(powershell|ps1)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => m.Groups["code"].Value);
    }

    private static void Expect(List<string> problems, string file, string key, string expected, IReadOnlyDictionary<string, string> frontMatter)
    {
        if (!frontMatter.TryGetValue(key, out var actual) || actual != expected)
        {
            problems.Add($"{file}: front matter '{key}: {actual}' should be '{key}: {expected}'");
        }
    }

    private static IEnumerable<string> Compare(CmdletContract cmdlet, HelpPage page)
    {
        var sections = page.Sections.Select(s => s.Name).ToList();
        if (!sections.SequenceEqual(SectionOrder))
        {
            yield return $"sections are [{string.Join(", ", sections)}], platyPS needs [{string.Join(", ", SectionOrder)}]";
            yield break;
        }

        foreach (var name in new[] { "SYNOPSIS", "DESCRIPTION", "NOTES" })
        {
            if (page.RequiredSection(name).Text.Length == 0)
            {
                yield return $"## {name} is empty";
            }
        }

        foreach (var problem in CompareSyntax(cmdlet, page.RequiredSection("SYNTAX"))
                     .Concat(CompareExamples(page.RequiredSection("EXAMPLES")))
                     .Concat(CompareParameters(cmdlet, page))
                     .Concat(CompareInputs(cmdlet, page.RequiredSection("INPUTS")))
                     .Concat(CompareOutputs(cmdlet, page.RequiredSection("OUTPUTS")))
                     .Concat(CompareRelatedLinks(page.RequiredSection("RELATED LINKS"))))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> CompareSyntax(CmdletContract cmdlet, HelpSection syntax)
    {
        var documented = syntax.Subsections.ToDictionary(s => s.Heading.Replace(" (Default)", string.Empty), s => s, StringComparer.Ordinal);
        foreach (var problem in SetDifference("SYNTAX parameter set", cmdlet.ParameterSets, documented.Keys))
        {
            yield return problem;
        }

        foreach (var (set, subsection) in documented.Where(d => cmdlet.ParameterSets.Contains(d.Key)))
        {
            var isDefault = subsection.Heading.EndsWith(" (Default)", StringComparison.Ordinal);
            var shouldBeDefault = cmdlet.ParameterSets.Count > 1 && set == cmdlet.DefaultParameterSet;
            if (isDefault != shouldBeDefault)
            {
                yield return $"SYNTAX '### {subsection.Heading}' should {(shouldBeDefault ? string.Empty : "not ")}be marked (Default)";
            }

            if (subsection.CodeBlocks.Count != 1 || !subsection.CodeBlocks[0].Code.TrimStart().StartsWith(cmdlet.Name + " ", StringComparison.Ordinal))
            {
                yield return $"SYNTAX '{set}' needs one code block starting with '{cmdlet.Name} '";
                continue;
            }

            var line = subsection.CodeBlocks[0].Code;
            var expected = cmdlet.Parameters.Where(p => cmdlet.SetsOf(p).Contains(set)).Select(p => p.Name).Concat(ShouldProcessParameters(cmdlet));
            var shown = Regex.Matches(line, @"(?<=[\s\[])-(\w+)").Select(m => m.Groups[1].Value);
            foreach (var problem in SetDifference($"SYNTAX '{set}' parameter", expected, shown))
            {
                yield return problem;
            }

            if (!line.Contains("[<CommonParameters>]", StringComparison.Ordinal))
            {
                yield return $"SYNTAX '{set}' lacks [<CommonParameters>]";
            }
        }
    }

    private static IEnumerable<string> CompareExamples(HelpSection examples)
    {
        var list = examples.Subsections.Where(s => s.Heading.StartsWith("Example ", StringComparison.Ordinal)).ToList();
        if (list.Count < 2 || list.Count != examples.Subsections.Count)
        {
            yield return $"EXAMPLES needs at least two '### Example N: ...' subsections and nothing else; found {examples.Subsections.Count} subsections, {list.Count} examples";
        }

        foreach (var example in list)
        {
            if (example.CodeBlocks.Count == 0 || example.CodeBlocks.Any(c => c.Code.Trim().Length == 0))
            {
                yield return $"'{example.Heading}' needs a non-empty code block";
            }

            if (example.Text.Length == 0)
            {
                yield return $"'{example.Heading}' needs text that explains it";
            }
        }
    }

    private static IEnumerable<string> CompareParameters(CmdletContract cmdlet, HelpPage page)
    {
        var parameters = page.RequiredSection("PARAMETERS");
        if (!parameters.Subsections.Any(s => s.Heading == "CommonParameters"))
        {
            yield return "PARAMETERS lacks '### CommonParameters'";
        }

        var documented = page.Parameters();
        foreach (var duplicate in documented.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            yield return $"-{duplicate.Key} is documented {duplicate.Count()} times";
        }

        foreach (var common in documented.Where(d => CommonParameters.Contains(d.Name)))
        {
            yield return $"-{common.Name} is a common parameter: '### CommonParameters' covers it, it must not have its own entry";
        }

        var expected = cmdlet.Parameters.Select(p => p.Name).Concat(ShouldProcessParameters(cmdlet));
        foreach (var problem in SetDifference("parameter", expected, documented.Select(d => d.Name).Where(n => !CommonParameters.Contains(n))))
        {
            yield return problem;
        }

        var defaults = DefaultValues(cmdlet);
        foreach (var doc in documented.GroupBy(d => d.Name).Select(g => g.First()))
        {
            if (doc.Description.Length == 0)
            {
                yield return $"-{doc.Name} has no description";
            }

            var parameter = cmdlet.Parameters.FirstOrDefault(p => p.Name == doc.Name);
            var problems = parameter != null
                ? CompareParameter(cmdlet, parameter, doc, defaults.TryGetValue(parameter.Name, out var value) ? value : null)
                : ShouldProcessParameters(cmdlet).Contains(doc.Name) ? CompareShouldProcessParameter(cmdlet, doc) : [];
            foreach (var problem in problems)
            {
                yield return $"-{doc.Name}: {problem}";
            }
        }
    }

    private static IEnumerable<string> CompareParameter(CmdletContract cmdlet, HelpParameter parameter, DocumentedParameter doc, string? codeDefault)
    {
        foreach (var block in doc.Blocks)
        {
            if (block.Type != parameter.HelpTypeName)
            {
                yield return $"Type is '{block.Type}', the code has '{parameter.HelpTypeName}'";
            }

            if (!block.Aliases.OrderBy(a => a).SequenceEqual(parameter.Aliases.OrderBy(a => a)))
            {
                yield return $"Aliases are [{string.Join(", ", block.Aliases)}], the code has [{string.Join(", ", parameter.Aliases)}]";
            }

            if (!block.AcceptedValues.OrderBy(a => a).SequenceEqual(parameter.AcceptedValues.OrderBy(a => a)))
            {
                yield return $"Accepted values are [{string.Join(", ", block.AcceptedValues)}], the code has [{string.Join(", ", parameter.AcceptedValues)}]";
            }

            if (block.AcceptsWildcards != parameter.AcceptsWildcards)
            {
                yield return $"Accept wildcard characters is {block.AcceptsWildcards}, the code says {parameter.AcceptsWildcards}";
            }

            if (codeDefault != null && !block.DefaultValue.Contains(codeDefault, StringComparison.Ordinal))
            {
                yield return $"Default value '{block.DefaultValue}' does not show the code's default '{codeDefault}'";
            }
        }

        var documentedSets = new Dictionary<string, ParameterYaml>(StringComparer.Ordinal);
        foreach (var block in doc.Blocks)
        {
            var sets = block.ParameterSets.SequenceEqual([ParameterYaml.AllParameterSets]) ? cmdlet.ParameterSets : block.ParameterSets;
            foreach (var set in sets)
            {
                if (!documentedSets.TryAdd(set, block))
                {
                    yield return $"parameter set '{set}' is described by two yaml blocks";
                }
            }
        }

        var codeSets = cmdlet.SetsOf(parameter);
        foreach (var problem in SetDifference("Parameter Sets entry", codeSets, documentedSets.Keys))
        {
            yield return problem;
        }

        foreach (var set in codeSets.Where(documentedSets.ContainsKey))
        {
            var code = CmdletContract.InSet(parameter, set);
            var block = documentedSets[set];
            if (block.Required != code.Mandatory)
            {
                yield return $"in set '{set}' Required is {block.Required}, the code says {code.Mandatory}";
            }

            if (block.Position != code.Position)
            {
                yield return $"in set '{set}' Position is {block.Position}, the code says {code.Position}";
            }

            if (block.ByValue != code.ByValue || block.ByPropertyName != code.ByPropertyName)
            {
                yield return $"in set '{set}' Accept pipeline input is {Pipeline(block.ByValue, block.ByPropertyName)}, the code says {Pipeline(code.ByValue, code.ByPropertyName)}";
            }
        }
    }

    private static IEnumerable<string> CompareShouldProcessParameter(CmdletContract cmdlet, DocumentedParameter doc)
    {
        var alias = doc.Name == "WhatIf" ? "wi" : "cf";
        foreach (var block in doc.Blocks)
        {
            if (block.Type != "SwitchParameter" || !block.Aliases.SequenceEqual([alias]) || block.Required || block.Position != "Named" || block.ByValue || block.ByPropertyName)
            {
                yield return $"should be as platyPS writes it: Type SwitchParameter, Aliases {alias}, Required False, Position Named, Accept pipeline input False";
            }
        }

        var sets = doc.Blocks.SelectMany(b => b.ParameterSets).ToList();
        if (!sets.SequenceEqual([ParameterYaml.AllParameterSets]) && !sets.OrderBy(s => s).SequenceEqual(cmdlet.ParameterSets.OrderBy(s => s)))
        {
            yield return "Parameter Sets should be (All)";
        }
    }

    private static IEnumerable<string> CompareInputs(CmdletContract cmdlet, HelpSection inputs)
    {
        var headings = inputs.Subsections.Select(s => s.Heading).ToList();
        var pipelineTypes = cmdlet.Parameters
            .Where(p => cmdlet.SetsOf(p).Any(s => CmdletContract.InSet(p, s).AcceptsPipelineInput))
            .Select(p => p.InputTypeName)
            .Distinct()
            .ToList();
        foreach (var missing in pipelineTypes.Where(t => !headings.Contains(t)))
        {
            yield return $"INPUTS lacks '### {missing}' (a parameter takes it from the pipeline)";
        }

        if (pipelineTypes.Count == 0 && !headings.SequenceEqual(["None"]))
        {
            yield return "INPUTS should be just '### None': no parameter takes pipeline input";
        }

        foreach (var heading in headings.Where(h => h != "None" && ResolveType(h) == null))
        {
            yield return $"INPUTS '### {heading}' is not a type";
        }
    }

    private static IEnumerable<string> CompareOutputs(CmdletContract cmdlet, HelpSection outputs)
    {
        var headings = outputs.Subsections.Select(s => s.Heading).ToList();
        // [OutputType(typeof(void))] says "writes nothing", which platyPS pages show as None.
        var declared = cmdlet.OutputTypes.Where(t => t != typeof(void)).Select(t => t.FullName!).ToList();
        var expected = declared.Count == 0 ? ["None"] : declared;
        foreach (var missing in expected.Where(t => !headings.Contains(t)))
        {
            yield return $"OUTPUTS lacks '### {missing}' ([OutputType] declares it)";
        }

        foreach (var extra in headings.Where(h => !expected.Contains(h) && h != "None"))
        {
            yield return $"OUTPUTS '### {extra}' is not declared by [OutputType]";
        }
    }

    private static IEnumerable<string> CompareRelatedLinks(HelpSection links)
    {
        var found = Regex.Matches(links.Text, @"\[(?<text>[^\]]+)\]\((?<target>[^)]*)\)").ToList();
        if (found.Count == 0)
        {
            yield return "RELATED LINKS has no [text](target) link";
        }

        foreach (var link in found)
        {
            var target = link.Groups["target"].Value;
            var text = link.Groups["text"].Value;
            var local = target.Length == 0 ? text + (text.StartsWith("about_", StringComparison.Ordinal) ? ".help.txt" : ".md") : target;
            if (!target.StartsWith("https://", StringComparison.Ordinal) && !File.Exists(Path.Combine(DocsFolder, local)))
            {
                yield return $"RELATED LINKS [{text}]({target}) points to nothing in docs/en-US";
            }
        }
    }

    private static IEnumerable<string> ShouldProcessParameters(CmdletContract cmdlet) =>
        cmdlet.SupportsShouldProcess ? ["WhatIf", "Confirm"] : [];

    /// <summary>
    /// The values a fresh cmdlet object holds before binding, for parameters whose default is not
    /// null, false, zero or an unset switch: those the help must show. Computed defaults (such as
    /// "today") live in the cmdlet's code, not in the property, and are not checked here.
    /// </summary>
    private static Dictionary<string, string> DefaultValues(CmdletContract cmdlet)
    {
        var instance = Activator.CreateInstance(cmdlet.Type)!;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in cmdlet.Parameters)
        {
            var value = parameter.Property.GetValue(instance);
            if (value == null || value is System.Management.Automation.SwitchParameter || value is Array
                || (value.GetType().IsValueType && value.Equals(Activator.CreateInstance(value.GetType()))))
            {
                continue;
            }

            values[parameter.Name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
        }

        return values;
    }

    private static Type? ResolveType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t != null);

    private static string Pipeline(bool byValue, bool byPropertyName) =>
        (byValue, byPropertyName) switch
        {
            (false, false) => "False",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "True (ByPropertyName, ByValue)",
        };

    private static IEnumerable<string> SetDifference(string what, IEnumerable<string> code, IEnumerable<string> documented)
    {
        var codeSet = code.ToHashSet(StringComparer.Ordinal);
        var docSet = documented.ToHashSet(StringComparer.Ordinal);
        foreach (var missing in codeSet.Except(docSet).OrderBy(s => s, StringComparer.Ordinal))
        {
            yield return $"{what} '{missing}' exists in the code but is not documented";
        }

        foreach (var extra in docSet.Except(codeSet).OrderBy(s => s, StringComparer.Ordinal))
        {
            yield return $"{what} '{extra}' is documented but does not exist in the code";
        }
    }
}
