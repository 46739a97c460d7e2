namespace CloudBlueMca.Emulator.PartnerCenter;

internal static class PartnerCenterEndpoints
{
    public static void MapPartnerCenter(this WebApplication app, PartnerCenterStore store)
    {
    }
}
