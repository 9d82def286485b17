#!/bin/sh
# Installs Debian's chromium for the browser tests (web/browser_test.go),
# unless a chromium is already there. Run as root (CI) or with sudo.
set -eu
for c in /usr/bin/chromium /usr/bin/chromium-browser; do
	if [ -x "$c" ]; then
		echo "install-browser: $("$c" --version 2>/dev/null || echo "$c") already installed"
		exit 0
	fi
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
