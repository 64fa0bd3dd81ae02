# lib.sh - sourced by the lab's build scripts (bash).

# install_missing WHO PACKAGE...: installs, with apt-get, the Debian packages of the list
# that are not installed yet, saying so as WHO; nothing when all are there.
install_missing() {
    local who=$1 p
    shift
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    echo "$who: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
