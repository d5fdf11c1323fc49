# Source this file: `browser_test_setup` makes sure the browser test can run — Debian's
# chromium and the Noto CJK fonts (installed with apt-get when missing and we are root).
# Playwright's Python package drives that chromium; no browser is ever downloaded.

browser_test_setup() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    missing+=(fonts-noto-cjk)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing ${missing[*]} (Debian) for the browser test…"
      apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        "${missing[@]}" fontconfig >/dev/null
    else
      echo "The browser test needs: apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "Browser for the end-to-end test: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
}
