# shellcheck shell=bash
# The local marketplace of bin/demo, sourced by it: prerequisites, build, chain, services, stop.
#
# Everything lives under $WORK (set by the caller before demo_layout):
#   chain/        anvil's log, the deployer key, the deployer's class path
#   deployments/  local.json (the contract; provider and requestor read it)
#   discovery/ port-checker/ provider/ requestor/   each service's data directory (H2 database, keys, tokens,
#                 Payara's runtime files; the provider's VM disks; the image comes from $IMAGE_CACHE)
#   logs/         one log per service and step
#   run/          <name>.pid of every process started, <name>.env of every service's settings
# Processes are started in their own session (setsid), so a Ctrl-C in the terminal reaches only bin/demo, whose
# trap stops them all, in order, by their recorded pids.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
NODE_BIN="$ROOT/contracts/node_modules/.bin"
NETWORK=local                     # payments network name: the services' default, and the deployment file's name
SERVICES=(requestor provider port-checker discovery)   # stop order (anvil last)

CHAIN_PORT=${GOLEM_DEMO_CHAIN_PORT:-8545}
DISCOVERY_PORT=${GOLEM_DEMO_DISCOVERY_PORT:-9001}
PORT_CHECKER_PORT=${GOLEM_DEMO_PORT_CHECKER_PORT:-9000}
PROVIDER_PORT=${GOLEM_DEMO_PROVIDER_PORT:-7466}
REQUESTOR_PORT=${GOLEM_DEMO_REQUESTOR_PORT:-8000}
SSH_PORTS=${GOLEM_DEMO_SSH_PORTS:-50800-50819}
QEMU_ACCEL=${GOLEM_DEMO_QEMU_ACCEL:-tcg}
IMAGE=${GOLEM_DEMO_IMAGE:-debian-12}
IMAGE_CACHE=${GOLEM_DEMO_IMAGE_CACHE:-$HOME/.cache/golem/images}
# where providers are found: all (the ProviderRegistry contract on the chain and the central discovery service) or
# chain (the contract alone: discovery is not started, the provider advertises on chain only)
DISCOVERY=${GOLEM_DEMO_DISCOVERY:-all}
GUEST_PORT=8080
# the rented VM's cores: Debian boots to SSH in about a minute with two vCPUs under TCG, and takes minutes with one
# (measured: 72 s against 266 s for the same image); the busybox micro image needs one
case "$IMAGE" in micro) VM_CPU=1 ;; *) VM_CPU=2 ;; esac
RPC="http://127.0.0.1:$CHAIN_PORT"
DISCOVERY_URL="http://127.0.0.1:$DISCOVERY_PORT"
PORT_CHECKER_URL="http://127.0.0.1:$PORT_CHECKER_PORT"
PROVIDER_URL="http://127.0.0.1:$PROVIDER_PORT"
REQUESTOR_URL="http://127.0.0.1:$REQUESTOR_PORT"
# services: a bounded heap each (four JVMs and a VM on one machine); the commands: start fast
SERVICE_JAVA_OPTS=${GOLEM_JAVA_OPTS:--Xmx512m}
CLI_JAVA_OPTS=${GOLEM_DEMO_CLI_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto}

# --- output ------------------------------------------------------------------------------------------------------
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  C_HEAD=$'\e[1m' C_CMD=$'\e[36m' C_ERR=$'\e[31m' C_OFF=$'\e[0m'
else
  C_HEAD='' C_CMD='' C_ERR='' C_OFF=''
fi
STEP_NO=0
step() { STEP_NO=$((STEP_NO + 1)); printf '\n%s== %d. %s%s\n' "$C_HEAD" "$STEP_NO" "$*" "$C_OFF"; }
info() { printf '   %s\n' "$*"; }
fail() { printf '%sdemo: %s%s\n' "$C_ERR" "$*" "$C_OFF" >&2; }
die() { fail "$*"; exit 1; }
indent() { sed -u 's/^/   /'; }
# shows a command as typed: $ golem vm create demo-vm ...
show_cmd() {
  local s='' a
  for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./:=@,+-]+$ ]]; then s+=" $a"; else s+=" '${a//\'/\'\\\'\'}'"; fi
  done
  printf '%s$%s%s\n' "$C_CMD" "$s" "$C_OFF"
}
# the last lines of a log, on stderr, to say why something failed
tail_log() {
  local log=$1
  [ -s "$log" ] || return 0
  printf '   last lines of %s:\n' "$log" >&2
  tail -n "${2:-25}" "$log" | sed 's/^/   | /' >&2
}

