namespace Tango.Tests.CliVerbs;

/// <summary>The shared data sets live beside the repository, in ../shared/data.</summary>
internal static class SharedData
{
    public static string File(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", "data", .. parts]);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"No shared/data/{string.Join('/', parts)} above {AppContext.BaseDirectory}");
    }
}
