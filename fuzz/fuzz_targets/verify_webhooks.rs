//! Arbitrary bytes as a webhook delivery (a timestamp line, a signature line, then the body)
//! through the verifier and the event decoder: refusals are fine, a panic is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = telnyx_porting::__private::fuzz_webhook(data);
});
