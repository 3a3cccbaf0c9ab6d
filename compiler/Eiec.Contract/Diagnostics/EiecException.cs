namespace Eiec.Contract.Diagnostics;

/// <summary>
/// The one error type users see. The CLI prints <see cref="Exception.Message"/> alone (no stack
/// trace) and exits non-zero, so every message must name the file, layer and value at fault.
/// </summary>
public sealed class EiecException : Exception
{
    public EiecException(string message) : base(message) { }
    public EiecException(string message, Exception inner) : base(message, inner) { }
}
