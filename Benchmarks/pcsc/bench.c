/*
 * The reference for MynaPCSC's per-APDU cost: the same SCardTransmit loop in C, against the same pcscd
 * and virtual reader. Prints one line: "c <count> <ns per APDU>".
 *
 *   cc -O2 bench.c -o bench -I/usr/include/PCSC -lpcsclite
 *   ./bench "Virtual PCD 00 00" 2000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <winscard.h>

#define CHECK(what, rv) \
    if ((rv) != SCARD_S_SUCCESS) { \
        fprintf(stderr, "%s: %s (0x%lX)\n", what, pcsc_stringify_error(rv), (unsigned long)(rv)); \
        return 1; \
    }

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv) {
    const char *reader = argc > 1 ? argv[1] : "Virtual PCD 00 00";
    long count = argc > 2 ? atol(argv[2]) : 2000;
    long warmup = count / 10 + 1;

    SCARDCONTEXT context;
    CHECK("SCardEstablishContext", SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &context));

    /* Wait (up to 20 s) for the virtual card. */
    SCARD_READERSTATE state = {0};
    state.szReader = reader;
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    for (int i = 0; i < 2; i++) {
        CHECK("SCardGetStatusChange", SCardGetStatusChange(context, 0, &state, 1));
        if (state.dwEventState & SCARD_STATE_PRESENT) break;
        state.dwCurrentState = state.dwEventState;
        CHECK("SCardGetStatusChange", SCardGetStatusChange(context, 20000, &state, 1));
    }

    SCARDHANDLE card;
    DWORD protocol;
    CHECK("SCardConnect", SCardConnect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                                       &card, &protocol));
    const SCARD_IO_REQUEST *pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;

    /* READ BINARY, 16 bytes: the same command the Swift benchmark sends. */
    const unsigned char command[] = {0x00, 0xB0, 0x00, 0x00, 0x10};
    unsigned char response[MAX_BUFFER_SIZE_EXTENDED];
    long long start = 0;
    for (long i = 0; i < warmup + count; i++) {
        if (i == warmup) start = now_ns();
        DWORD length = sizeof(response);
        CHECK("SCardTransmit", SCardTransmit(card, pci, command, sizeof(command), NULL, response, &length));
        if (length < 2 || response[length - 2] != 0x90) {
            fprintf(stderr, "unexpected response (%lu bytes)\n", (unsigned long)length);
            return 1;
        }
    }
    long long elapsed = now_ns() - start;
    printf("c %ld %lld\n", count, elapsed / count);

    SCardDisconnect(card, SCARD_LEAVE_CARD);
    SCardReleaseContext(context);
    return 0;
}
