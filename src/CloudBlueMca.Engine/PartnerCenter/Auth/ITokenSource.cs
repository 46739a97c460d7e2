using System.Threading.Tasks;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>Gives a connection a valid token for each call, renewing it silently where the credential allows.</summary>
    internal interface ITokenSource
    {
        Task<PcAccessToken> GetTokenAsync(OperationContext context);
    }
}
