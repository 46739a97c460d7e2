using System;
using System.Runtime.InteropServices;
using System.Security;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>Reads a SecureString at the last moment, for the one library call that needs the text.</summary>
    internal static class SecureStrings
    {
        public static string Reveal(SecureString value)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }
    }
}
