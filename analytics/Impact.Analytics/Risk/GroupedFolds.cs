using System.Globalization;
using System.Text;

namespace Impact.Analytics.Risk;

/// <summary>
/// The fold of each workshop in the cross-validation, so that no workshop has rows in two folds (its quarters are
/// strongly alike: rows of one workshop in both training and test would flatter every figure). Workshops are ordered
/// by a 64-bit FNV-1a hash of "{seed}:{workshop_id}" (ties by identifier) and dealt round-robin: folds differ by one
/// workshop at most, and the same seed gives the same folds on every machine.
/// </summary>
internal static class GroupedFolds
{
    public static IReadOnlyDictionary<string, int> Assign(IEnumerable<string> workshopIds, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var ordered = workshopIds.Distinct(StringComparer.Ordinal)
            .Select(id => (Id: id, Hash: Fnv1a(string.Create(CultureInfo.InvariantCulture, $"{seed}:{id}"))))
            .OrderBy(x => x.Hash)
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .ToList();
        var assignment = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            assignment[ordered[i].Id] = i % folds;
        }

        return assignment;
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
