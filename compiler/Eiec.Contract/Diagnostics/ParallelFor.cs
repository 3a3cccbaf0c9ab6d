using System.Runtime.ExceptionServices;

namespace Eiec.Contract.Diagnostics;

/// <summary>
/// <see cref="Parallel.For(int, int, Action{int})"/> that surfaces a user error as itself rather
/// than wrapped in an <see cref="AggregateException"/>, so per-PE loops report like serial code.
/// </summary>
public static class ParallelFor
{
    public static void Run(int count, Action<int> body) => Run(count, body, -1);

    /// <summary>
    /// As <see cref="Run(int, Action{int})"/> on at most <paramref name="jobs"/> threads (−1: no limit).
    /// </summary>
    public static void Run(int count, Action<int> body, int jobs)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs };
        try { Parallel.For(0, count, options, body); }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is EiecException)
                ?? e.Flatten().InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
    }
}
