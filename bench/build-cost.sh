#!/usr/bin/env bash
# Build cost of telnyx-porting, as recorded in BENCHMARKS.md. Prints `name: value` lines.
#
#   bash bench/build-cost.sh            # everything (about 10 minutes on 2 cores)
#   bash bench/build-cost.sh cold       # cold `cargo build -p telnyx-porting`, default TLS then rustls-ring
#   bash bench/build-cost.sh macro      # 100 #[endpoint] methods vs the same hand-expanded
#   bash bench/build-cost.sh passes     # rustc -Z time-passes: expansion time, both crates
#   bash bench/build-cost.sh tree       # duplicate crates (`cargo tree -d`), syn versions
#
# Everything it builds goes under $BUILD_COST_DIR (default /tmp/telnyx-porting-build-cost),
# never into the workspace's target/. REPEAT (default 5) sets how many times each incremental
# build is timed; the median is printed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BUILD_COST_DIR:-/tmp/telnyx-porting-build-cost}"
repeat="${REPEAT:-5}"
what="${1:-all}"
mkdir -p "$work"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load_average_at_start: $(cut -d' ' -f1-3 /proc/loadavg)"

cold_one() {
    # $1: the figure's name; the rest: cargo features.
    local name="$1"; shift
    local target="$work/cold-target"
    rm -rf "$target"
    local t0 t1
    t0=$(now)
    (cd "$repo" && CARGO_TARGET_DIR="$target" cargo build -q -p telnyx-porting "$@" --timings 2>/dev/null)
    t1=$(now)
    echo "$name: $(elapsed "$t0" "$t1")"
    echo "load_average_after_$name: $(cut -d' ' -f1-3 /proc/loadavg)"
    # Per-crate durations from cargo's timing report (UNIT_DATA), when it can be read.
    local html
    html=$(ls -t "$target"/cargo-timings/cargo-timing-*.html 2>/dev/null | head -n1 || true)
    if [[ -n "$html" ]] && command -v python3 >/dev/null; then
        python3 - "$html" "$name" <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"const UNIT_DATA = (\[.*?\]);\n", text, re.S)
if m:
    units = json.loads(m.group(1))
    total = {}
    for u in units:
        key = u["name"] + (" (build script)" if u.get("target", "").strip() == "build-script" or "build script" in u.get("target", "") else "")
        total[key] = total.get(key, 0) + u["duration"]
    top = sorted(total.items(), key=lambda kv: -kv[1])[:12]
    for name, secs in top:
        print(f"{sys.argv[2]}_unit_s[{name}]: {secs:.1f}")
    for name in ("syn", "telnyx-porting-macros", "telnyx-porting", "aws-lc-sys", "ring", "serde_derive"):
        if name in total:
            print(f"{sys.argv[2]}_unit_s[{name}]: {total[name]:.1f}")
PY
    fi
    rm -rf "$target"
}

# Both TLS choices, one right after the other so that they see about the same load.
cold() {
    cold_one cold_build_telnyx_porting_dev_s
    cold_one cold_build_telnyx_porting_ring_dev_s --no-default-features --features rustls-ring
}

