using System.Globalization;
using System.Text;

namespace Impact.Pipeline.Storage;

/// <summary>
/// Turns a partition key into a file name that is safe on every file system (case-insensitive ones,
/// Windows device names included) and back. Lowercase ASCII letters, digits and '-' stay as they are;
/// an uppercase letter becomes '_' and its lowercase (<c>W0001</c> gives <c>_w0001</c>); every other
/// character becomes '~' and two lowercase hex digits per UTF-8 byte (<c>é</c> gives <c>~c3~a9</c>).
/// The empty key is <c>~</c>. A result that would be a Windows device name (con, nul, com1...) has its
/// first character escaped (<c>con</c> gives <c>~63on</c>).
/// </summary>
internal static class PartitionKeyFileName
{
    /// <summary>Keeps <c>{encoded}.json</c> and its temporary sibling under the usual 255-byte file name limit.</summary>
    public const int MaxLength = 200;

    private const string Empty = "~";

    private static readonly string[] DeviceNames =
    [
        "con", "prn", "aux", "nul",
        "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];

    public static string Encode(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        if (partitionKey.Length == 0)
        {
            return Empty;
        }

        var builder = new StringBuilder(partitionKey.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in partitionKey.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            {
                builder.Append((char)value);
            }
            else if (value is >= 'A' and <= 'Z')
            {
                builder.Append('_').Append((char)(value - 'A' + 'a'));
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    builder.Append('~').Append(b.ToString("x2", CultureInfo.InvariantCulture));
                }
            }
        }

        if (DeviceNames.Contains(builder.ToString(), StringComparer.Ordinal))
        {
            var first = builder[0];
            builder.Remove(0, 1).Insert(0, "~" + ((int)first).ToString("x2", CultureInfo.InvariantCulture));
        }

        if (builder.Length > MaxLength)
        {
            throw StorageRules.Invalid(nameof(partitionKey), $"Partition key '{partitionKey}' is too long for the folder adapter: its file name would have {builder.Length} characters, at most {MaxLength} are allowed (each character outside a-z, 0-9 and '-' takes 2 to 12).");
        }

        return builder.ToString();
    }

    public static string Decode(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (fileName == Empty)
        {
            return "";
        }

        var bytes = new List<byte>(fileName.Length);
        for (var i = 0; i < fileName.Length; i++)
        {
            var c = fileName[i];
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            {
                bytes.Add((byte)c);
            }
            else if (c == '_' && i + 1 < fileName.Length && fileName[i + 1] is >= 'a' and <= 'z')
            {
                bytes.Add((byte)(fileName[++i] - 'a' + 'A'));
            }
            else if (c == '~' && i + 2 < fileName.Length
                && byte.TryParse(fileName.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                throw StorageRules.Invalid(nameof(fileName), $"'{fileName}' is not an encoded partition key: expected a-z, 0-9, '-', '_' before a lowercase letter, or '~' before two hex digits at position {i}.");
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
