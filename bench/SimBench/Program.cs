using Eiec.Bench;
using Eiec.Contract.Diagnostics;

// SimBench: times the cycle simulator on one of the EIE paper's Table III layers.
//   dotnet run -c Release --project bench/SimBench -- [--layer VGG-6] [--pes 64] [--fifo-depth 8]
//        [--repeat 5] [--image dir] [--config bench/eie-large.yaml] [--engine event|reference]
// Builds a seeded random model of the layer's shape and weight density once (into --image, kept, or
// a temporary directory), then K times: ImageReader.Read + simulate one seeded input at the layer's
// activation density. Prints each phase's wall time; the figure to quote is the best of K.
try
{
    return SimBenchmark.Run(args, Console.Out);
}
catch (EiecException e)
{
    Console.Error.WriteLine($"simbench: error: {e.Message}");
    return 1;
}
