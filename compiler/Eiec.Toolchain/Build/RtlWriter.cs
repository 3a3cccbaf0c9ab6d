using Eiec.Contract.Config;
using Eiec.Hdl;

namespace Eiec.Toolchain.Build;

/// <summary>Writes the generated Verilog for a configuration into a directory (out/rtl/); part of a build.</summary>
internal static class RtlWriter
{
    /// <returns>The names of the files written.</returns>
    public static IReadOnlyList<string> Write(AccelConfig config, string configName, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = VerilogGenerator.Generate(config, configName);
        foreach (var file in files)
            File.WriteAllText(Path.Combine(directory, file.Name), file.Text);
        return files.Select(f => f.Name).ToList();
    }
}
