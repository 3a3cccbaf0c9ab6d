using System.Diagnostics;
using System.Text.RegularExpressions;
using Eiec.Tests.Support;

namespace Eiec.Tests.Build;

/// <summary>
/// `make build` must rebuild bin/eiec whenever anything that goes into it changes, or `make lint`,
/// `make synth` and `make example` silently use stale RTL. The list the Makefile rebuilds from is
/// compared here with the files that actually go into the binary, found independently: every
/// source and project file, and every EmbeddedResource named in a project file.
/// </summary>
public partial class MakefileTests
{
    private static readonly string[] SharedBuildFiles =
        ["Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig"];

    [Fact]
    public void Should_rebuild_bin_eiec_When_any_source_template_or_embedded_file_changes()
    {
        var inputs = MakeInputs();
        var expected = new List<string>();
        foreach (var top in new[] { "compiler", "hdl", "sim" })
        {
            var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, top), "*", SearchOption.AllDirectories);
            foreach (var file in files)
            {
                var rel = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
                if (rel.Contains("/obj/") || rel.Contains("/bin/")) continue;
                if (rel.EndsWith(".cs") || rel.EndsWith(".csproj")) expected.Add(rel);
            }
        }
        expected.AddRange(EmbeddedResources());
        expected.Should().NotBeEmpty();
        expected.Should().Contain(f => f.EndsWith("eie_top.v"), "the Verilog templates are embedded resources");
        inputs.Should().Contain(expected.Distinct());
        inputs.Should().Contain(SharedBuildFiles);
    }

    [Fact]
    public void Should_report_work_to_do_When_a_verilog_template_is_newer_than_bin_eiec()
    {
        // -W pretends the template was just modified without touching it; -q exits 1 when the target is
        // out of date. With the template missing from the prerequisites this would depend only on
        // whether bin/eiec exists, so the test above is the strong check; this one runs make itself.
        var result = Make("-q", "-W", "hdl/Eiec.Hdl/Verilog/eie_top.v", "build");
        result.ExitCode.Should().Be(1, "make -q must report bin/eiec out of date after a template edit");
    }

    private static IEnumerable<string> EmbeddedResources()
    {
        foreach (var csproj in Directory.EnumerateFiles(RepoPaths.Root, "*.csproj", SearchOption.AllDirectories))
        {
            var dir = Path.GetDirectoryName(csproj)!;
            foreach (Match m in EmbeddedInclude().Matches(File.ReadAllText(csproj)))
            {
                var pattern = m.Groups[1].Value.Replace('\\', '/');
                var folder = Path.GetDirectoryName(pattern) ?? "";
                var files = Directory.EnumerateFiles(Path.Combine(dir, folder), Path.GetFileName(pattern));
                foreach (var f in files) yield return Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/');
            }
        }
    }

    private static List<string> MakeInputs()
    {
        var result = Make("-s", "--no-print-directory", "print-build-inputs");
        result.ExitCode.Should().Be(0, result.Output);
        return result.Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
    }

    private static (int ExitCode, string Output) Make(params string[] args)
    {
        var info = new ProcessStartInfo("make")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    [GeneratedRegex("<EmbeddedResource\\s+Include=\"([^\"]+)\"")]
    private static partial Regex EmbeddedInclude();
}
