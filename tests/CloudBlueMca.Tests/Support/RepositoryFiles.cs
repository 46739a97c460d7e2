namespace CloudBlueMca.Tests.Support;

/// <summary>
/// Paths of files checked into the repository (docs, manifest, changelog), found from the test
/// binaries by walking up to the folder that holds CloudBlueMca.sln.
/// </summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    public static string Root => RootFolder.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CloudBlueMca.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds CloudBlueMca.sln.");
    }
}