# A trait of 100 endpoints in four shapes (GET with a path parameter, POST with a body, GET
# with a query, DELETE with a header), and a function that calls all of them so that codegen
# is measured too, not only expansion and type checking.
write_crate() {
    local name="$1" style="$2" dir="$work/macro/$1"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$name"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
telnyx-porting = { path = "$repo/client" }
models = { path = "../models" }
EOF
    {
        echo "#![allow(clippy::all)]"
        echo "use models::*;"
        echo "use telnyx_porting::{ApiClient, Result};"
        if [[ "$style" == macro ]]; then
            echo "use telnyx_porting::endpoint;"
        fi
        echo "pub trait Api100: ApiClient {"
        for i in $(seq 0 24); do
            if [[ "$style" == macro ]]; then
                cat <<EOF
    #[endpoint(GET, "/widgets_$i/{id}")]
    async fn get_$i(&self, id: &str) -> Result<WidgetEnvelope>;
    #[endpoint(POST, "/widgets_$i")]
    async fn create_$i(&self, #[body] widget: &NewWidget) -> Result<WidgetEnvelope>;
    #[endpoint(GET, "/widgets_$i")]
    async fn list_$i(&self, #[query] params: &ListWidgets) -> Result<WidgetPage>;
    #[endpoint(DELETE, "/widgets_$i/{id}")]
    async fn delete_$i(&self, id: &str, #[header("X-Reason")] reason: Option<&str>) -> Result<()>;
EOF
            else
                # What #[endpoint] writes (macros/src/expand.rs, `render`), spelled out.
                cat <<EOF
    fn get_$i(&self, id: &str) -> impl ::telnyx_porting::__private::Future<Output = Result<WidgetEnvelope>> + ::telnyx_porting::__private::Send {
        #[allow(unused_imports)]
        use ::telnyx_porting::__private::{ViaNoValidate as _, ViaValidate as _};
        static __TELNYX_ENDPOINT: ::telnyx_porting::__private::Endpoint = ::telnyx_porting::__private::Endpoint { method: ::telnyx_porting::__private::HttpMethod::Get, template: "/widgets_$i/{id}", accept: ::core::option::Option::None, idempotent: ::core::option::Option::None };
        let mut __telnyx_request = ::telnyx_porting::__private::Request::new(&__TELNYX_ENDPOINT);
        __telnyx_request.literal("/widgets_$i/");
        __telnyx_request.param("id", &id);
        ::telnyx_porting::__private::send::<WidgetEnvelope>(<Self as ::telnyx_porting::__private::ApiClient>::api_client(self), __telnyx_request)
    }
    fn create_$i(&self, widget: &NewWidget) -> impl ::telnyx_porting::__private::Future<Output = Result<WidgetEnvelope>> + ::telnyx_porting::__private::Send {
        #[allow(unused_imports)]
        use ::telnyx_porting::__private::{ViaNoValidate as _, ViaValidate as _};
        static __TELNYX_ENDPOINT: ::telnyx_porting::__private::Endpoint = ::telnyx_porting::__private::Endpoint { method: ::telnyx_porting::__private::HttpMethod::Post, template: "/widgets_$i", accept: ::core::option::Option::None, idempotent: ::core::option::Option::None };
        let mut __telnyx_request = ::telnyx_porting::__private::Request::new(&__TELNYX_ENDPOINT);
        __telnyx_request.literal("/widgets_$i");
        __telnyx_request.check((&::telnyx_porting::__private::Check(&widget)).telnyx_validate());
        __telnyx_request.json("widget", &widget);
        ::telnyx_porting::__private::send::<WidgetEnvelope>(<Self as ::telnyx_porting::__private::ApiClient>::api_client(self), __telnyx_request)
    }
    fn list_$i(&self, params: &ListWidgets) -> impl ::telnyx_porting::__private::Future<Output = Result<WidgetPage>> + ::telnyx_porting::__private::Send {
        #[allow(unused_imports)]
        use ::telnyx_porting::__private::{ViaNoValidate as _, ViaValidate as _};
        static __TELNYX_ENDPOINT: ::telnyx_porting::__private::Endpoint = ::telnyx_porting::__private::Endpoint { method: ::telnyx_porting::__private::HttpMethod::Get, template: "/widgets_$i", accept: ::core::option::Option::None, idempotent: ::core::option::Option::None };
        let mut __telnyx_request = ::telnyx_porting::__private::Request::new(&__TELNYX_ENDPOINT);
        __telnyx_request.literal("/widgets_$i");
        __telnyx_request.check((&::telnyx_porting::__private::Check(&params)).telnyx_validate());
        __telnyx_request.query("params", &params);
        ::telnyx_porting::__private::send::<WidgetPage>(<Self as ::telnyx_porting::__private::ApiClient>::api_client(self), __telnyx_request)
    }
    fn delete_$i(&self, id: &str, reason: Option<&str>) -> impl ::telnyx_porting::__private::Future<Output = Result<()>> + ::telnyx_porting::__private::Send {
        #[allow(unused_imports)]
        use ::telnyx_porting::__private::{ViaNoValidate as _, ViaValidate as _};
        static __TELNYX_ENDPOINT: ::telnyx_porting::__private::Endpoint = ::telnyx_porting::__private::Endpoint { method: ::telnyx_porting::__private::HttpMethod::Delete, template: "/widgets_$i/{id}", accept: ::core::option::Option::None, idempotent: ::core::option::Option::None };
        let mut __telnyx_request = ::telnyx_porting::__private::Request::new(&__TELNYX_ENDPOINT);
        __telnyx_request.literal("/widgets_$i/");
        __telnyx_request.param("id", &id);
        __telnyx_request.header("x-reason", &reason);
        ::telnyx_porting::__private::send_empty(<Self as ::telnyx_porting::__private::ApiClient>::api_client(self), __telnyx_request)
    }
EOF
            fi
        done
        echo "}"
        echo "impl Api100 for telnyx_porting::Client {}"
        echo "pub async fn call_all(c: &telnyx_porting::Client, w: &NewWidget, q: &ListWidgets) -> Result<()> {"
        for i in $(seq 0 24); do
            echo "    c.get_$i(\"x\").await?; c.create_$i(w).await?; c.list_$i(q).await?; c.delete_$i(\"x\", None).await?;"
        done
        echo "    Ok(())"
        echo "}"
    } >"$dir/src/lib.rs"
}

macro_cost() {
    local root="$work/macro"
    mkdir -p "$root/models/src"
    cat >"$root/Cargo.toml" <<EOF
[workspace]
resolver = "3"
members = ["models", "generated", "hand_expanded"]

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false
EOF
    [[ -f "$repo/Cargo.lock" ]] && cp "$repo/Cargo.lock" "$root/Cargo.lock"
    cat >"$root/models/Cargo.toml" <<EOF
[package]
name = "models"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
EOF
    cat >"$root/models/src/lib.rs" <<'EOF'
use serde::{Deserialize, Serialize};
#[derive(Deserialize)]
pub struct WidgetEnvelope { pub data: Widget }
#[derive(Deserialize)]
pub struct Widget { pub id: String }
#[derive(Serialize)]
pub struct NewWidget { pub name: String }
#[derive(Serialize)]
pub struct ListWidgets { pub page: Page }
#[derive(Serialize)]
pub struct Page { pub number: u32, pub size: u32 }
#[derive(Deserialize)]
pub struct WidgetPage { pub data: Vec<Widget> }
EOF
    write_crate generated macro
    write_crate hand_expanded hand
    export CARGO_TARGET_DIR="$root/target"
    # Without this, a rebuild after `touch` is an incremental no-op and measures nothing.
    export CARGO_INCREMENTAL=0
    # Dependencies (and the macro crate itself) once, untimed.
    (cd "$root" && cargo build -q --workspace 2>&1 | tail -n 20)
    local cmd crate i t0 t1
    for cmd in check build; do
        declare -A times=()
        for i in $(seq 1 "$repeat"); do
            for crate in generated hand_expanded; do
                touch "$root/$crate/src/lib.rs"
                t0=$(now)
                (cd "$root" && cargo "$cmd" -q -p "$crate")
                t1=$(now)
                times[$crate]+="$(elapsed "$t0" "$t1") "
            done
        done
        local g h
        g=$(tr ' ' '\n' <<<"${times[generated]}" | grep . | median)
        h=$(tr ' ' '\n' <<<"${times[hand_expanded]}" | grep . | median)
        echo "macro_100_endpoints_${cmd}_s: $g"
        echo "hand_expanded_100_endpoints_${cmd}_s: $h"
        echo "macro_${cmd}_overhead_s: $(awk -v g="$g" -v h="$h" 'BEGIN { printf "%.2f", g - h }')"
        unset times
    done
    unset CARGO_TARGET_DIR CARGO_INCREMENTAL
}

# rustc's own account of the time spent expanding macros (`-Z time-passes`, which needs
# RUSTC_BOOTSTRAP=1 on a stable toolchain; used here for this measurement only, in a target
# directory of its own because that variable makes cargo rebuild proc-macro2 and all above it).
passes() {
    [[ -d "$work/macro/generated" ]] || macro_cost >/dev/null
    local root="$work/macro" crate
    export CARGO_TARGET_DIR="$root/target-time-passes" CARGO_INCREMENTAL=0
    (cd "$root" && RUSTC_BOOTSTRAP=1 cargo build -q --workspace 2>&1 | tail -n 20)
    for crate in generated hand_expanded; do
        touch "$root/$crate/src/lib.rs"
        (cd "$root" && RUSTC_BOOTSTRAP=1 cargo rustc -q -p "$crate" -- -Ztime-passes 2>&1) |
            awk -v c="$crate" '$NF == "expand_crate" { printf "time_passes_%s_expand_crate_s: %s\n", c, $2 }
                               $NF == "type_check_crate" { printf "time_passes_%s_type_check_s: %s\n", c, $2 }
                               $NF == "total" { printf "time_passes_%s_total_s: %s\n", c, $2 }' | tr -d ';'
    done
    unset CARGO_TARGET_DIR CARGO_INCREMENTAL
}

tree() {
    cd "$repo"
    local dups
    dups=$(cargo tree -d -e normal,build 2>/dev/null | grep -E '^[a-z]' || true)
    echo "duplicate_crates_linux: ${dups:-none}"
    echo "syn_versions_linux: $(cargo tree -e normal,build 2>/dev/null | grep -oE 'syn v[0-9.]+' | sort -u | tr '\n' ' ')"
    echo "syn_versions_all_targets: $(cargo tree --target all -e normal,build 2>/dev/null | grep -oE 'syn v[0-9.]+' | sort -u | tr '\n' ' ')"
    local v3
    v3=$(cargo tree -e normal,build 2>/dev/null | grep -oE 'syn v[0-9.]+' | sort -u | head -n1 | sed 's/syn v/syn@/')
    echo "syn_features_enabled: $(cargo tree -e features -i "$v3" 2>/dev/null | grep -oE '^[├└]── syn feature "[a-z-]+"' | grep -oE '"[a-z-]+"' | tr -d '"' | sort -u | tr '\n' ' ')"
}

case "$what" in
    cold) cold ;;
    macro) macro_cost ;;
    tree) tree ;;
    passes) passes ;;
    all) tree; cold; macro_cost; passes ;;
    *) echo "usage: $0 [all|cold|macro|passes|tree]" >&2; exit 2 ;;
esac
echo "load_average_at_end: $(cut -d' ' -f1-3 /proc/loadavg)"
