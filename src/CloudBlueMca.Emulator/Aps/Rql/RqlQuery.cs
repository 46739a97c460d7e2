namespace CloudBlueMca.Emulator.Aps.Rql;

/// <summary>A parsed query: the filter terms (combined with AND) plus select, sort and limit.</summary>
public sealed class RqlQuery
{
    internal RqlQuery(IReadOnlyList<RqlExpression> terms, IReadOnlyList<string> select, IReadOnlyList<RqlSortKey> sort, RqlLimit? limit)
    {
        Terms = terms;
        Select = select;
        Sort = sort;
        Limit = limit;
    }

    /// <summary>Top-level filter terms; a resource matches when every term matches.</summary>
    public IReadOnlyList<RqlExpression> Terms { get; }

    /// <summary>Dotted paths from select(), in order.</summary>
    public IReadOnlyList<string> Select { get; }

    public IReadOnlyList<RqlSortKey> Sort { get; }

    public RqlLimit? Limit { get; }

    /// <summary>Every comparison anywhere in the filter, depth first.</summary>
    public IReadOnlyList<RqlComparison> Comparisons =>
        Terms.SelectMany(t => t.DescendantsAndSelf()).OfType<RqlComparison>().ToList();

    /// <summary>Every implementing() anywhere in the filter.</summary>
    public IReadOnlyList<RqlImplementing> Implementing =>
        Terms.SelectMany(t => t.DescendantsAndSelf()).OfType<RqlImplementing>().ToList();
}

public sealed record RqlSortKey(string Property, bool Descending);

public sealed record RqlLimit(int Offset, int Count);
