using System.Text.RegularExpressions;

namespace CloudBlueMca.Tests.Support;

/// <summary>
/// Reads the few values of the manifest template (CloudBlueMca.psd1) the tests compare with the
/// code. The manifest keeps one quoted name per line in its arrays, which is what this relies on;
/// without a PowerShell engine here the psd1 cannot be evaluated.
/// </summary>
public static class ManifestFile
{
    public static string TemplatePath => RepositoryFiles.PathOf("CloudBlueMca.psd1");

    public static IReadOnlyList<string> CmdletsToExport(string manifestText)
    {
        var match = Regex.Match(manifestText, @"^\s*CmdletsToExport\s*=\s*@\((?<items>[^)]*)\)", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException("The manifest has no 'CmdletsToExport = @(...)' array.");
        }

        return Regex.Matches(match.Groups["items"].Value, @"'(?<name>[^']+)'")
            .Select(m => m.Groups["name"].Value)
            .ToList();
    }

    public static IReadOnlyList<string> TemplateCmdletsToExport() => CmdletsToExport(File.ReadAllText(TemplatePath));
}
