namespace Impact.Functions.Access;

/// <summary>
/// Declares what an HTTP function does, so that access is decided once, before it runs, by <see cref="AccessMiddleware"/>
/// (the workshop is the route's <c>{id}</c>, when it has one). A function without it is public (the template).
/// </summary>
/// <param name="operation">What the function does.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAccessAttribute(Operation operation) : Attribute
{
    /// <summary>What the function does.</summary>
    public Operation Operation { get; } = operation;
}
