using System;
using System.Globalization;
using System.Management.Automation;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Reads a text date the way PowerShell itself would (invariant culture, so <c>2020-02-19</c>
    /// from a CSV binds on every machine), but makes text that is not a date a binding error.
    /// </summary>
    /// <remarks>
    /// Without it, PowerShell drops a by-property-name value it cannot convert and binds the row
    /// anyway: a CSV row with DateAgreed "19/02/2020" would silently be confirmed with today's
    /// date. A transformation failure instead fails that row's binding, so PowerShell writes an
    /// error for the row and sends nothing for it. A blank cell means "not given".
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class InvariantDateAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (!(value is string text))
            {
                return inputData;
            }

            if (text.Trim().Length == 0)
            {
                return null;
            }

            if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            throw new ArgumentTransformationMetadataException($"'{text}' is not a date. Write dates as yyyy-MM-dd, for example 2020-02-19.");
        }
    }
}
