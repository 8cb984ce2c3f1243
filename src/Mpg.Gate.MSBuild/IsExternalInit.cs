#if !NET
namespace System.Runtime.CompilerServices;

// Records' init accessors need this type, which .NET Framework lacks; the compiler only looks for its name.
internal static class IsExternalInit
{
}
#endif
