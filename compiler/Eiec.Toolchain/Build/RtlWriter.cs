using Eiec.Contract.Config;
using Eiec.Hdl;
using Eiec.Hdl.Vendor;

namespace Eiec.Toolchain.Build;

/// <summary>
/// Writes the generated Verilog for a configuration into a directory (out/rtl/), with the name prefix and
/// vendor flows <paramref name="options"/> asks for (rtl/vivado/, rtl/quartus/, rtl/TOP.core); part of a build.
/// </summary>
internal static class RtlWriter
{
    /// <returns>The names of the files written ('/'-separated below <paramref name="directory"/>).</returns>
    public static IReadOnlyList<string> Write(
        AccelConfig config, string configName, string directory, RtlOptions? options = null, bool outputMap = false)
    {
        options ??= RtlOptions.Default;
        var verilog = VerilogGenerator.Generate(config, configName, options.Prefix, outputMap,
            options.EffectiveMultiplier);
        var files = verilog.Concat(VendorFlows.Generate(config, configName, options, verilog));
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var file in files)
        {
            // Vendor files carry a '/'-separated subdirectory (vivado/build.tcl).
            var path = Path.Combine(directory, file.Name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            written.Add(file.Name);
        }
        return written;
    }
}
