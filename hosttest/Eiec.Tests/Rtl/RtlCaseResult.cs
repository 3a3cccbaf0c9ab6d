using Eiec.Contract.Image;
using Eiec.Golden;

namespace Eiec.Tests.Rtl;

/// <summary>
/// One checked RTL case: the image as read back from disk, the golden results per input, the RTL run.
/// </summary>
public sealed record RtlCaseResult(CompiledImage Image, GoldenResult[] Golden, RtlRun Rtl);
