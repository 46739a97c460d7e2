using System.Globalization;

namespace CloudBlueMca.Emulator.Aps.Rql;

/// <summary>
/// Parses the raw (still percent-encoded) query string of an APS collection GET. The text is first
/// split on the RQL punctuation <c>( ) , &amp; =</c> and only then are names and values
/// percent-decoded, so an escaped punctuation character inside a value can never change the
/// structure of the query.
/// </summary>
/// <remarks>
/// Supported: implementing, eq, ne, in, out, like, and, or, not, select, sort, limit, the typed
/// literals true(), false(), null(); top-level ',' and '&amp;' mean AND; FIQL <c>p=op=v</c> and plain
/// <c>p=v</c> (equality). Anything else is a syntax error rather than a silent guess.
/// </remarks>
public static class RqlParser
{
    private const string Punctuation = "(),&=";

    public static RqlQuery Parse(string? rawQuery)
    {
        var text = rawQuery ?? string.Empty;
        if (text.StartsWith("?", StringComparison.Ordinal))
        {
            text = text.Substring(1);
        }

        var syntax = new Scanner(text).ParseTopLevel();
        var terms = new List<RqlExpression>();
        var select = new List<string>();
        var sort = new List<RqlSortKey>();
        RqlLimit? limit = null;
        foreach (var node in syntax)
        {
            switch (node)
            {
                case Call { Name: "select" } call:
                    select.AddRange(call.Args.Select(a => Decode(RequireAtom(a, "select"))));
                    break;
                case Call { Name: "sort" } call:
                    sort.AddRange(call.Args.Select(a => ToSortKey(Decode(RequireAtom(a, "sort")))));
                    break;
                case Call { Name: "limit" } call:
                    if (limit is not null)
                    {
                        throw new RqlSyntaxException("limit() may appear only once.");
                    }

                    limit = ToLimit(call);
                    break;
                default:
                    terms.Add(ToExpression(node));
                    break;
            }
        }

        return new RqlQuery(terms, select, sort, limit);
    }

    private static RqlExpression ToExpression(Node node)
    {
        if (node is not Call call)
        {
            throw new RqlSyntaxException($"Expected a function such as eq(...) at position {node.Position}.");
        }

        switch (call.Name)
        {
            case "implementing":
                RequireArgumentCount(call, 1);
                return new RqlImplementing(Decode(RequireAtom(call.Args[0], call.Name)));
            case "eq":
                return ToSingleValueComparison(RqlOperator.Eq, call);
            case "ne":
                return ToSingleValueComparison(RqlOperator.Ne, call);
            case "like":
                return ToSingleValueComparison(RqlOperator.Like, call);
            case "in":
                return ToListComparison(RqlOperator.In, call);
            case "out":
                return ToListComparison(RqlOperator.Out, call);
            case "and":
                return new RqlAnd(RequireOperands(call).Select(ToExpression).ToList());
            case "or":
                return new RqlOr(RequireOperands(call).Select(ToExpression).ToList());
            case "not":
                RequireArgumentCount(call, 1);
                return new RqlNot(ToExpression(call.Args[0]));
            case "select":
            case "sort":
            case "limit":
                throw new RqlSyntaxException($"{call.Name}() is allowed only at the top level of the query.");
            default:
                throw new RqlSyntaxException($"The emulator does not support the RQL function '{call.Name}' (position {call.Position}).");
        }
    }

    private static RqlComparison ToSingleValueComparison(RqlOperator op, Call call)
    {
        RequireArgumentCount(call, 2);
        return new RqlComparison(op, Decode(RequireAtom(call.Args[0], call.Name)), new[] { ToValue(call.Args[1], call.Name) });
    }

    /// <summary>in(p,(a,b)) as APS documents it; in(p,a,b) as generic RQL writes it.</summary>
    private static RqlComparison ToListComparison(RqlOperator op, Call call)
    {
        if (call.Args.Count < 2)
        {
            throw new RqlSyntaxException($"{call.Name}() needs a property and a list of values (position {call.Position}).");
        }

        var values = call.Args.Count == 2 && call.Args[1] is Group group ? group.Items : call.Args.Skip(1).ToList();
        if (values.Count == 0)
        {
            throw new RqlSyntaxException($"{call.Name}() needs at least one value (position {call.Position}).");
        }

        return new RqlComparison(op, Decode(RequireAtom(call.Args[0], call.Name)), values.Select(v => ToValue(v, call.Name)).ToList());
    }

    private static RqlValue ToValue(Node node, string function)
    {
        switch (node)
        {
            case Atom atom:
                return new RqlValue(RqlValueKind.Text, Decode(atom), atom.Raw);
            case Call { Args.Count: 0, Name: "true" } literal:
                return new RqlValue(RqlValueKind.True, "true", literal.Name + "()");
            case Call { Args.Count: 0, Name: "false" } literal:
                return new RqlValue(RqlValueKind.False, "false", literal.Name + "()");
            case Call { Args.Count: 0, Name: "null" } literal:
                return new RqlValue(RqlValueKind.Null, "null", literal.Name + "()");
            default:
                throw new RqlSyntaxException($"{function}() expects a value at position {node.Position}; escape reserved characters in values.");
        }
    }

