namespace CloudBlueMca.Emulator.Aps.Rql;

/// <summary>A filter in a parsed RQL query. Tests inspect these trees to check escaping.</summary>
public abstract class RqlExpression
{
    /// <summary>This node and every node below it, depth first.</summary>
    public abstract IEnumerable<RqlExpression> DescendantsAndSelf();
}

public enum RqlOperator
{
    Eq,
    Ne,
    In,
    Out,
    Like,
}

/// <summary>
/// eq/ne/like(property,value) or in/out(property,(v1,v2,...)). Values are percent-decoded after the
/// query was split on RQL punctuation, so an escaped ')' or ',' is part of the value.
/// </summary>
public sealed class RqlComparison : RqlExpression
{
    internal RqlComparison(RqlOperator op, string property, IReadOnlyList<RqlValue> values)
    {
        Operator = op;
        Property = property;
        Values = values;
        LikePattern = op == RqlOperator.Like ? RqlLikePattern.Compile(values[0].Raw) : null;
    }

    public RqlOperator Operator { get; }

    /// <summary>Dotted property path, e.g. <c>initial_subdomain</c>, <c>aps.status</c>, <c>account.id</c>.</summary>
    public string Property { get; }

    public IReadOnlyList<RqlValue> Values { get; }

    /// <summary>The compiled pattern of a like() comparison; null for the other operators.</summary>
    internal System.Text.RegularExpressions.Regex? LikePattern { get; }

    /// <summary>The decoded text of the first value (the only one for eq, ne and like).</summary>
    public string Value => Values[0].Text;

    public override IEnumerable<RqlExpression> DescendantsAndSelf() => new[] { this };

    public override string ToString() => $"{Operator.ToString().ToLowerInvariant()}({Property},{string.Join("|", Values.Select(v => v.Text))})";
}

/// <summary>implementing(typeId): the type itself, or (unversioned) any version of it.</summary>
public sealed class RqlImplementing : RqlExpression
{
    internal RqlImplementing(string typeId)
    {
        TypeId = typeId;
    }

    public string TypeId { get; }

    public override IEnumerable<RqlExpression> DescendantsAndSelf() => new[] { this };

    public override string ToString() => $"implementing({TypeId})";
}

/// <summary>and(...) or or(...): a list of operands.</summary>
public abstract class RqlJunction : RqlExpression
{
    private protected RqlJunction(string name, IReadOnlyList<RqlExpression> operands)
    {
        Name = name;
        Operands = operands;
    }

    public IReadOnlyList<RqlExpression> Operands { get; }

    private string Name { get; }

    public override IEnumerable<RqlExpression> DescendantsAndSelf() => new[] { this }.Concat(Operands.SelectMany(o => o.DescendantsAndSelf()));

    public override string ToString() => $"{Name}({string.Join(",", Operands)})";
}

public sealed class RqlAnd : RqlJunction
{
    internal RqlAnd(IReadOnlyList<RqlExpression> operands)
        : base("and", operands)
    {
    }
}

public sealed class RqlOr : RqlJunction
{
    internal RqlOr(IReadOnlyList<RqlExpression> operands)
        : base("or", operands)
    {
    }
}

public sealed class RqlNot : RqlExpression
{
    internal RqlNot(RqlExpression operand)
    {
        Operand = operand;
    }

    public RqlExpression Operand { get; }

    public override IEnumerable<RqlExpression> DescendantsAndSelf() => new[] { this }.Concat(Operand.DescendantsAndSelf());

    public override string ToString() => $"not({Operand})";
}
