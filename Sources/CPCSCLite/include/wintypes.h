// Forwarding header: pcsc-lite's pcsclite.h includes <wintypes.h> as if /usr/include/PCSC were on the
// include path.
#if defined(__linux__)
#include <PCSC/wintypes.h>
#endif
