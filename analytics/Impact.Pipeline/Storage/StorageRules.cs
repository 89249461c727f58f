using System.Text;
using System.Text.RegularExpressions;

namespace Impact.Pipeline.Storage;

/// <summary>
/// The naming and value rules both adapters enforce before touching storage, so that a name or a
/// value one adapter takes the other takes too. Azure's own rules are the base
/// (https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata,
/// .../understanding-the-table-service-data-model, .../naming-queues-and-metadata); blob names are
/// further limited to what maps safely onto a folder. Every violation is an <see cref="ArgumentException"/>
/// thrown by <see cref="Invalid"/>, with a message that says what is valid.
/// </summary>
internal static partial class StorageRules
{
    private const int MaxBlobNameLength = 1024;
    private const int MaxPropertyNameLength = 255;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void CheckContainer(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!ContainerPattern().IsMatch(container))
        {
            throw Invalid(nameof(container), $"Container name '{container}' is not valid: use 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (or '$web', '$root', '$logs').");
        }
    }

    public static void CheckTable(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!TablePattern().IsMatch(table) || string.Equals(table, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(nameof(table), $"Table name '{table}' is not valid: use 3 to 63 ASCII letters and digits, starting with a letter ('tables' is reserved).");
        }
    }

    public static void CheckQueue(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (!QueuePattern().IsMatch(queue))
        {
            throw Invalid(nameof(queue), $"Queue name '{queue}' is not valid: use 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }
    }

    /// <summary>
    /// A blob name is a relative '/'-separated path: 1 to 1024 characters, no leading '/', no '\',
    /// no control characters, and no empty, '.' or '..' segment.
    /// </summary>
    public static void CheckBlobName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (BlobNameProblem(name) is { } problem)
        {
            throw Invalid(nameof(name), $"Blob name '{name}' is not valid because {problem}: use a relative path of 1 to {MaxBlobNameLength} characters with '/' between non-empty segments, none of them '.' or '..', and no '\\' or control character.");
        }
    }

    /// <summary>Why <paramref name="name"/> is not a valid blob name, or null when it is.</summary>
    public static string? BlobNameProblem(string name)
    {
        string? problem = name switch
        {
            "" => "it is empty",
            { Length: > MaxBlobNameLength } => $"it is longer than {MaxBlobNameLength} characters",
            _ when name.StartsWith('/') => "it is absolute (starts with '/')",
            _ when name.Contains('\\', StringComparison.Ordinal) => "it contains '\\'",
            _ when name.Any(char.IsControl) => "it contains a control character",
            _ => null,
        };
        if (problem is not null)
        {
            return problem;
        }

        foreach (var segment in name.Split('/'))
        {
            problem = segment switch
            {
                "" => "it has an empty segment (a trailing or doubled '/')",
                "." or ".." => $"it has a '{segment}' segment",
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    public static void CheckRow(TableRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        CheckKey(row.PartitionKey, nameof(row.PartitionKey));
        CheckKey(row.RowKey, nameof(row.RowKey));
        ArgumentNullException.ThrowIfNull(row.Properties, nameof(row));
        foreach (var (name, value) in row.Properties)
        {
            CheckPropertyName(name);
            if (value is not (null or string or int or long or double or bool or DateTimeOffset))
            {
                throw Invalid(nameof(row), $"Property '{name}' has type {value.GetType().Name}: a table row holds only string, int, long, double, bool and DateTimeOffset values (or null, which is not stored).");
            }
        }
    }

    /// <summary>
    /// A partition or row key: any well-formed text without '/', '\', '#', '?' or control characters
    /// (U+0000 to U+001F, U+007F to U+009F), which Azure Table storage refuses in keys.
    /// </summary>
    public static void CheckKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.AsSpan().IndexOfAny("/\\#?") >= 0 || key.Any(char.IsControl))
        {
            throw Invalid(paramName, $"Key '{key}' is not valid: keys may not contain '/', '\\', '#', '?' or control characters.");
        }

        try
        {
            _ = StrictUtf8.GetByteCount(key);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"Key '{key}' is not valid: it contains an unpaired surrogate character.", paramName, e);
        }
    }

    private static void CheckPropertyName(string name)
    {
        if (name is null || !PropertyNamePattern().IsMatch(name) || name is "PartitionKey" or "RowKey" or "Timestamp" or "ETag")
        {
            throw Invalid("row", $"Property name '{name}' is not valid: use 1 to {MaxPropertyNameLength} ASCII letters, digits and '_', not starting with a digit; PartitionKey, RowKey, Timestamp and ETag are reserved.");
        }
    }

    /// <summary>The one place argument errors are made.</summary>
    public static ArgumentException Invalid(string paramName, string message) => new(message, paramName);

    [GeneratedRegex(@"^(?:\$web|\$root|\$logs|[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62})\z", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{2,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TablePattern();

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex QueuePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,254}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyNamePattern();
}
