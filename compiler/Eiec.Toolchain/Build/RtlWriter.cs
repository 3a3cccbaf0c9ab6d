using Eiec.Contract.Config;
using Eiec.Hdl;

namespace Eiec.Toolchain.Build;

/// <summary>Writes the generated Verilog for a configuration into a directory (out/rtl/); part of a build.</summary>
internal static class RtlWriter
{
    public static void Write(AccelConfig config, string configName, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in VerilogGenerator.Generate(config, configName))
            File.WriteAllText(Path.Combine(directory, file.Name), file.Text);
    }
}
