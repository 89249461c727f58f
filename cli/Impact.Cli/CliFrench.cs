using System.Text.RegularExpressions;

namespace Impact.Cli;

/// <summary>
/// The French of the command-line library's texts that its French resources leave in English (System.CommandLine
/// 3.0.0 translates only part of them): the help's "(REQUIRED)", "[default: …]" and help option, and the parse
/// errors users meet. Anything not listed here passes through unchanged.
/// </summary>
internal static partial class CliFrench
{
    /// <summary>The help option's description.</summary>
    public const string HelpDescription = "Affiche l'aide et la façon d'utiliser la commande";

    /// <summary>The help text, in French ("(requise) " keeps the width of "(REQUIRED)", so that the columns stay aligned).</summary>
    public static string Help(string text) =>
        DefaultValue().Replace(text.Replace("(REQUIRED)", "(requise) ", StringComparison.Ordinal), "[par défaut : $1]");

    /// <summary>A parse error, in French.</summary>
    public static string Error(string message)
    {
        foreach (var (pattern, french) in Errors)
        {
            var match = pattern.Match(message);
            if (match.Success)
            {
                return pattern.Replace(message, french);
            }
        }

        return message;
    }

    /// <summary>
    /// An option the command does not have, in French, with the nearest of <paramref name="known"/> when one is close
    /// (a typing slip: at most two letters apart).
    /// </summary>
    public static string UnknownOption(string token, string command, IEnumerable<string> known)
    {
        var written = token.Split('=', 2)[0];
        var nearest = known.Distinct(StringComparer.Ordinal)
            .Select(k => (Name: k, Distance: Distance(written, k)))
            .Where(k => k.Distance <= 2)
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => k.Name)
            .FirstOrDefault();
        return nearest is null
            ? $"« {command} » n'a pas d'option {written}."
            : $"« {command} » n'a pas d'option {written} : vouliez-vous dire {nearest} ?";
    }

    /// <summary>Levenshtein distance: the fewest letters to insert, delete or change to go from one text to the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>
    /// A file-system error in French, with the path .NET names in its (English) message: "Could not find a part of
    /// the path '/no/such/t.csv'." → "le dossier de /no/such/t.csv n'existe pas.".
    /// </summary>
    public static string Io(Exception error)
    {
        var path = QuotedPath().Match(error.Message) is { Success: true } m ? m.Groups[1].Value : null;
        var where = path is null ? "" : " : " + path;
        return error switch
        {
            FileNotFoundException notFound => $"fichier introuvable : {notFound.FileName ?? path ?? "(chemin inconnu)"}.",
            DirectoryNotFoundException => path is null ? "un dossier du chemin donné n'existe pas." : $"le dossier de {path} n'existe pas.",
            UnauthorizedAccessException => $"accès refusé{where}. Vérifiez les droits sur ce fichier ou ce dossier.",
            PathTooLongException => $"chemin trop long{where}.",
            _ => $"lecture ou écriture impossible{where}. Vérifiez le chemin, la place libre sur le disque et que le fichier n'est pas ouvert ailleurs.",
        };
    }

    [GeneratedRegex("'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPath();

    private static readonly (Regex Pattern, string French)[] Errors =
    [
        (new Regex("^Option '(.+)' is required\\.$", RegexOptions.CultureInvariant), "l'option $1 est obligatoire."),
        (new Regex("^Option '(.+)' expects a single argument but (\\d+) were provided\\.$", RegexOptions.CultureInvariant), "l'option $1 attend une seule valeur, $2 ont été données."),
        (new Regex("^Cannot parse argument '(.*)' for option '(.+)' as expected type '(.+)'\\..*$", RegexOptions.CultureInvariant | RegexOptions.Singleline), "la valeur « $1 » de l'option $2 n'est pas valable."),
        (new Regex("^Cannot parse argument '(.*)' for command '(.+)' as expected type '(.+)'\\..*$", RegexOptions.CultureInvariant | RegexOptions.Singleline), "la valeur « $1 » n'est pas valable pour la commande $2."),
        (new Regex("^Cannot parse argument '(.*)' as expected type '(.+)'\\.$", RegexOptions.CultureInvariant), "la valeur « $1 » n'est pas valable."),
        (new Regex("^'(.+)' was not matched\\. Did you mean one of the following\\?(.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline), "« $1 » n'est pas une commande connue. Vouliez-vous dire :$2"),
        (new Regex("^(.+) option cannot be combined with other arguments\\.$", RegexOptions.CultureInvariant), "l'option $1 ne se combine pas avec d'autres arguments."),
        (new Regex("^Character not allowed in a (?:file name|path): '(.+)'\\.$", RegexOptions.CultureInvariant), "caractère interdit dans un chemin : « $1 »."),
    ];

    [GeneratedRegex("\\[default: ([^\\]]*)\\]", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultValue();
}
