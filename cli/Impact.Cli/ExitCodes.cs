namespace Impact.Cli;

/// <summary>The CLI's exit codes (ARCHITECTURE.md, "The CLI contract"): scripts depend on them.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for validate, the return is accepted.</summary>
    public const int Ok = 0;

    /// <summary>validate: the return is rejected.</summary>
    public const int Rejected = 1;

    /// <summary>Usage error (bad arguments) or I/O error (missing file, unreadable registry).</summary>
    public const int UsageOrIo = 2;

    /// <summary>An unexpected internal error (a bug): reported in one French line, details on request.</summary>
    public const int Internal = 3;
}
