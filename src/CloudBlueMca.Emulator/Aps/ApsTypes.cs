namespace CloudBlueMca.Emulator.Aps;

/// <summary>APS type ids the emulator serves.</summary>
public static class ApsTypes
{
    public const string Tenant = "http://www.parallels.com/Office365/Tenant/2.8";

    /// <summary>Unversioned, as allowed-operation entries and discovery queries write it.</summary>
    public const string Office365App = "http://www.parallels.com/Office365/Office365app";

    public const string Office365AppInstance = Office365App + "/1.0";

    public const string Account = "http://parallels.com/aps/types/pa/account/1.2";
}

