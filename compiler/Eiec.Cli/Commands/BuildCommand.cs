using System.CommandLine;

namespace Eiec.Cli.Commands;

/// <summary>`eiec build model.cz --pes N [-c accel.yaml] -o out/`.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var command = new Command("build", "Compile a .cz model into an EIE image (memory hex files, manifest, report, RTL)");
        command.SetAction(_ => 0);
        return command;
    }
}
