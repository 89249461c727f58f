using System.Globalization;
using Impact.Analytics;
using Impact.Analytics.Csv;

namespace Impact.Web.Access;

/// <summary>
/// The ministry's mapping of accounts to roles (registry/accounts.csv, beside workshops.csv): columns
/// <c>account,role,scope</c>, where account is the e-mail or Entra object id the platform authenticates, role is
/// workshop, coach or ministry, and scope is the workshop_id (workshop), the coach_id (coach) or empty (ministry).
/// Like the registry, a malformed file is an operational error (<see cref="ImpactException"/>, problems listed in French).
/// </summary>
public sealed class AccountDirectory
{
    /// <summary>The blob name in the registry container.</summary>
    public const string BlobName = "accounts.csv";

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["account", "role", "scope"];

    private readonly Dictionary<string, Caller> _byAccount;

    private AccountDirectory(Dictionary<string, Caller> byAccount) => _byAccount = byAccount;

    /// <summary>Every account, in file order (the local sign-in page of <c>impact serve</c> lists them).</summary>
    public IReadOnlyList<Caller> Accounts { get; private init; } = [];

    /// <summary>An empty directory: nobody is known.</summary>
    public static AccountDirectory Empty { get; } = new(new Dictionary<string, Caller>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The caller for the first of <paramref name="accounts"/> listed (accounts compare ignoring case), or null.</summary>
    public Caller? Find(IEnumerable<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        foreach (var account in accounts)
        {
            if (_byAccount.TryGetValue(account, out var caller))
            {
                return caller;
            }
        }

        return null;
    }

    /// <summary>Reads accounts.csv (UTF-8, ',' or ';' delimited, header <c>account,role,scope</c>, RFC 4180 quoting) through <see cref="CsvTable"/>.</summary>
    /// <exception cref="ImpactException">The file is malformed; the message lists the problems in French.</exception>
    public static AccountDirectory Read(string csvText)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        var rows = CsvTable.Read(csvText, Columns, BlobName, allowSemicolon: true);
        var problems = new List<string>();
        var byAccount = new Dictionary<string, Caller>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, cells) in rows)
        {
            var (account, roleText, scope) = (cells["account"], cells["role"], cells["scope"]);
            Role? role = roleText.ToUpperInvariant() switch
            {
                "WORKSHOP" => Role.Workshop,
                "COACH" => Role.Coach,
                "MINISTRY" => Role.Ministry,
                _ => null,
            };
            if (account.Length == 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line} : compte vide"));
            }
            else if (role is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line} : rôle « {roleText} » invalide (workshop, coach ou ministry)"));
            }
            else if (role != Role.Ministry && scope.Length == 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line} : le rôle {roleText} demande un identifiant (manufacture ou coach) dans la colonne scope"));
            }
            else if (!byAccount.TryAdd(account, new Caller(account, role.Value, role == Role.Ministry ? string.Empty : scope)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"ligne {line} : le compte {account} apparaît plusieurs fois"));
            }
        }

        return problems.Count > 0
            ? throw new ImpactException($"Comptes d'accès : {string.Join(" ; ", problems)}.")
            : new AccountDirectory(byAccount) { Accounts = [.. rows.Select(r => byAccount[r.Cells["account"]])] };
    }
}