# --- layout --------------------------------------------------------------------------------------------------------
demo_layout() {
  CHAIN_DIR="$WORK/chain" DEPLOYMENTS="$WORK/deployments" LOGS="$WORK/logs" RUN="$WORK/run"
  DISCOVERY_DATA="$WORK/discovery" PORT_CHECKER_DATA="$WORK/port-checker"
  PROVIDER_DATA="$WORK/provider" REQUESTOR_DATA="$WORK/requestor"
}

demo_mkdirs() {
  mkdir -p "$CHAIN_DIR" "$DEPLOYMENTS" "$LOGS" "$RUN" "$DISCOVERY_DATA" "$PORT_CHECKER_DATA" "$PROVIDER_DATA" \
    "$REQUESTOR_DATA"
  : >"$WORK/.golem-demo"   # marks the directory as ours: only such a directory is ever wiped
}

# --- prerequisites ---------------------------------------------------------------------------------------------
# What is missing is installed the way bin/test does it (apt-get, quietly, output shown only on failure), then
# the pinned npm tools (anvil, cast, solc-js) when node_modules is missing or older than the lock file.
demo_install() {
  local tool
  for tool in java mvn node npm; do
    command -v "$tool" >/dev/null || die "$tool is required but not installed (JDK 17, Maven, Node/npm)"
  done
  local missing=()
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  command -v qemu-img >/dev/null || missing+=(qemu-utils)
  command -v cpio >/dev/null || missing+=(cpio)
  command -v curl >/dev/null || missing+=(curl)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v pgrep >/dev/null || missing+=(procps)
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=''
    [ "$(id -u)" = 0 ] || sudo=sudo
    command -v apt-get >/dev/null || die "needs the Debian packages ${missing[*]}; install them and run again"
    info "installing ${missing[*]} (apt-get, log: $LOGS/install.log) ..."
    if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
           $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
         >"$LOGS/install.log" 2>&1; then
      tail_log "$LOGS/install.log" 40
      die "installing ${missing[*]} failed"
    fi
  else
    info "Debian packages: QEMU, qemu-img, cpio, curl, unzip present"
  fi
  if ! bash "$ROOT/contracts/scripts/npm-install-if-needed.sh" >"$LOGS/npm.log" 2>&1; then
    tail_log "$LOGS/npm.log" 40
    die "installing the pinned npm tools (contracts/package-lock.json) failed"
  fi
  info "npm tools (contracts/node_modules): anvil $("$NODE_BIN/anvil" --version 2>/dev/null | grep -om1 '[0-9][0-9.]*' || true), cast, solc-js"
}

# --- build ---------------------------------------------------------------------------------------------------------
# The same staleness rules as bin/lib/payara-launch (WARs) and bin/golem (the CLI jar): whatever is stale is built
# here in one quiet Maven run of only those modules, so the launchers then find everything fresh.
war_stale() {
  local module=$1 war="$ROOT/$1/target/$2" micro="$ROOT/$1/target/payara-micro.jar"
  local sources=("$ROOT/$module/src" "$ROOT/$module/pom.xml")
  [ "$(dirname "$module")" != "." ] && sources=("$ROOT/$(dirname "$module")")
  [ ! -f "$war" ] || [ ! -f "$micro" ] ||
    [ -n "$(find "${sources[@]}" "$ROOT/common/src" "$ROOT/contracts/src/main" "$ROOT/pom.xml" -newer "$war" \
            -not -path '*/target*' -print -quit)" ]
}
cli_stale() {
  local jar="$ROOT/cli/target/golem-cli.jar"
  [ ! -f "$jar" ] ||
    [ -n "$(find "$ROOT/cli/src" "$ROOT/common/src" "$ROOT/pom.xml" "$ROOT/cli/pom.xml" "$ROOT/common/pom.xml" \
            -newer "$jar" -print -quit)" ]
}

