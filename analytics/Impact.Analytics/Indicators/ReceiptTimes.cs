namespace Impact.Analytics.Indicators;

/// <summary>
/// Finds receipt times that are not real (docs/indicators.md, "Receipt times that are not known"). On a folder a file's
/// time is its receipt time; a folder that was copied, cloned or exported loses those times: every file then carries the
/// time of the copy (every return looks late) or one fixed time. A receipt time is <b>unknown</b> when
/// <list type="number">
/// <item>it is before the first day of the return's quarter (no return is sent before its quarter has begun: the epoch
/// times of some archives), or</item>
/// <item>it falls in a <b>burst</b>: a span of <see cref="BurstWindow"/> (one hour) in which at least
/// <see cref="BurstWorkshops"/> workshops each have uploads of at least <see cref="BurstQuarters"/> different quarters.
/// A workshop catching up on several missed returns at once is genuinely late and stays so; a whole folder written in
/// one go is not a day of uploads.</item>
/// </list>
/// Pure and deterministic; marking twice changes nothing.
/// </summary>
public static class ReceiptTimes
{
    /// <summary>The span of a burst.</summary>
    public static readonly TimeSpan BurstWindow = TimeSpan.FromHours(1);

    /// <summary>Workshops with several quarters in one span that make it a burst.</summary>
    public const int BurstWorkshops = 2;

    /// <summary>Different quarters one workshop must have uploaded within the span to count.</summary>
    public const int BurstQuarters = 3;

    /// <summary>
    /// The uploads with <see cref="ReceivedReturn.TimeKnown"/> set to false where the rule above finds the time lost, in
    /// the order given; uploads already marked stay marked.
    /// </summary>
    public static IReadOnlyList<ReceivedReturn> Mark(IReadOnlyList<ReceivedReturn> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var unknown = new bool[received.Count];
        for (var i = 0; i < received.Count; i++)
        {
            var r = received[i];
            unknown[i] = !r.TimeKnown || r.ReceivedAt < new DateTimeOffset(r.Quarter.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        // A sliding window over the uploads in time order, counting per workshop the distinct quarters in the window.
        var order = Enumerable.Range(0, received.Count).OrderBy(i => received[i].ReceivedAt).ThenBy(i => i).ToArray();
        var quarters = new Dictionary<string, Dictionary<Quarter, int>>(StringComparer.Ordinal);
        var busy = 0;
        var marks = new int[order.Length + 1];
        var start = 0;
        for (var end = 0; end < order.Length; end++)
        {
            busy += Add(quarters, received[order[end]], +1);
            while (received[order[end]].ReceivedAt - received[order[start]].ReceivedAt > BurstWindow)
            {
                busy += Add(quarters, received[order[start]], -1);
                start++;
            }

            if (busy >= BurstWorkshops)
            {
                // Every upload of the window [start, end] is in the burst (a difference array: O(n) overall).
                marks[start]++;
                marks[end + 1]--;
            }
        }

        var running = 0;
        for (var k = 0; k < order.Length; k++)
        {
            running += marks[k];
            unknown[order[k]] |= running > 0;
        }

        return [.. received.Select((r, i) => unknown[i] == !r.TimeKnown ? r : r with { TimeKnown = false })];
    }

    /// <summary>Adds or removes one upload from the window; returns the change in workshops having at least <see cref="BurstQuarters"/> quarters.</summary>
    private static int Add(Dictionary<string, Dictionary<Quarter, int>> window, ReceivedReturn upload, int delta)
    {
        if (!window.TryGetValue(upload.WorkshopId, out var counts))
        {
            counts = [];
            window[upload.WorkshopId] = counts;
        }

        var wasBusy = counts.Count >= BurstQuarters;
        var count = counts.GetValueOrDefault(upload.Quarter) + delta;
        if (count == 0)
        {
            counts.Remove(upload.Quarter);
        }
        else
        {
            counts[upload.Quarter] = count;
        }

        var isBusy = counts.Count >= BurstQuarters;
        return (isBusy ? 1 : 0) - (wasBusy ? 1 : 0);
    }
}
