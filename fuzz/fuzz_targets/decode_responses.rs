//! Arbitrary bytes as the body of a create response and of an error response: decoding may
//! fail, but must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let _ = telnyx_porting::__private::fuzz_decode(body);
});
