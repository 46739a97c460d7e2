using System.Collections.Generic;
using System.Linq;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary>
    /// Builds RQL terms: <c>Rql.Implementing(tenantType)</c>, <c>Rql.Eq("initial_subdomain", value)</c>,
    /// <c>Rql.In("ms_account_id", ids)</c>... Values are escaped, names validated.
    /// </summary>
    internal static class Rql
    {
        public static RqlNode Implementing(string typeId) => new RqlImplementing(typeId);

        public static RqlNode Eq(string property, RqlValue value) => new RqlComparison("eq", property, value);

        public static RqlNode Ne(string property, RqlValue value) => new RqlComparison("ne", property, value);

        public static RqlNode In(string property, IEnumerable<string> values) => new RqlMembership("in", property, values.Select(RqlValue.Text));

        public static RqlNode In(string property, IEnumerable<long> values) => new RqlMembership("in", property, values.Select(RqlValue.Number));

        public static RqlNode Out(string property, IEnumerable<string> values) => new RqlMembership("out", property, values.Select(RqlValue.Text));

        public static RqlNode Out(string property, IEnumerable<long> values) => new RqlMembership("out", property, values.Select(RqlValue.Number));

        public static RqlNode Like(string property, RqlPattern pattern) => new RqlLike(property, pattern);

        public static RqlNode And(params RqlNode[] operands) => new RqlLogical("and", operands);

        public static RqlNode Or(params RqlNode[] operands) => new RqlLogical("or", operands);

        public static RqlNode Not(RqlNode operand) => new RqlNot(operand);

        public static RqlNode Select(params string[] properties) => new RqlSelect(properties);

        public static RqlNode Sort(params (string Property, bool Descending)[] keys) => new RqlSort(keys);

        public static RqlNode Limit(int offset, int count) => new RqlLimit(offset, count);
    }
}