    private static RqlSortKey ToSortKey(string key)
    {
        if (key.StartsWith("-", StringComparison.Ordinal))
        {
            return new RqlSortKey(RequireName(key.Substring(1), "sort"), Descending: true);
        }

        return new RqlSortKey(RequireName(key.StartsWith("+", StringComparison.Ordinal) ? key.Substring(1) : key, "sort"), Descending: false);
    }

    /// <summary>
    /// Only limit(offset,count) is accepted: the sources disagree on what limit(n) means
    /// (reference §3), so a client relying on either reading is told so instead of being guessed at.
    /// </summary>
    private static RqlLimit ToLimit(Call call)
    {
        if (call.Args.Count != 2)
        {
            throw new RqlSyntaxException("limit() needs two arguments: limit(offset,count).");
        }

        var numbers = call.Args.Select(a => int.TryParse(Decode(RequireAtom(a, "limit")), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToList();
        if (numbers.Any(n => n < 0))
        {
            throw new RqlSyntaxException("limit(offset,count) takes two non-negative integers.");
        }

        return new RqlLimit(numbers[0], numbers[1]);
    }

    private static IReadOnlyList<Node> RequireOperands(Call call)
    {
        if (call.Args.Count == 0)
        {
            throw new RqlSyntaxException($"{call.Name}() needs at least one operand (position {call.Position}).");
        }

        return call.Args;
    }

    private static void RequireArgumentCount(Call call, int count)
    {
        if (call.Args.Count != count)
        {
            throw new RqlSyntaxException($"{call.Name}() takes {count} argument(s) but got {call.Args.Count} (position {call.Position}).");
        }
    }

    private static Atom RequireAtom(Node node, string function) =>
        node as Atom ?? throw new RqlSyntaxException($"{function}() expects a name or value at position {node.Position}, not a nested expression.");

    private static string RequireName(string name, string function) =>
        name.Length > 0 ? name : throw new RqlSyntaxException($"{function}() has an empty property name.");

    private static string Decode(Atom atom) => PercentEncoding.Decode(atom.Raw, plusIsSpace: false);

    private abstract record Node(int Position);

    /// <summary>A run of characters between punctuation, still percent-encoded.</summary>
    private sealed record Atom(string Raw, int Position) : Node(Position);

    private sealed record Call(string Name, IReadOnlyList<Node> Args, int Position) : Node(Position);

    /// <summary>A parenthesised list, e.g. the values of in(p,(a,b)).</summary>
    private sealed record Group(IReadOnlyList<Node> Items, int Position) : Node(Position);

    private sealed class Scanner
    {
        private readonly string _text;
        private int _position;

        public Scanner(string text)
        {
            _text = text;
        }

        public List<Node> ParseTopLevel()
        {
            var terms = new List<Node>();
            if (_text.Length == 0)
            {
                return terms;
            }

            while (true)
            {
                terms.Add(ParseArgument());
                if (AtEnd)
                {
                    return terms;
                }

                var separator = _text[_position];
                if (separator != ',' && separator != '&')
                {
                    throw Unexpected();
                }

                _position++;
            }
        }

        private bool AtEnd => _position >= _text.Length;

        private Node ParseArgument()
        {
            var start = _position;
            if (!AtEnd && _text[_position] == '(')
            {
                _position++;
                return new Group(ParseList(), start);
            }

            var atom = ReadAtom();
            if (!AtEnd && _text[_position] == '(')
            {
                if (atom.Length == 0)
                {
                    throw Unexpected();
                }

                _position++;
                return new Call(PercentEncoding.Decode(atom, plusIsSpace: false), ParseList(), start);
            }

            if (!AtEnd && _text[_position] == '=')
            {
                return ParseFiql(atom, start);
            }

            return new Atom(atom, start);
        }

        /// <summary>FIQL: <c>p=op=value</c> is op(p,value); plain <c>p=value</c> is eq(p,value).</summary>
        private Node ParseFiql(string property, int start)
        {
            _position++;
            var valueStart = _position;
            var op = ReadAtom();
            if (!AtEnd && _text[_position] == '=')
            {
                _position++;
                return new Call(PercentEncoding.Decode(op, plusIsSpace: false), new[] { new Atom(property, start), ParseArgument() }, start);
            }

            _position = valueStart;
            return new Call("eq", new[] { new Atom(property, start), ParseArgument() }, start);
        }

        /// <summary>Reads arguments up to and including the closing ')'.</summary>
        private List<Node> ParseList()
        {
            var items = new List<Node>();
            if (!AtEnd && _text[_position] == ')')
            {
                _position++;
                return items;
            }

            while (true)
            {
                items.Add(ParseArgument());
                if (AtEnd)
                {
                    throw new RqlSyntaxException("The query ends before a ')' that closes an earlier '('.");
                }

                var c = _text[_position++];
                if (c == ')')
                {
                    return items;
                }

                if (c != ',')
                {
                    _position--;
                    throw Unexpected();
                }
            }
        }

        private string ReadAtom()
        {
            var start = _position;
            while (!AtEnd && Punctuation.IndexOf(_text[_position]) < 0)
            {
                _position++;
            }

            return _text.Substring(start, _position - start);
        }

        private RqlSyntaxException Unexpected() =>
            new($"Unexpected '{_text[_position]}' at position {_position} of the query; escape reserved characters in values (e.g. ')' as %29).");
    }
}
