using Eiec.Contract.Diagnostics;

namespace Eiec.Toolchain;

/// <summary>The <c>--jobs</c> setting shared by batch runs, simulations and sweeps.</summary>
public static class Jobs
{
    /// <summary>Null (every core) or at least 1; anything else is an error naming the option.</summary>
    public static void Check(int? jobs)
    {
        if (jobs is < 1) throw new EiecException($"--jobs {jobs}: must be at least 1");
    }
}
