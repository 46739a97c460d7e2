using System.Text;
using System.Text.RegularExpressions;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Docs;

/// <summary>
/// Examples are what admins copy: every -Parameter an example or the README passes to a module
/// cmdlet must be one of its parameters, aliases or PowerShell's common parameters, and the
/// README's troubleshooting table must cover every error id.
/// </summary>
public class ExampleParameterTests
{
    private static readonly Regex CmdletCall = new(@"(?<![\w\-])(?<name>[A-Z][a-z]+-(?:Cloud|Pc|Mca|Ms)[A-Za-z]*)(?![\w\-])");

    [Fact]
    public void EveryParameterAnExampleOrTheReadmeUsesExists()
    {
        var cmdlets = CmdletContract.All.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (where, code) in CmdletHelpDriftTests.ExampleAndReadmeCode())
        {
            foreach (var (cmdlet, parameter) in ParametersPassed(code, cmdlets.Keys))
            {
                if (!IsParameterOf(cmdlets[cmdlet], parameter))
                {
                    problems.Add($"{where}: {cmdlet} has no parameter -{parameter}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void TheCheckFindsAParameterThatDoesNotExist()
    {
        var names = CmdletContract.All.Select(c => c.Name).ToList();
        var passed = ParametersPassed(
            "Connect-CloudBlue -Uri (Get-X -Bogus 1) -Credential $c `\n    -Tenant x | Confirm-McaAcceptance @contact -Phone 1 -WhatIf; Get-PcCustomer -Id 'a -b'",
            names).ToList();

        Assert.Equal(
            [("Connect-CloudBlue", "Uri"), ("Connect-CloudBlue", "Credential"), ("Connect-CloudBlue", "Tenant"), ("Confirm-McaAcceptance", "Phone"), ("Confirm-McaAcceptance", "WhatIf"), ("Get-PcCustomer", "Id")],
            passed);
        var confirm = CmdletContract.All.Single(c => c.Name == "Confirm-McaAcceptance");
        Assert.True(IsParameterOf(confirm, "Phone"));
        Assert.True(IsParameterOf(confirm, "WhatIf"));
        Assert.False(IsParameterOf(CmdletContract.All.Single(c => c.Name == "Connect-CloudBlue"), "Tenant"));
    }

    [Fact]
    public void TheReadmeTroubleshootingCoversEveryErrorId()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md")).Replace("\r\n", "\n");
        var section = Regex.Match(readme, @"^## Troubleshooting by error ID\n(?<body>.*?)(?=^## )", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, "README.md has no '## Troubleshooting by error ID' section.");
        var tableIds = Regex.Matches(section.Groups["body"].Value, @"^\|(?<ids>[^|]*)\|", RegexOptions.Multiline)
            .SelectMany(row => Regex.Matches(row.Groups["ids"].Value, "`(?<id>[A-Za-z]+)`").Select(m => m.Groups["id"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var missing = ErrorIdCatalog.All
            .Where(id => !tableIds.Contains(id))
            .ToList();
        Assert.True(missing.Count == 0, "README troubleshooting has no row for: " + string.Join(", ", missing));
    }

    private static bool IsParameterOf(CmdletContract cmdlet, string name) =>
        cmdlet.Parameters.Any(p => p.Metadata.Matches(name))
        || CmdletHelpDriftTests.CommonParameters.Contains(name, StringComparer.OrdinalIgnoreCase)
        || (cmdlet.SupportsShouldProcess && (name.Equals("WhatIf", StringComparison.OrdinalIgnoreCase) || name.Equals("Confirm", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// The -Name tokens given to each module cmdlet in a piece of PowerShell: up to the end of its
    /// statement or pipeline element, joining backtick continuations, skipping strings, comments
    /// and parenthesised sub-expressions (their parameters belong to other commands).
    /// </summary>
    private static IEnumerable<(string Cmdlet, string Parameter)> ParametersPassed(string code, IEnumerable<string> cmdletNames)
    {
        var names = cmdletNames.ToHashSet(StringComparer.Ordinal);
        var text = Regex.Replace(code, "`\r?\n", " ");
        foreach (Match call in CmdletCall.Matches(text))
        {
            if (!names.Contains(call.Groups["name"].Value) || IsInComment(text, call.Index))
            {
                continue;
            }

            foreach (var parameter in ParameterTokens(ArgumentsOf(text, call.Index + call.Length)))
            {
                yield return (call.Groups["name"].Value, parameter);
            }
        }
    }

    private static bool IsInComment(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return text.Substring(lineStart, index - lineStart).Contains('#', StringComparison.Ordinal);
    }

    /// <summary>The cmdlet's own arguments, with nested parentheses, blocks and strings blanked out.</summary>
    private static string ArgumentsOf(string text, int start)
    {
        var arguments = new StringBuilder();
        var depth = 0;
        char? quote = null;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != null)
            {
                quote = c == quote ? null : quote;
                arguments.Append(' ');
                continue;
            }

            if (depth == 0 && (c == '|' || c == '\n' || c == ';' || c == ')' || c == '}' || c == '#'))
            {
                break;
            }

            if (c == '\'' || c == '"')
            {
                quote = c;
            }
            else if (c == '(' || c == '{')
            {
                depth++;
            }
            else if (c == ')' || c == '}')
            {
                depth--;
            }

            arguments.Append(depth == 0 && quote == null && c != ')' && c != '}' ? c : ' ');
        }

        return arguments.ToString();
    }

    private static IEnumerable<string> ParameterTokens(string arguments) =>
        Regex.Matches(arguments, @"(?<=^|\s)-(?<name>[A-Za-z]\w*)(?=:|\s|$)").Select(m => m.Groups["name"].Value);
}
