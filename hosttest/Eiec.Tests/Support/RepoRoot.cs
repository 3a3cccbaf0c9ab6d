using System.Runtime.CompilerServices;

namespace Eiec.Tests.Support;

/// <summary>The repository root, for tests that use bundled files (examples, fixtures).</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find([CallerFilePath] string here = "")
    {
        foreach (var start in new[] { Environment.GetEnvironmentVariable("EIEC_REPO_ROOT"), System.IO.Path.GetDirectoryName(here), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = start; !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
                if (File.Exists(System.IO.Path.Combine(dir, "Toolchain.sln"))) return dir;
        }
        throw new InvalidOperationException("cannot find the repository root (Toolchain.sln); set EIEC_REPO_ROOT");
    }
}