demo_build() {
  local stale=() m
  for m in discovery-war:discovery.war port-checker-war:port-checker.war provider-war:provider.war \
           requestor-ear/requestor-war:requestor.war; do
    if war_stale "${m%%:*}" "${m#*:}"; then stale+=("${m%%:*}"); fi
  done
  if cli_stale; then stale+=(cli); fi
  if [ ${#stale[@]} -eq 0 ]; then
    info "up to date: discovery.war, port-checker.war, provider.war, requestor.war, golem-cli.jar"
    return 0
  fi
  local list t0=$SECONDS
  list=$(IFS=,; echo "${stale[*]}")
  info "building ${stale[*]} (mvn -pl $list -am install -DskipTests; log: $LOGS/build.log) ..."
  if ! (cd "$ROOT" && mvn -B -ntp -pl "$list" -am install -DskipTests) >"$LOGS/build.log" 2>&1; then
    tail_log "$LOGS/build.log" 60
    die "the build failed (log: $LOGS/build.log)"
  fi
  info "built in $((SECONDS - t0)) s"
}

# --- ports -----------------------------------------------------------------------------------------------------------
# who listens on TCP port $1 on this machine ("" when nobody)
port_user() {
  local port=$1 line
  if command -v ss >/dev/null; then
    line=$(ss -Hltnp "( sport = :$port )" 2>/dev/null | head -n1) || true
    [ -n "$line" ] || return 0
    local who
    who=$(grep -o 'users:(("[^"]*",pid=[0-9]*' <<<"$line" | head -n1 | sed 's/users:(("\([^"]*\)",pid=\([0-9]*\)/\1 (pid \2)/') || true
    echo "${who:-another program}"
  elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "another program"
  fi
}

# refuses to start when one of the stack's ports is taken, naming it and who holds it
demo_check_ports() {
  case "$IMAGE" in
    micro|debian-12|debian-12-docker) ;;
    *) die "GOLEM_DEMO_IMAGE=$IMAGE: expected debian-12 (the default), debian-12-docker or micro" ;;
  esac
  case "$DISCOVERY" in
    all|chain) ;;
    *) die "GOLEM_DEMO_DISCOVERY=$DISCOVERY: expected all (the default: chain and the central service) or chain" ;;
  esac
  local busy=() p name port var who discovery_port=''
  [ "$DISCOVERY" = chain ] || discovery_port="discovery:$DISCOVERY_PORT:GOLEM_DEMO_DISCOVERY_PORT"
  for p in "chain:$CHAIN_PORT:GOLEM_DEMO_CHAIN_PORT" $discovery_port \
           "port checker:$PORT_CHECKER_PORT:GOLEM_DEMO_PORT_CHECKER_PORT" \
           "provider:$PROVIDER_PORT:GOLEM_DEMO_PROVIDER_PORT" "requestor:$REQUESTOR_PORT:GOLEM_DEMO_REQUESTOR_PORT"; do
    IFS=: read -r name port var <<<"$p"
    who=$(port_user "$port")
    [ -z "$who" ] || busy+=("port $port ($name) is in use by $who; free it or set $var")
  done
  if [ ${#busy[@]} -gt 0 ]; then
    for p in "${busy[@]}"; do fail "$p"; done
    local up_dir="$HOME/.golem/demo"
    if [ "$WORK" != "$up_dir" ] && [ -d "$up_dir/run" ] && demo_running "$up_dir"; then
      fail "a stack started by 'bin/demo up' is running in $up_dir: stop it with bin/demo down"
    fi
    exit 1
  fi
  [[ $SSH_PORTS =~ ^[0-9]+-[0-9]+$ ]] || die "GOLEM_DEMO_SSH_PORTS=$SSH_PORTS: expected FIRST-LAST, e.g. 50800-50819"
}

# --- processes -------------------------------------------------------------------------------------------------------
# starts "$@" in its own session with its output in $LOGS/<name>.log and records its pid in $RUN/<name>.pid
start_bg() {
  local name=$1; shift
  setsid "$@" </dev/null >"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  STARTED_AT[$name]=$SECONDS
}
declare -A STARTED_AT=()

pid_of() { [ -f "$RUN/$1.pid" ] && cat "$RUN/$1.pid"; }

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# true when pid $1 is still the process we started: its command line names $2 (our work dir, or anvil)
ours() {
  local pid=$1 mark=$2
  alive "$pid" && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$mark"
}

# signal $1 to the process group of pid $2 when it leads one (setsid), else to the pid alone
signal_tree() {
  local sig=$1 pid=$2 pgid
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') || true
  if [ "$pgid" = "$pid" ]; then kill "-$sig" -- "-$pid" 2>/dev/null || true; else kill "-$sig" "$pid" 2>/dev/null || true; fi
}

# the qemu processes of this stack's provider: their command lines name its data directory
stack_vms() {
  local p
  for p in $(pgrep -f qemu-system 2>/dev/null || true); do
    ours "$p" "$PROVIDER_DATA/" && echo "$p"
  done
  return 0
}

# true when any process recorded under $1/run still runs
demo_running() {
  local dir=$1 f pid
  for f in "$dir"/run/*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if ours "$pid" "$dir/" || { [ "$(basename "$f")" = anvil.pid ] && ours "$pid" anvil; }; then return 0; fi
  done
  return 1
}

# stops the services (TERM, up to 40 s, then KILL), then the provider's VMs, then anvil; says what it stopped.
# The provider gets its TERM alone, not its process group (which holds its qemu processes too): with
# GOLEM_PROVIDER_STOP_VMS_ON_EXIT=true it stops its VMs itself before it exits. What it left running is reported as
# found, before anything else is stopped.
demo_stop_all() {
  local name pid stopped=() waiting=() i
  # the provider's own pid file too (golem-provider start --daemon writes it before anything else can fail)
  if [ ! -f "$RUN/provider.pid" ] && [ -f "$PROVIDER_DATA/provider.pid" ]; then
    cp "$PROVIDER_DATA/provider.pid" "$RUN/provider.pid"
  fi
  for name in "${SERVICES[@]}"; do
    pid=$(pid_of "$name") || continue
    if ours "$pid" "$WORK/"; then
      if [ "$name" = provider ]; then kill -TERM "$pid" 2>/dev/null || true; else signal_tree TERM "$pid"; fi
      waiting+=("$name:$pid")
    fi
  done
  for ((i = 0; i < 80; i++)); do
    local left=()
    for name in "${waiting[@]}"; do alive "${name#*:}" && left+=("$name"); done
    [ ${#left[@]} -eq 0 ] && break
    sleep 0.5
  done
  local vms
  vms=$(stack_vms)
  if [ -n "$vms" ]; then
    info "found $(wc -w <<<"$vms") VM(s) left running by the provider (qemu pid(s) $(tr '\n' ' ' <<<"$vms" | sed 's/ $//')); stopping them"
  elif [ -d "$PROVIDER_DATA/vms" ]; then
    info "no VM left running by the provider"
  fi
  for name in "${waiting[@]}"; do
    pid=${name#*:}
    if alive "$pid"; then signal_tree KILL "$pid"; stopped+=("${name%%:*} (pid $pid, killed)"); else stopped+=("${name%%:*} (pid $pid)"); fi
    rm -f "$RUN/${name%%:*}.pid"
  done
  rm -f "$PROVIDER_DATA/provider.pid"
  if [ -n "$vms" ]; then
    # shellcheck disable=SC2086 # one pid a word
    kill -TERM $vms 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do [ -z "$(stack_vms)" ] && break; sleep 0.5; done
    local rest
    rest=$(stack_vms)
    # shellcheck disable=SC2086
    [ -z "$rest" ] || kill -KILL $rest 2>/dev/null || true
    stopped+=("$(wc -w <<<"$vms") VM(s) the provider left running")
  fi
  pid=$(pid_of anvil) || true
  if [ -n "$pid" ] && ours "$pid" anvil; then
    signal_tree TERM "$pid"
    for ((i = 0; i < 20; i++)); do alive "$pid" || break; sleep 0.25; done
    alive "$pid" && signal_tree KILL "$pid"
    stopped+=("anvil (pid $pid)")
  fi
  rm -f "$RUN/anvil.pid"
  if [ ${#stopped[@]} -eq 0 ]; then
    info "nothing was running"
  else
    info "stopped: $(printf '%s, ' "${stopped[@]}" | sed 's/, $//')"
  fi
}

# --- readiness --------------------------------------------------------------------------------------------------------
# A guard: when bin/lib/payara-launch rebound Payara Micro's HTTP listener after boot (a post-boot command), a busy
# machine sometimes lost the listener: the log said "GrizzlyProxy is NULL", the server said it was ready, and
# nothing listened. The launcher now binds it before boot (a pre-boot command); should it still happen, the service
# is started once more.
LOST_LISTENER='GrizzlyProxy is NULL'

# waits until GET $2 answers 200; fails with the log's tail when the process exits or $3 seconds pass (status 1),
# or at once when Payara lost its HTTP listener (status 2, see above)
wait_ready() {
  local name=$1 url=$2 limit=${3:-300} log=${4:-$LOGS/$1.log} pid t0 next
  pid=$(pid_of "$name")
  t0=${STARTED_AT[$name]:-$SECONDS}
  next=$((t0 + 60))
  while ! curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    if grep -qF "$LOST_LISTENER" "$log" 2>/dev/null; then
      info "$name: Payara lost its HTTP listener while binding it to 127.0.0.1 (\"$LOST_LISTENER\" in $log)"
      return 2
    fi
    if ! alive "$pid"; then
      fail "$name exited while starting (log: $log)"
      tail_log "$log"
      return 1
    fi
    if ((SECONDS - t0 >= limit)); then
      fail "$name did not answer $url within $limit s (log: $log)"
      tail_log "$log"
      return 1
    fi
    if ((SECONDS >= next)); then info "... still waiting for $name ($((SECONDS - t0)) s)"; next=$((SECONDS + 60)); fi
    sleep 1
  done
  READY_AFTER=$((SECONDS - t0))
}

# stops one service started by start_bg or golem-provider (TERM to its group, KILL after 30 s)
stop_one() {
  local name=$1 pid i
  pid=$(pid_of "$name") || return 0
  if ours "$pid" "$WORK/"; then
    signal_tree TERM "$pid"
    for ((i = 0; i < 60; i++)); do alive "$pid" || break; sleep 0.5; done
    if alive "$pid"; then signal_tree KILL "$pid"; fi
  fi
  rm -f "$RUN/$name.pid"
}

# wait_ready for a service started with start_bg NAME CMD...; started once more when Payara lost its listener
ready_or_restart() {
  local name=$1 url=$2 rc=0; shift 2
  wait_ready "$name" "$url" || rc=$?
  if [ "$rc" -eq 2 ]; then
    stop_one "$name"
    mv "$LOGS/$name.log" "$LOGS/$name.lost-listener.log"
    info "starting $name again"
    start_bg "$name" "$@"
    rc=0
    wait_ready "$name" "$url" || rc=$?
  fi
  [ "$rc" -eq 0 ] || exit 1
}

# --- chain -------------------------------------------------------------------------------------------------------------
cast_() { "$NODE_BIN/cast" "$@"; }

# the JSON value at path $1 (a.b.c) of the document on stdin ("" when absent)
json() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);
    for(const k of process.argv[1].split("."))v=v==null?v:v[k];
    console.log(v==null?"":typeof v==="object"?JSON.stringify(v):String(v))})' -- "$1"
}
# wei arithmetic and formatting (amounts exceed 64 bits)
wei_sub() { node -e 'console.log((BigInt(process.argv[1])-BigInt(process.argv[2])).toString())' -- "$1" "$2"; }
eth() {
  node -e 'const w=BigInt(process.argv[1]),n=w<0n,a=n?-w:w,u=10n**18n;
    let f=(a%u).toString().padStart(18,"0").replace(/0+$/,"");
    console.log((n?"-":"")+(a/u).toString()+(f?"."+f:"")+" ETH")' -- "$1"
}
balance() { cast_ balance --rpc-url "$RPC" "$1"; }
# "~$0.0019" for an amount of wei at $2 USD per ETH ("" without a price)
usd() {
  [ -n "${2:-}" ] || return 0
  node -e 'const v=Number(BigInt(process.argv[1]))/1e18*Number(process.argv[2]);
    console.log("~$"+(v>=0.01?v.toFixed(2):v.toPrecision(2)))' -- "$1" "$2"
}
chain_time() { cast_ rpc --rpc-url "$RPC" eth_getBlockByNumber latest false | json timestamp | xargs printf '%d\n'; }
utc() { date -u -d "@$1" '+%H:%M:%S UTC'; }
# streams(id) of our contract: token sender recipient startTime stopTime ratePerSecond deposit withdrawn halted
stream_fields() {
  cast_ call --rpc-url "$RPC" "$CONTRACT" \
    'streams(uint256)(address,address,address,uint128,uint128,uint128,uint256,uint256,bool)' "$1" |
    awk '{print $1}' | paste -sd' '
}

# anvil on 127.0.0.1:$CHAIN_PORT without gas fees (balances then move by exactly the stream amounts), and our
# contract deployed with DeployCommand for native ETH into $DEPLOYMENTS/local.json
demo_chain() {
  start_bg anvil "$NODE_BIN/anvil" --host 127.0.0.1 --port "$CHAIN_PORT" --block-base-fee-per-gas 0 --no-priority-fee
  local i
  for ((i = 0; i < 100; i++)); do
    cast_ chain-id --rpc-url "$RPC" >/dev/null 2>&1 && break
    alive "$(pid_of anvil)" || { tail_log "$LOGS/anvil.log"; die "anvil exited (log: $LOGS/anvil.log)"; }
    sleep 0.2
  done
  CHAIN_ID=$(cast_ chain-id --rpc-url "$RPC" 2>/dev/null) || { tail_log "$LOGS/anvil.log"; die "anvil did not answer at $RPC"; }
  info "anvil at $RPC, chain id $CHAIN_ID, no gas fees (log: $LOGS/anvil.log)"

  # the deployer: a fresh key in a 0600 file (never printed), funded with anvil_setBalance
  local key addr
  read -r key addr < <(cast_ wallet new --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
    const w=JSON.parse(s)[0];console.log(w.private_key.replace(/^0x/,"")+" "+w.address)})') || true
  if [ -z "$key" ] || [ -z "$addr" ]; then die "cast wallet new did not make a deployer key"; fi
  (umask 077 && printf '%s\n' "$key" >"$CHAIN_DIR/deployer.key")
  cast_ rpc --rpc-url "$RPC" anvil_setBalance "$addr" 0x8ac7230489e80000 >/dev/null   # 10 ETH
  # DeployCommand with the provider WAR's libraries (contracts, web3j, picocli): no separate build or class path
  rm -rf "$CHAIN_DIR/deployer"
  unzip -q -o "$ROOT/provider-war/target/provider.war" 'WEB-INF/lib/*' -d "$CHAIN_DIR/deployer"
  show_cmd java -cp "$CHAIN_DIR/deployer/WEB-INF/lib/*" org.golem.vm.contracts.DeployCommand \
    --rpc-url "$RPC" --private-key-file "$CHAIN_DIR/deployer.key" --network "$NETWORK" --out "$DEPLOYMENTS"
  if ! java -cp "$CHAIN_DIR/deployer/WEB-INF/lib/*" org.golem.vm.contracts.DeployCommand --rpc-url "$RPC" \
       --private-key-file "$CHAIN_DIR/deployer.key" --network "$NETWORK" --out "$DEPLOYMENTS" \
       2>"$LOGS/deploy.log" | indent; then
    tail_log "$LOGS/deploy.log"
    die "deploying the contract failed"
  fi
  CONTRACT=$(json StreamPayment.address <"$DEPLOYMENTS/$NETWORK.json")
  REGISTRY=$(json ProviderRegistry.address <"$DEPLOYMENTS/$NETWORK.json")
  [ -n "$REGISTRY" ] || die "the deployment names no ProviderRegistry"
  local token
  token=$(json StreamPayment.glmToken <"$DEPLOYMENTS/$NETWORK.json")
  [ "$token" = 0x0000000000000000000000000000000000000000 ] || die "the deployment uses token $token, not native ETH"
  info "streams pay in native ETH (token address 0x0); provider and requestor read $DEPLOYMENTS/$NETWORK.json"
}

# --- services ------------------------------------------------------------------------------------------------------
# writes "NAME=value" lines for a service to $RUN/<name>.env (printed as the service's settings)
write_env() { local name=$1; shift; printf '%s\n' "$@" >"$RUN/$name.env"; }

demo_start_services() {
  local ssh_first=${SSH_PORTS%-*} ssh_last=${SSH_PORTS#*-}
  DISCOVERY_ENV=(GOLEM_DISCOVERY_PORT="$DISCOVERY_PORT" GOLEM_DISCOVERY_HOST=127.0.0.1
                 GOLEM_DISCOVERY_DATA_DIR="$DISCOVERY_DATA")
  PORT_CHECKER_ENV=(PORT_CHECKER_PORT="$PORT_CHECKER_PORT" PORT_CHECKER_HOST=127.0.0.1
                    PORT_CHECKER_DATA_DIR="$PORT_CHECKER_DATA"
                    PORT_CHECKER_ALLOW_PRIVATE_TARGETS=true)   # everything here is on loopback
  REQUESTOR_ENV=(GOLEM_REQUESTOR_PORT="$REQUESTOR_PORT" GOLEM_REQUESTOR_HOST=127.0.0.1
                 GOLEM_REQUESTOR_DATA_DIR="$REQUESTOR_DATA" GOLEM_REQUESTOR_RPC_URL="$RPC"
                 GOLEM_REQUESTOR_PAYMENTS_NETWORK="$NETWORK" GOLEM_REQUESTOR_DEPLOYMENTS_DIR="$DEPLOYMENTS")
  if [ "$DISCOVERY" = chain ]; then
    REQUESTOR_ENV+=(GOLEM_REQUESTOR_DISCOVERY=chain)
  else
    REQUESTOR_ENV+=(GOLEM_REQUESTOR_DISCOVERY=chain,central GOLEM_REQUESTOR_DISCOVERY_URL="$DISCOVERY_URL")
  fi
  PROVIDER_ENV=(GOLEM_PROVIDER_PORT="$PROVIDER_PORT" GOLEM_PROVIDER_HOST=127.0.0.1
                GOLEM_PROVIDER_DATA_DIR="$PROVIDER_DATA" GOLEM_PROVIDER_RPC_URL="$RPC"
                GOLEM_PROVIDER_PAYMENTS_NETWORK="$NETWORK" GOLEM_PROVIDER_DEPLOYMENTS_DIR="$DEPLOYMENTS"
                GOLEM_PROVIDER_ADVERTISE_INTERVAL_SECONDS=10
                GOLEM_PROVIDER_PUBLIC_HOST=127.0.0.1 GOLEM_PROVIDER_SSH_BIND_ADDRESS=127.0.0.1
                GOLEM_PROVIDER_SSH_PORT_RANGE_START="$ssh_first" GOLEM_PROVIDER_SSH_PORT_RANGE_END="$ssh_last"
                GOLEM_PROVIDER_PORT_CHECKER_URL="$PORT_CHECKER_URL"
                GOLEM_PROVIDER_VM_DRIVER=qemu GOLEM_PROVIDER_QEMU_ACCEL="$QEMU_ACCEL"
                GOLEM_PROVIDER_VM_IMAGES="$IMAGE=$IMAGE_CACHE/$IMAGE" GOLEM_PROVIDER_VM_DEFAULT_IMAGE="$IMAGE"
                GOLEM_PROVIDER_QEMU_ACPI_GRACE_SECONDS=1 GOLEM_PROVIDER_STOP_VMS_ON_EXIT=true
                GOLEM_PROVIDER_CAPACITY_CPU="${GOLEM_PROVIDER_CAPACITY_CPU:-4}"
                GOLEM_PROVIDER_CAPACITY_MEMORY_GIB="${GOLEM_PROVIDER_CAPACITY_MEMORY_GIB:-4}"
                GOLEM_PROVIDER_CAPACITY_STORAGE_GIB="${GOLEM_PROVIDER_CAPACITY_STORAGE_GIB:-40}"
                GOLEM_PROVIDER_MONITOR_INTERVAL_SECONDS=10
                GOLEM_PROVIDER_WITHDRAW_ENABLED=false)   # the operator withdraws by hand in this demo
  if [ "$DISCOVERY" = chain ]; then
    PROVIDER_ENV+=(GOLEM_PROVIDER_ADVERTISE=chain)
  else
    PROVIDER_ENV+=(GOLEM_PROVIDER_ADVERTISE=chain,central GOLEM_PROVIDER_DISCOVERY_URL="$DISCOVERY_URL")
  fi
  [ "$DISCOVERY" = chain ] || write_env discovery "${DISCOVERY_ENV[@]}"
  write_env port-checker "${PORT_CHECKER_ENV[@]}"
  write_env requestor "${REQUESTOR_ENV[@]}"
  write_env provider "${PROVIDER_ENV[@]}"

  local t0=$SECONDS i
  info "the $IMAGE VM image in $IMAGE_CACHE/$IMAGE (built from Debian packages when missing or stale; kept for the next run) ..."
  if ! bash "$ROOT/provider-war/images/build-image" "$IMAGE" "$IMAGE_CACHE" >"$LOGS/image.log" 2>&1; then
    tail_log "$LOGS/image.log"
    die "building the $IMAGE image failed (log: $LOGS/image.log)"
  fi
  info "image ready after $((SECONDS - t0)) s"

  if [ "$DISCOVERY" = chain ]; then
    info "starting the port checker and the requestor on Payara Micro (settings: $RUN/<service>.env); no discovery service: providers are found on chain only ..."
  else
    info "starting discovery, port checker and requestor on Payara Micro (settings: $RUN/<service>.env) ..."
  fi
  local discovery_cmd=(env "${DISCOVERY_ENV[@]}" GOLEM_JAVA_OPTS="$SERVICE_JAVA_OPTS" "$ROOT/bin/golem-discovery")
  local port_checker_cmd=(env "${PORT_CHECKER_ENV[@]}" GOLEM_JAVA_OPTS="$SERVICE_JAVA_OPTS" "$ROOT/bin/port-checker")
  local requestor_cmd=(env "${REQUESTOR_ENV[@]}" GOLEM_JAVA_OPTS="$SERVICE_JAVA_OPTS" "$ROOT/bin/golem-requestor")
  [ "$DISCOVERY" = chain ] || start_bg discovery "${discovery_cmd[@]}"
  start_bg port-checker "${port_checker_cmd[@]}"
  start_bg requestor "${requestor_cmd[@]}"
  if [ "$DISCOVERY" != chain ]; then
    ready_or_restart discovery "$DISCOVERY_URL/health/ready" "${discovery_cmd[@]}"
    info "discovery     $DISCOVERY_URL  ready after $READY_AFTER s  (data: $DISCOVERY_DATA, log: $LOGS/discovery.log)"
  fi
  ready_or_restart port-checker "$PORT_CHECKER_URL/health/ready" "${port_checker_cmd[@]}"
  info "port checker  $PORT_CHECKER_URL  ready after $READY_AFTER s  (log: $LOGS/port-checker.log)"

  # the provider, as its operator starts it: the SSH ports are checked through the port checker first
  local attempt rc
  for attempt in 1 2; do
    show_cmd golem-provider start --daemon
    rc=0
    env "${PROVIDER_ENV[@]}" GOLEM_JAVA_OPTS="$SERVICE_JAVA_OPTS" "$ROOT/bin/golem-provider" \
      --url "$PROVIDER_URL" --data-dir "$PROVIDER_DATA" start --daemon </dev/null 2>&1 | tee "$LOGS/provider-start.out" | indent ||
      rc=1
    [ -f "$PROVIDER_DATA/provider.pid" ] && cp "$PROVIDER_DATA/provider.pid" "$RUN/provider.pid"
    ln -sf "$PROVIDER_DATA/provider.log" "$LOGS/provider.log"
    STARTED_AT[provider]=$SECONDS
    if [ "$rc" -eq 0 ]; then
      wait_ready provider "$PROVIDER_URL/health/ready" 120 "$PROVIDER_DATA/provider.log" || rc=$?
    elif grep -qF "$LOST_LISTENER" "$PROVIDER_DATA/provider.log" 2>/dev/null; then
      rc=2
    fi
    if [ "$rc" -ne 2 ] || [ "$attempt" -ne 1 ]; then break; fi
    info "provider: Payara lost its HTTP listener while binding it to 127.0.0.1; starting it again"
    stop_one provider
    rm -f "$PROVIDER_DATA/provider.pid"
    mv "$PROVIDER_DATA/provider.log" "$PROVIDER_DATA/provider.lost-listener.log"
  done
  if [ "$rc" -ne 0 ]; then
    tail_log "$PROVIDER_DATA/provider.log"
    die "the provider did not start (log: $PROVIDER_DATA/provider.log)"
  fi
  PROVIDER_ID=$(curl -fsS --max-time 10 "$PROVIDER_URL/api/v1/provider/info" | json provider_id)
  info "provider      $PROVIDER_URL  ready, id $PROVIDER_ID  (data: $PROVIDER_DATA, log: $LOGS/provider.log)"

  ready_or_restart requestor "$REQUESTOR_URL/health/ready" "${requestor_cmd[@]}"
  info "requestor     $REQUESTOR_URL  ready  (data: $REQUESTOR_DATA, log: $LOGS/requestor.log)"

  # the provider advertises right after it starts, then every 10 s; wait until the registry on chain lists it
  # (read through the requestor, as `golem vm providers --discovery chain` does) and, with the central service, that
  for ((i = 0; i < 60; i++)); do
    golem_json vm providers --discovery chain 2>/dev/null | grep -qi "\"provider_id\" *: *\"$PROVIDER_ID\"" && break
    sleep 1
  done
  [ "$i" -lt 60 ] || { tail_log "$LOGS/provider.log"; die "the provider did not register in the ProviderRegistry within 60 s"; }
  info "the provider's entry is in the ProviderRegistry $REGISTRY"
  if [ "$DISCOVERY" != chain ]; then
    for ((i = 0; i < 60; i++)); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$DISCOVERY_URL/api/v1/advertisements/$PROVIDER_ID")" = 200 ] && break
      sleep 1
    done
    [ "$i" -lt 60 ] || { tail_log "$LOGS/provider.log"; die "the provider did not advertise itself to discovery within 60 s"; }
    info "discovery lists the provider too"
  fi
  info "everything is up after $((SECONDS - t0)) s"
}

# --- the two commands, as a person types them -------------------------------------------------------------------
# shown: "$ golem ARGS", then its output (stdout and stderr) indented; also kept in $LAST_OUT. The commands get no
# stdin: the demo's own stdin is for GOLEM_DEMO_HOLD's Enter.
LAST_OUT=''
golem() {
  show_cmd golem "$@"
  LAST_OUT="$LOGS/last-command.out"
  GOLEM_JAVA_OPTS=$CLI_JAVA_OPTS "$ROOT/bin/golem" --api "$REQUESTOR_URL" --data-dir "$REQUESTOR_DATA" --no-start "$@" \
    </dev/null 2>&1 | tee "$LAST_OUT" | indent
}
golem_provider() {
  show_cmd golem-provider "$@"
  LAST_OUT="$LOGS/last-command.out"
  GOLEM_JAVA_OPTS=$CLI_JAVA_OPTS "$ROOT/bin/golem-provider" --url "$PROVIDER_URL" --data-dir "$PROVIDER_DATA" "$@" \
    </dev/null 2>&1 | tee "$LAST_OUT" | indent
}
# not shown: JSON for the demo's own bookkeeping
golem_json() {
  GOLEM_JAVA_OPTS=$CLI_JAVA_OPTS "$ROOT/bin/golem" --api "$REQUESTOR_URL" --data-dir "$REQUESTOR_DATA" --no-start "$@" --json \
    </dev/null
}

print_aliases() {
  info "golem          = bin/golem --api $REQUESTOR_URL --data-dir $REQUESTOR_DATA --no-start"
  info "golem-provider = bin/golem-provider --url $PROVIDER_URL --data-dir $PROVIDER_DATA"
}
