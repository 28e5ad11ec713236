// SwiftPM needs one source file in a C target. All wrapping of the C API (integer widths, the macros that
// do not import) is done once, in Sources/MynaPCSC/PCSCPlatform.swift.
#include "CPCSCLite.h"

#if defined(__linux__)
// The library's version, as built against; lets a debugger or `nm` tell which headers were used.
const char *const myna_cpcsclite_header_version = PCSCLITE_VERSION_NUMBER;
#endif
