using System.Text.RegularExpressions;
using CloudBlueMca.Tests.Docs;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Contract;

public class ModuleManifestTests
{
    [Fact]
    public void CmdletsToExportAreExactlyTheCmdletClasses()
    {
        var exported = ManifestFile.TemplateCmdletsToExport();
        var classes = CmdletContract.All.Select(c => c.Name).ToList();
        var problems = new List<string>();
        problems.AddRange(exported.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"'{g.Key}' is listed twice in CmdletsToExport"));
        problems.AddRange(exported.Except(classes).Select(n => $"CmdletsToExport lists '{n}', but the CloudBlueMca assembly has no [Cmdlet] class for it"));
        problems.AddRange(classes.Except(exported).Select(n => $"[Cmdlet] class '{n}' is not in CmdletsToExport, so Import-Module would hide it"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheBuiltManifestCarriesThisVersionAndItsChangelogSection()
    {
        var version = ModuleVersion;
        var built = File.ReadAllText(RepositoryFiles.PathOf("out", "CloudBlueMca", "CloudBlueMca.psd1")).Replace("\r\n", "\n");

        Assert.DoesNotContain("{{", built, StringComparison.Ordinal);
        Assert.Contains($"ModuleVersion          = '{version}'", built, StringComparison.Ordinal);
        var header = built.TrimStart('\uFEFF').Split('\n').TakeWhile(l => !l.StartsWith("@{", StringComparison.Ordinal)).ToList();
        Assert.All(header, l => Assert.StartsWith("#", l));

        var notes = Regex.Match(built, @"ReleaseNotes = @'\n(?<notes>.*?)\n'@", RegexOptions.Singleline);
        Assert.True(notes.Success, "The built manifest has no ReleaseNotes here-string.");
        Assert.Equal(ChangelogSection(version), notes.Groups["notes"].Value);
    }

    /// <summary>
    /// The stamped manifest is read by Windows PowerShell 5.1 and PowerShell 7 alike, so it keeps
    /// to what both tokenizers need: a UTF-8 byte order mark (without one 5.1 reads the file as
    /// ANSI), '@' followed by nothing but blanks on its line, the body ending at the first line that
    /// starts with '@ in column 0 (a line that starts with '@ inside the notes would end them early),
    /// and balanced quotes on every other line.
    /// </summary>
    [Fact]
    public void TheStampedReleaseNotesAreAHereStringBothPowerShellsParse()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.PathOf("out", "CloudBlueMca", "CloudBlueMca.psd1"));
        Assert.True(bytes.Length > 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "The built manifest has no UTF-8 byte order mark.");
        var lines = Regex.Split(System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), "\r\n|\n|\r");

        var headers = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("@'", StringComparison.Ordinal) || lines[i].Contains("@\"", StringComparison.Ordinal)).ToList();
        Assert.True(headers.Count == 1, $"Expected exactly one here-string header, found {headers.Count}.");
        var header = headers[0];
        Assert.Matches(@"^\s*ReleaseNotes\s*=\s*@'[ \t]*$", lines[header]);

        var terminator = Array.FindIndex(lines, header + 1, l => l.StartsWith("'@", StringComparison.Ordinal));
        Assert.True(terminator > header + 1, "The ReleaseNotes here-string has no terminating line starting with '@, or an empty body.");
        Assert.Matches(@"^'@\s*$", lines[terminator]);
        Assert.DoesNotContain(lines.Skip(terminator + 1), l => l.StartsWith("'@", StringComparison.Ordinal));

        var version = ModuleVersion;
        Assert.Equal(ChangelogSection(version), string.Join("\n", lines[(header + 1)..terminator]));
        Assert.Equal(["}", "}", "}"], lines.Skip(terminator + 1).Select(l => l.Trim()).Where(l => l.Length > 0));

        var unbalanced = lines.Take(header + 1)
            .Select((line, i) => (Line: i + 1, Code: line.TrimStart()))
            .Where(l => !l.Code.StartsWith('#') && l.Code.Count(c => c == '\'') % 2 != 0 && !l.Code.EndsWith("@'", StringComparison.Ordinal))
            .Select(l => l.Line)
            .ToList();
        Assert.True(unbalanced.Count == 0, "Lines with an unbalanced single quote: " + string.Join(", ", unbalanced));
    }

    [Fact]
    public void TheChangelogHasASectionForThisVersion()
    {
        var version = ModuleVersion;
        Assert.Contains("### Added", ChangelogSection(version), StringComparison.Ordinal);
    }

    /// <summary>The one version number, as Directory.Build.props holds it.</summary>
    private static string ModuleVersion =>
        Regex.Match(File.ReadAllText(RepositoryFiles.PathOf("Directory.Build.props")), "<ModuleVersion>([^<]+)</ModuleVersion>").Groups[1].Value;

    private static string ChangelogSection(string version)
    {
        var lines = File.ReadAllText(RepositoryFiles.PathOf("CHANGELOG.md")).Replace("\r\n", "\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith($"## [{version}]", StringComparison.Ordinal));
        Assert.True(start >= 0, $"CHANGELOG.md has no '## [{version}]' section.");
        var body = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        return string.Join("\n", body).Trim();
    }
}
