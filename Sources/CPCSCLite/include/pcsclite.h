// Forwarding header: pcsc-lite's winscard.h includes <pcsclite.h> as if /usr/include/PCSC were on the
// include path, which pkg-config would add (together with -pthread, a flag SwiftPM rejects).
#if defined(__linux__)
#include <PCSC/pcsclite.h>
#endif
