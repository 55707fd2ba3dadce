#!/usr/bin/env bash
# A real Kubernetes API server (kube-apiserver + etcd) on 127.0.0.1 for the context-aware tests.
# kube-apiserver is built once from Debian's `kubernetes` source package (1.20.2) with Debian's Go 1.19 (and Debian's
# reflect2 1.0.2 in place of the vendored 1.0.1, which crashes under Go 1.19) and cached
# under $KUBE_E2E_HOME (default ~/.cache/kube-e2e); etcd is Debian's etcd-server. Later starts take seconds.
#
#   scripts/kube-apiserver.sh build   # build and cache the binary only
#   scripts/kube-apiserver.sh start   # prints KUBECONFIG=<path> once /readyz answers
#   scripts/kube-apiserver.sh stop
#
# Access: bearer token "e2e-admin-token" (system:masters) in the written kubeconfig. No controller-manager runs, so a
# deleted Namespace stays Terminating.
set -euo pipefail
home_dir=${KUBE_E2E_HOME:-$HOME/.cache/kube-e2e}
run_dir=${KUBE_E2E_RUN:-${TMPDIR:-/tmp}/kube-e2e}
etcd_port=${KUBE_E2E_ETCD_PORT:-23790}
api_port=${KUBE_E2E_API_PORT:-16443}
binary=$home_dir/kube-apiserver
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

apt_install() {
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

build() {
  [ -x "$binary" ] && return 0
  echo "building kube-apiserver from Debian's kubernetes source package (several minutes, once; cached in $home_dir)" >&2
  if ! grep -rqs '^deb-src\|^Types:.*deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $sudo tee /etc/apt/sources.list.d/kube-e2e-src.sources >/dev/null
  fi
  apt_install golang-1.19-go golang-github-modern-go-reflect2-dev etcd-server rsync make dpkg-dev
  local src=$home_dir/src
  rm -rf "$src" && mkdir -p "$src"
  (cd "$src" && apt-get source --download-only -qq kubernetes >/dev/null && tar xzf kubernetes_*.orig.tar.gz)
  local tree
  tree=$(ls -d "$src"/kubernetes-*/ | head -1)
  # The vendored reflect2 1.0.1 crashes under Go >= 1.18 whenever JSON with a map field is decoded (every object
  # create); Debian's reflect2 1.0.2 fixes it.
  rm -rf "$tree/vendor/github.com/modern-go/reflect2"
  cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$tree/vendor/github.com/modern-go/reflect2"
  export PATH=/usr/lib/go-1.19/bin:$PATH
  (cd "$tree" && unset GOPATH && make generated_files >/dev/null)
  mkdir -p "$src/gopath/src/k8s.io" && ln -sfn "$tree" "$src/gopath/src/k8s.io/kubernetes"
  (cd "$src/gopath/src/k8s.io/kubernetes" && GOPATH=$src/gopath GO111MODULE=off CGO_ENABLED=0 GOFLAGS= \
    go build -o "$binary.tmp" ./cmd/kube-apiserver)
  mv "$binary.tmp" "$binary"
  rm -rf "$src"
}

start() {
  command -v etcd >/dev/null || apt_install etcd-server
  build
  stop
  mkdir -p "$run_dir"
  cd "$run_dir"
  rm -rf etcd-data
  etcd --data-dir "$run_dir/etcd-data" --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
    --quota-backend-bytes 4294967296 >etcd.log 2>&1 &
  echo $! >etcd.pid
  [ -f sa.key ] || { openssl genrsa -out sa.key 2048 2>/dev/null; openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null; }
  echo "e2e-admin-token,e2e-admin,e2e-admin,system:masters" >tokens.csv
  "$binary" --etcd-servers="http://127.0.0.1:$etcd_port" --bind-address=127.0.0.1 --secure-port="$api_port" \
    --cert-dir="$run_dir/certs" --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file=sa.pub --service-account-signing-key-file=sa.key --token-auth-file=tokens.csv \
    --authorization-mode=RBAC --service-cluster-ip-range=10.96.0.0/16 >apiserver.log 2>&1 &
  echo $! >apiserver.pid
  for _ in $(seq 1 90); do
    if curl -skf -H "Authorization: Bearer e2e-admin-token" "https://127.0.0.1:$api_port/readyz" >/dev/null; then
      cat >kubeconfig <<KUBECONFIG
apiVersion: v1
kind: Config
clusters: [{name: e2e, cluster: {server: "https://127.0.0.1:$api_port", insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: e2e-admin-token}}]
contexts: [{name: e2e, context: {cluster: e2e, user: admin}}]
current-context: e2e
KUBECONFIG
      echo "KUBECONFIG=$run_dir/kubeconfig"
      return 0
    fi
    sleep 1
  done
  echo "kube-apiserver did not become ready; see $run_dir/apiserver.log" >&2
  return 1
}

stop() {
  for process in apiserver etcd; do
    if [ -f "$run_dir/$process.pid" ]; then
      kill "$(cat "$run_dir/$process.pid")" 2>/dev/null || true
      rm -f "$run_dir/$process.pid"
    fi
  done
}

case ${1:-start} in
  start) start ;;
  stop) stop ;;
  build) build ;;
  *) echo "usage: $0 build|start|stop" >&2; exit 2 ;;
esac
