namespace CloudBlueMca.Emulator.Aps;

internal static class ApsEndpoints
{
    public static void MapAps(this WebApplication app, ApsStore store)
    {
    }
}
