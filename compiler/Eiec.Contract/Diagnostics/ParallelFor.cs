using System.Runtime.ExceptionServices;

namespace Eiec.Contract.Diagnostics;

/// <summary>
/// <see cref="Parallel.For(int, int, Action{int})"/> that surfaces a user error as itself rather
/// than wrapped in an <see cref="AggregateException"/>, so per-PE loops report like serial code.
/// </summary>
public static class ParallelFor
{
    public static void Run(int count, Action<int> body)
    {
        try { Parallel.For(0, count, body); }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is EiecException)
                ?? e.Flatten().InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
    }
}
