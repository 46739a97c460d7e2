namespace CloudBlueMca.Tests.Support;

/// <summary>Where the repository's files are, found from the test binaries upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudBlueMca.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CloudBlueMca.sln not found above " + AppContext.BaseDirectory);
    }
}
