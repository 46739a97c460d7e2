using Xunit;

namespace CloudBlueMca.Tests.Contract;

/// <summary>
/// A fact that runs once the module has the named cmdlet and is reported as skipped (with the
/// reason) before: pipelines into cmdlets that another branch provides are checked as soon as
/// both halves are merged, without a red build in between.
/// </summary>
public sealed class FactRequiringCmdletAttribute : FactAttribute
{
    public FactRequiringCmdletAttribute(string verb, string noun)
    {
        if (CmdletMetadata.FindCmdlet(verb, noun) is null)
        {
            Skip = $"The module has no {verb}-{noun} cmdlet in this build yet (branch partner-center adds it).";
        }
    }
}
