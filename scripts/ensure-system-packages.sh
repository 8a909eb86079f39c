#!/usr/bin/env bash
# Install Debian packages whose command is missing: ensure-system-packages.sh CMD:PACKAGE ...
# e.g. `ensure-system-packages.sh msgfmt:gettext chromium-headless-shell:chromium-headless-shell`.
# Needs root (or passwordless sudo); otherwise it says what to install and fails.
set -euo pipefail

missing=()
for pair in "$@"; do
    command_name=${pair%%:*}
    package=${pair#*:}
    if ! command -v "$command_name" >/dev/null 2>&1; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo)
else
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
