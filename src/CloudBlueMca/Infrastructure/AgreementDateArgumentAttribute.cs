using System;
using System.Management.Automation;
using CloudBlueMca.Engine;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Marks a <c>[object]</c> parameter that takes an agreement date (<c>-DateAgreed</c>) and
    /// hands the engine the value exactly as the user gave it: a <see cref="DateTime"/>, a
    /// <see cref="DateTimeOffset"/>, an <see cref="AgreementDate"/> or text. The engine reads it
    /// with <see cref="AgreementDate.TryRead(object, DateTimeOffset, TimeZoneInfo, out AgreementDate, out string)"/>
    /// (ISO 8601 in every culture; midnight = the calendar date typed; a time of day = a moment,
    /// its UTC date; never in the future).
    /// </summary>
    /// <remarks>
    /// Why the parameter is <c>[object]</c> and not <c>[datetime]</c>: PowerShell would convert
    /// text itself (and drop the row's value, or fail its binding, when it cannot), so a bad
    /// date in row 5 of a CSV would surface as a binding error written before rows 1-4 are
    /// settled, with no row target. Read by the engine, it becomes that row's InvalidContact
    /// error, in input order, naming the accepted format; nothing is sent for the row.
    /// This attribute only unwraps PowerShell's <see cref="PSObject"/> (the engine takes no
    /// PowerShell types) and turns a blank CSV cell into "not given".
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class AgreementDateArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is string text && text.Trim().Length == 0 ? null : value;
        }
    }
}
