using System;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>The customer operations behind Get-PcCustomer.</summary>
    public static class PartnerCenterCustomers
    {
        public const int MaxPageSize = 500;

        /// <summary>One customer by its Microsoft tenant id; CustomerNotFound when the partner has none with that id.</summary>
        public static Task<PcCustomer> GetAsync(PcConnection connection, Guid customerId, OperationContext context) =>
            connection.Client.GetCustomerAsync(customerId, context);

        /// <summary>Every customer of the partner, page by page.</summary>
        public static PcCustomerPager List(PcConnection connection, int pageSize = PartnerCenterClient.DefaultPageSize)
        {
            if (pageSize < 1 || pageSize > MaxPageSize)
            {
                throw new CloudBlueMcaException(ErrorIds.PartnerCenterRequestFailed, ErrorKind.InvalidArgument, $"The page size {pageSize} is out of range: use 1 to {MaxPageSize}.", pageSize);
            }

            return new PcCustomerPager(connection, pageSize);
        }
    }
}
