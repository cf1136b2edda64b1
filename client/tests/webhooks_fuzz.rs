//! The bounded, deterministic cousin of `fuzz/fuzz_targets/verify_webhooks.rs`: arbitrary
//! headers and bodies through the verifier and the decoder. Refusals are fine; a panic is not,
//! and no mutation of a signed delivery is accepted. (The coverage-guided run is
//! `cargo +nightly fuzz run verify_webhooks`.)

use std::time::{Duration, UNIX_EPOCH};

use telnyx_porting::__private::fuzz_webhook;
use telnyx_porting::http::{HeaderMap, HeaderValue};
use telnyx_porting::webhooks::{
    SIGNATURE_HEADER, Signer, TIMESTAMP_HEADER, WebhookError, WebhookEvent,
};

const BIG: &str = include_str!("fixtures/webhooks/status_changed_2k.json");

/// xorshift64*: a fixed sequence, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: [&str; 14] = [
    "null",
    "{}",
    "[]",
    "\"event_type\":",
    "\"data\":",
    "\"payload\":",
    "\"meta\":{\"attempt\":",
    "\"porting_order.status_changed\"",
    "\"2021-13-45T99:99:99Z\"",
    "18446744073709551616",
    "\"\\ud800\"",
    "=",
    "-_",
    "\u{feff}",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..=rng.below(3) {
        let at = rng.below(input.len() + 1);
        match rng.below(5) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 => input.truncate(at),
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, token.iter().copied());
            }
            3 if !input.is_empty() => {
                let end = (at + rng.below(16)).min(input.len());
                input.drain(at..end);
            }
            _ => input.insert(at, rng.next() as u8),
        }
    }
}

#[test]
fn arbitrary_inputs_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let seeds: [&[u8]; 3] = [
        BIG.as_bytes(),
        b"1700000000\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n{\"event_type\":\"x\"}",
        b"\n\n",
    ];
    for round in 0..3_000 {
        let mut input = seeds[round % seeds.len()].to_vec();
        if round % 7 == 0 {
            input = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
        }
        mutate(&mut rng, &mut input);
        let _ = fuzz_webhook(&input);
        let _ = WebhookEvent::parse(&input);
    }
}

#[test]
fn no_mutation_of_a_signed_delivery_is_accepted() {
    let signer = Signer::from_seed([0x5a; 32]).unwrap();
    let verifier = signer.verifier();
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let body = BIG.as_bytes();
    let headers = signer.headers(body, now);
    verifier.verify_at(&headers, body, now).unwrap();
    let signature = headers[SIGNATURE_HEADER].as_bytes().to_vec();
    let timestamp = headers[TIMESTAMP_HEADER].as_bytes().to_vec();

    let mut rng = Rng(42);
    let mut refused = 0;
    for round in 0..600 {
        let (mut b, mut s, mut t) = (body.to_vec(), signature.clone(), timestamp.clone());
        match round % 3 {
            0 => mutate(&mut rng, &mut b),
            1 => mutate(&mut rng, &mut s),
            _ => mutate(&mut rng, &mut t),
        }
        if (b.as_slice(), &s, &t) == (body, &signature, &timestamp) {
            continue;
        }
        let mut h = HeaderMap::new();
        for (name, value) in [(SIGNATURE_HEADER, &s), (TIMESTAMP_HEADER, &t)] {
            if let Ok(value) = HeaderValue::from_bytes(value) {
                h.insert(name, value);
            }
        }
        // A long tolerance, so a changed timestamp reaches the signature check.
        let result = verifier
            .clone()
            .tolerance(Duration::from_secs(u64::MAX / 4))
            .verify_at(&h, &b, now);
        match result {
            Err(WebhookError::NotAnEvent { .. }) => {
                panic!("round {round}: a mutated delivery passed the signature check")
            }
            Err(_) => refused += 1,
            Ok(event) => panic!("round {round}: accepted {event:?}"),
        }
    }
    assert!(refused > 500, "{refused}");
}

#[test]
fn any_body_signed_by_the_signer_verifies() {
    let signer = Signer::from_seed([0x11; 32]).unwrap();
    let verifier = signer.verifier();
    let mut rng = Rng(7);
    let now = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    for _ in 0..300 {
        let mut body = BIG.as_bytes().to_vec();
        mutate(&mut rng, &mut body);
        let headers = signer.headers(&body, now);
        match verifier.verify_at(&headers, &body, now) {
            // The signature holds; only the body may be refused, and only as "not an event".
            Ok(_) | Err(WebhookError::NotAnEvent { .. }) => {}
            Err(e) => panic!("{e}"),
        }
    }
}
