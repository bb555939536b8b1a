using System;

namespace Ownership.Analyzers.Tool.Loading;

/// <summary>A failure the user can act on (no SDK, no project, a path that does not exist): printed without a stack trace.</summary>
internal sealed class ToolException : Exception
{
    public ToolException(string message)
        : base(message)
    {
    }
}
