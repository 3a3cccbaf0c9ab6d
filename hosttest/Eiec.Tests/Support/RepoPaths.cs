using System.Runtime.CompilerServices;

namespace Eiec.Tests.Support;

/// <summary>
/// Locates files kept in the repository (fixture scripts, docs). Tests may run from an artifacts
/// directory outside the repo, so several anchors are tried: this source file's compile-time path,
/// the working and base directories, and the EIEC_REPO_ROOT environment variable.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string FixtureScript(string name) => Path.Combine(Root, "hosttest", "fixtures", name);

    public static string Doc(string name) => Path.Combine(Root, "docs", name);

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        var anchors = new[]
        {
            Environment.GetEnvironmentVariable("EIEC_REPO_ROOT"),
            Path.GetDirectoryName(thisFile),
            Directory.GetCurrentDirectory(),
            AppContext.BaseDirectory,
        };
        foreach (var anchor in anchors)
        {
            for (var dir = string.IsNullOrEmpty(anchor) ? null : new DirectoryInfo(anchor);
                 dir is not null;
                 dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "hosttest", "fixtures", "make_cz_fixture.py")))
                    return dir.FullName;
        }
        throw new InvalidOperationException(
            "cannot find the repository root (looked for hosttest/fixtures/make_cz_fixture.py above " +
            string.Join(", ", anchors.Where(a => !string.IsNullOrEmpty(a))) + "); set EIEC_REPO_ROOT");
    }
}
