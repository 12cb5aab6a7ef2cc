#!/bin/bash
# Dependency-free HTTP probe for HEALTHCHECK and the image-build training run:
#   http-probe.sh [PATH] [PORT]   → exit 0 when GET http://127.0.0.1:PORT/PATH answers 200
# Uses bash's /dev/tcp so the runtime image needs neither curl nor wget.
path="${1:-/health/ready}"
port="${2:-${PORT:-8080}}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nUser-Agent: http-probe\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 3 status_line <&3 || exit 1
exec 3<&- 3>&-
case "$status_line" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "http-probe: ${path}: ${status_line%$'\r'}" >&2; exit 1 ;;
esac
