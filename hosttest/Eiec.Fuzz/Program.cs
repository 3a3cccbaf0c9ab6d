using Eiec.Tests.Fuzz;
using SharpFuzz;

// `dotnet Eiec.Fuzz.dll TARGET` under afl-fuzz: each input goes to one parser of FuzzTargets; a clean
// error (EiecException) is a normal outcome, any other exception escapes and AFL++ records a crash.
if (args.Length != 1 || !FuzzTargets.All.TryGetValue(args[0], out var parse))
{
    Console.Error.WriteLine($"usage: Eiec.Fuzz TARGET (one of: {string.Join(", ", FuzzTargets.All.Keys.Order())})");
    return 2;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    try
    {
        parse(buffer.ToArray());
    }
    catch (Exception e) when (FuzzTargets.IsClean(e))
    {
        // Rejected cleanly: what a hostile input should get.
    }
});
return 0;
