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
        var version = Regex.Match(File.ReadAllText(RepositoryFiles.PathOf("Directory.Build.props")), "<ModuleVersion>([^<]+)</ModuleVersion>").Groups[1].Value;
        var built = File.ReadAllText(RepositoryFiles.PathOf("out", "CloudBlueMca", "CloudBlueMca.psd1")).Replace("\r\n", "\n");

        Assert.DoesNotContain("{{", built, StringComparison.Ordinal);
        Assert.Contains($"ModuleVersion          = '{version}'", built, StringComparison.Ordinal);
        var header = built.TrimStart('\uFEFF').Split('\n').TakeWhile(l => !l.StartsWith("@{", StringComparison.Ordinal)).ToList();
        Assert.All(header, l => Assert.StartsWith("#", l));

        var notes = Regex.Match(built, @"ReleaseNotes = @'\n(?<notes>.*?)\n'@", RegexOptions.Singleline);
        Assert.True(notes.Success, "The built manifest has no ReleaseNotes here-string.");
        Assert.Equal(ChangelogSection(version), notes.Groups["notes"].Value);
    }

    [Fact]
    public void TheChangelogHasASectionForThisVersion()
    {
        var version = Regex.Match(File.ReadAllText(RepositoryFiles.PathOf("Directory.Build.props")), "<ModuleVersion>([^<]+)</ModuleVersion>").Groups[1].Value;
        Assert.Contains("### Added", ChangelogSection(version), StringComparison.Ordinal);
    }

    private static string ChangelogSection(string version)
    {
        var lines = File.ReadAllText(RepositoryFiles.PathOf("CHANGELOG.md")).Replace("\r\n", "\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith($"## [{version}]", StringComparison.Ordinal));
        Assert.True(start >= 0, $"CHANGELOG.md has no '## [{version}]' section.");
        var body = lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        return string.Join("\n", body).Trim();
    }
}
