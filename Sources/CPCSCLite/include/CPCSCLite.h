// The pcsc-lite API for MynaPCSC on Linux. On macOS MynaPCSC imports PCSC.framework instead and this
// module is empty.
#ifndef MYNA_CPCSCLITE_H
#define MYNA_CPCSCLITE_H

#if defined(__linux__)
#include <PCSC/winscard.h>
#endif

#endif
