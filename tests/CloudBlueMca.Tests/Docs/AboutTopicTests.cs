using System.Text.RegularExpressions;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Docs;

/// <summary>about_CloudBlueMca.help.txt: complete for every error id, and shaped for Get-Help.</summary>
public class AboutTopicTests
{
    private static readonly string AboutPath = RepositoryFiles.PathOf("docs", "en-US", "about_CloudBlueMca.help.txt");

    private static string[] Lines => File.ReadAllText(AboutPath).Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    public static TheoryData<string> Headings =>
    [
        "TOPIC", "SHORT DESCRIPTION", "LONG DESCRIPTION", "INTERNAL MICROSOFT ACCOUNT ID VERSUS MICROSOFT TENANT ID",
        "THE APPLICATION INSTANCE", "TENANT TYPE VERSIONS", "THE MCA FLOW END TO END", "CONNECTIONS PER RUNSPACE",
        "PARTNER CENTER SIGN-IN", "HOW BULK RUNS BATCH AND THROTTLE", "ERROR IDS", "THE EMULATOR", "SEE ALSO",
    ];

    [Theory]
    [MemberData(nameof(Headings))]
    public void TheTopicHasTheSection(string heading) => Assert.Contains(heading, Lines);

    [Fact]
    public void TheTopicNamesItselfFirst() => Assert.Equal(["TOPIC", "    about_CloudBlueMca"], Lines.Take(2));

    [Fact]
    public void EveryErrorIdIsExplainedAndEveryExplainedIdExists()
    {
        var ids = ErrorIdCatalog.All;
        var entries = ErrorIdEntries();
        var problems = new List<string>();
        problems.AddRange(ids.Where(id => !entries.ContainsKey(id)).Select(id => $"ErrorIds.{id} is not explained under ERROR IDS"));
        problems.AddRange(entries.Keys.Where(id => !ids.Contains(id)).Select(id => $"ERROR IDS explains '{id}', which is not in ErrorIds"));
        problems.AddRange(entries.Where(e => e.Value.Length < 40).Select(e => $"ERROR IDS: '{e.Key}' needs a real explanation of what to do"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void NoLineIsWiderThanAConsole()
    {
        var wide = Lines.Select((line, i) => (Line: i + 1, line.Length)).Where(l => l.Length > 80).ToList();
        Assert.True(wide.Count == 0, "Lines over 80 characters: " + string.Join(", ", wide.Select(w => $"{w.Line} ({w.Length})")));
    }

    [Fact]
    public void TheBuildPutsTheTopicInTheModuleFolder()
    {
        var copy = RepositoryFiles.PathOf("out", "CloudBlueMca", "en-US", "about_CloudBlueMca.help.txt");
        Assert.True(File.Exists(copy), $"{copy} is missing: ModuleLayout.targets should copy the about topic at every build.");
        Assert.Equal(File.ReadAllText(AboutPath), File.ReadAllText(copy));
    }

    /// <summary>Under ERROR IDS: an id alone on a 4-space-indented line, then its 8-space-indented explanation.</summary>
    private static Dictionary<string, string> ErrorIdEntries()
    {
        var lines = Lines;
        var start = Array.IndexOf(lines, "ERROR IDS");
        var end = Array.FindIndex(lines, start + 1, l => Regex.IsMatch(l, "^[A-Z]"));
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in lines[(start + 1)..(end < 0 ? lines.Length : end)])
        {
            var id = Regex.Match(line, @"^    ([A-Za-z]+)$");
            if (id.Success)
            {
                current = id.Groups[1].Value;
                entries[current] = string.Empty;
            }
            else if (current != null && line.StartsWith("        ", StringComparison.Ordinal))
            {
                entries[current] += line.Trim() + " ";
            }
            else
            {
                current = null;
            }
        }

        return entries;
    }
}
