using System.Globalization;
using System.Text;

namespace Impact.Infra.Tests;

/// <summary>
/// A parsed ARM template language expression (the text between the brackets of "[...]"): string and number
/// literals, function calls, property access and indexing. Enough to read what Bicep compiles to.
/// </summary>
internal abstract record ArmNode
{
    /// <summary>The expression written back in a normalized form (single spaces after commas).</summary>
    public abstract override string ToString();
}

internal sealed record ArmLiteral(object Value) : ArmNode
{
    public string? AsString => Value as string;

    public override string ToString() => Value is string s ? $"'{s.Replace("'", "''", StringComparison.Ordinal)}'" : Convert.ToString(Value, CultureInfo.InvariantCulture)!;
}

internal sealed record ArmCall(string Name, IReadOnlyList<ArmNode> Arguments) : ArmNode
{
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The string literal of a one-argument call such as parameters('x') or variables('x').</summary>
    public string? SingleStringArgument => Arguments is [ArmLiteral { Value: string s }] ? s : null;

    public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
}

internal sealed record ArmMember(ArmNode Target, string Name) : ArmNode
{
    public override string ToString() => $"{Target}.{Name}";
}

internal sealed record ArmIndex(ArmNode Target, ArmNode Index) : ArmNode
{
    public override string ToString() => $"{Target}[{Index}]";
}

internal static class ArmExpression
{
    /// <summary>True for a JSON string value that ARM evaluates as an expression ("[...]", but not the escaped "[[...").</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && value[1] != '[';

    /// <summary>Parses the value of a template string: an expression, or a plain string as a literal.</summary>
    public static ArmNode ParseValue(string value) =>
        IsExpression(value) ? Parse(value[1..^1]) : new ArmLiteral(value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value);

    /// <summary>Parses an expression (without the brackets).</summary>
    public static ArmNode Parse(string text)
    {
        var parser = new Parser(text);
        var node = parser.Expression();
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw new FormatException($"Unexpected text at {parser.Position} in expression: {text}");
        }

        return node;
    }

    /// <summary>Every node of the tree, the root first.</summary>
    public static IEnumerable<ArmNode> Descendants(this ArmNode node)
    {
        yield return node;
        var children = node switch
        {
            ArmCall call => call.Arguments,
            ArmMember member => [member.Target],
            ArmIndex index => [index.Target, index.Index],
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Descendants))
        {
            yield return descendant;
        }
    }

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        public ArmNode Expression()
        {
            SkipSpace();
            var node = Primary();
            while (true)
            {
                SkipSpace();
                if (Peek('.'))
                {
                    Position++;
                    node = new ArmMember(node, Identifier());
                }
                else if (Peek('['))
                {
                    Position++;
                    var index = Expression();
                    Expect(']');
                    node = new ArmIndex(node, index);
                }
                else
                {
                    return node;
                }
            }
        }

        private ArmNode Primary()
        {
            SkipSpace();
            if (Peek('\''))
            {
                return new ArmLiteral(StringLiteral());
            }

            if (!AtEnd && (char.IsDigit(text[Position]) || text[Position] == '-'))
            {
                var start = Position++;
                while (!AtEnd && char.IsDigit(text[Position]))
                {
                    Position++;
                }

                return new ArmLiteral(long.Parse(text[start..Position], CultureInfo.InvariantCulture));
            }

            var name = Identifier();
            SkipSpace();
            Expect('(');
            var arguments = new List<ArmNode>();
            SkipSpace();
            if (!Peek(')'))
            {
                arguments.Add(Expression());
                SkipSpace();
                while (Peek(','))
                {
                    Position++;
                    arguments.Add(Expression());
                    SkipSpace();
                }
            }

            Expect(')');
            return new ArmCall(name, arguments);
        }

        private string StringLiteral()
        {
            Expect('\'');
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw new FormatException($"Unterminated string in expression: {text}");
                }

                var c = text[Position++];
                if (c != '\'')
                {
                    builder.Append(c);
                }
                else if (Peek('\''))
                {
                    builder.Append('\'');
                    Position++;
                }
                else
                {
                    return builder.ToString();
                }
            }
        }

        private string Identifier()
        {
            SkipSpace();
            var start = Position;
            while (!AtEnd && (char.IsLetterOrDigit(text[Position]) || text[Position] is '_' or '$'))
            {
                Position++;
            }

            if (start == Position)
            {
                throw new FormatException($"Identifier expected at {start} in expression: {text}");
            }

            return text[start..Position];
        }

        private bool Peek(char c) => !AtEnd && text[Position] == c;

        private void Expect(char c)
        {
            SkipSpace();
            if (!Peek(c))
            {
                throw new FormatException($"'{c}' expected at {Position} in expression: {text}");
            }

            Position++;
        }
    }
}
