namespace Impact.Analytics.FollowUp;

/// <summary>What a coach did about an alert.</summary>
public enum FollowUpAction
{
    /// <summary>Read and taken into account (« prise en compte »).</summary>
    Acknowledged,

    /// <summary>The workshop was contacted (« prise de contact »).</summary>
    ContactMade,

    /// <summary>A visit took place (« visite »).</summary>
    Visit,

    /// <summary>An action plan was agreed (« plan d'action »).</summary>
    ActionPlan,

    /// <summary>The alert is closed: nothing more to do (« clôturée »).</summary>
    Closed,
}

/// <summary>A follow-up of an alert, as recorded: never overwritten, each with who recorded it and when.</summary>
/// <param name="AlertId">The alert (<c>2024-Q3~MP-002~red</c>).</param>
/// <param name="Action">What was done.</param>
/// <param name="Date">When it was done (the coach's date).</param>
/// <param name="Note">The coach's note (text, stored as given, encoded on output), or empty.</param>
/// <param name="By">Who recorded it (the signed-in account).</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
public sealed record AlertFollowUp(string AlertId, FollowUpAction Action, DateOnly Date, string Note, string By, DateTimeOffset RecordedAt);

/// <summary>The spellings of follow-up actions: the API's keys and the French labels.</summary>
public static class FollowUpActions
{
    /// <summary>Longest note kept (characters).</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>The API key of an action: <c>acknowledged</c>, <c>contact_made</c>, <c>visit</c>, <c>action_plan</c>, <c>closed</c>.</summary>
    public static string Key(FollowUpAction action) => action switch
    {
        FollowUpAction.Acknowledged => "acknowledged",
        FollowUpAction.ContactMade => "contact_made",
        FollowUpAction.Visit => "visit",
        FollowUpAction.ActionPlan => "action_plan",
        FollowUpAction.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown follow-up action."),
    };

    /// <summary>The action of an API key, or null.</summary>
    public static FollowUpAction? Parse(string? key) => Enum.GetValues<FollowUpAction>().Cast<FollowUpAction?>().FirstOrDefault(a => Key(a!.Value) == key);

    /// <summary>The French label of an action.</summary>
    public static string French(FollowUpAction action) => action switch
    {
        FollowUpAction.Acknowledged => "Prise en compte",
        FollowUpAction.ContactMade => "Prise de contact",
        FollowUpAction.Visit => "Visite",
        FollowUpAction.ActionPlan => "Plan d'action convenu",
        FollowUpAction.Closed => "Alerte clôturée",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown follow-up action."),
    };
}
