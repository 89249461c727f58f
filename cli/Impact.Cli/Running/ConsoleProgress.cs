using Impact.Pipeline.Run;

namespace Impact.Cli.Running;

/// <summary>
/// Prints progress of long stages in French, one line per tenth done (not per item), synchronously and in
/// order (the standard Progress&lt;T&gt; posts to the thread pool and may print out of order).
/// </summary>
internal sealed class ConsoleProgress(TextWriter writer) : IProgress<RunProgress>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _lastTenth = new(StringComparer.Ordinal);

    public void Report(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
        lock (_gate)
        {
            if (tenth == 0 || (_lastTenth.TryGetValue(value.Stage, out var last) && last >= tenth))
            {
                return;
            }

            _lastTenth[value.Stage] = tenth;
            writer.WriteLine($"  {value.Stage} : {value.Done}/{value.Total} ({tenth * 10} %)");
        }
    }
}
