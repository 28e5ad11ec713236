# Shared set-up for Scripts/test and Scripts/demo. Sourced, not run.

MYNA_PACKAGES=(pkg-config libpcsclite-dev pcscd vsmartcard-vpcd opensc pcsc-tools libopenjp2-7-dev libopenjp2-tools zlib1g-dev chromium fonts-noto-cjk poppler-utils qpdf openssl)

# What building alone needs (the demo): the C libraries the package links.
MYNA_BUILD_PACKAGES=(pkg-config libpcsclite-dev libopenjp2-7-dev zlib1g-dev)

# Installs the given Debian packages (default: everything the tests need), when any is missing.
myna_install_packages() {
    local wanted=("$@")
    [ ${#wanted[@]} -eq 0 ] && wanted=("${MYNA_PACKAGES[@]}")
    local missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing packages: ${missing[*]} — install them with: sudo apt-get install -y ${missing[*]}" >&2
        return 1
    fi
    echo "Installing ${missing[*]}…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

MYNA_PCSCD_STARTED=""

# Whether a live pcscd (not a zombie left by a killed one) runs and has its socket.
myna_pcscd_running() {
    pgrep -x --runstates R,S,D pcscd >/dev/null 2>&1 && [ -S /run/pcscd/pcscd.comm ]
}

# Starts pcscd in the background (foreground mode, so it can be stopped by pid), unless a live one runs.
myna_start_pcscd() {
    if myna_pcscd_running; then return 0; fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "pcscd is not running; PC/SC tests will say how to enable them." >&2
        return 0
    fi
    mkdir -p /run/pcscd
    rm -f /run/pcscd/pcscd.comm   # a socket left by a pcscd that was killed: no live one owns it
    pcscd -f -a >/tmp/myna-pcscd.log 2>&1 &
    MYNA_PCSCD_STARTED=$!
    for _ in $(seq 1 50); do
        [ -S /run/pcscd/pcscd.comm ] && break
        sleep 0.1
    done
    export MYNA_PCSCD=1
}

# Stops the pcscd this script started (never one it found running).
myna_stop_pcscd() {
    if [ -n "$MYNA_PCSCD_STARTED" ]; then
        kill "$MYNA_PCSCD_STARTED" 2>/dev/null || true
        wait "$MYNA_PCSCD_STARTED" 2>/dev/null || true
        MYNA_PCSCD_STARTED=""
    fi
}

# The build swift-asn1's CI does: warnings are errors, and a target may import only what it declares as a
# dependency (no import that works only transitively). SwiftPM suppresses the warnings of remote
# dependencies (and drops -warnings-as-errors for them), so only this package's code must be clean. A scratch
# path of its own keeps `swift build`'s .build from being rebuilt whenever the flags change.
MYNA_STRICT_BUILD=(--scratch-path .build-strict -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error)

# Builds everything, tests included, strictly (MYNA_STRICT_BUILD): any warning in this package's code or any
# undeclared import fails the build.
myna_build_checked() {
    swift build --build-tests "${MYNA_STRICT_BUILD[@]}"
}
