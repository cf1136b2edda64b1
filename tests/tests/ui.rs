//! The macro's compile-time contract: `ui/pass` must build, `ui/fail` must fail with exactly
//! the `.stderr` next to each case. Regenerate with `TRYBUILD=overwrite cargo test -p
//! telnyx-porting-tests --test ui`, then review the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
