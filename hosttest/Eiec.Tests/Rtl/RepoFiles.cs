namespace Eiec.Tests.Rtl;

/// <summary>Files of the repository the RTL tests use, copied next to the test assembly by the project file.</summary>
public static class RepoFiles
{
    /// <summary>hosttest/tb/eie_tb.v (linked as tb/eie_tb.v in the output directory).</summary>
    public static string Testbench
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "tb", "eie_tb.v");
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path}: the testbench is missing from the test output " +
                    "(Eiec.Tests.csproj copies hosttest/tb/eie_tb.v there)");
            return path;
        }
    }
}
