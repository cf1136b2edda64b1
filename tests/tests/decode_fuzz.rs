//! The bounded, deterministic cousin of the `fuzz/` target: mutations of real bodies and random
//! bytes through every response decoder. Decoding may fail; it must never panic. (The
//! coverage-guided run is `cargo +nightly fuzz run decode_responses`, see README.)

use telnyx_porting::__private::fuzz_decode;
use telnyx_porting_tests::CREATE_201;

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

const SEEDS: [&str; 4] = [
    CREATE_201,
    r#"{"errors":[{"code":"10015","title":"Bad Request","detail":"x","source":{"pointer":"/phone_numbers"},"meta":{"url":"u"}}]}"#,
    r#"{"errors":[{"code":10009,"description":"y"}]}"#,
    "<html><body>502 Bad Gateway</body></html>",
];

/// Pieces that steer mutations toward interesting JSON.
const TOKENS: [&str; 16] = [
    "null",
    "true",
    "1e309",
    "-0",
    "\"\"",
    "[]",
    "{}",
    "\"\\ud800\"",
    "\u{feff}",
    "\"Activate RDY\"",
    "\"2022-13-45T99:99:99Z\"",
    "\"not-a-uuid\"",
    "18446744073709551616",
    ",",
    "\"draft\"",
    "{\"errors\":",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(6) {
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
                let end = (at + rng.below(32)).min(input.len());
                input.drain(at..end);
            }
            4 => {
                let byte = rng.next() as u8;
                input.insert(at, byte);
            }
            _ => {
                // Splice in a slice of another seed.
                let other = SEEDS[rng.below(SEEDS.len())].as_bytes();
                let from = rng.below(other.len());
                let to = (from + rng.below(64)).min(other.len());
                input.splice(at..at, other[from..to].iter().copied());
            }
        }
    }
}

#[test]
fn the_unmutated_seeds_decode() {
    // The create example decodes as the create type and as Response<T>; the error bodies parse.
    assert_eq!(fuzz_decode(CREATE_201.as_bytes()), 2);
    assert_eq!(fuzz_decode(SEEDS[1].as_bytes()), 3);
    assert_eq!(fuzz_decode(SEEDS[2].as_bytes()), 3);
    assert_eq!(fuzz_decode(SEEDS[3].as_bytes()), 0);
}

#[test]
fn twenty_thousand_mutated_bodies_never_panic() {
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    let mut accepted = 0;
    for round in 0..20_000 {
        let mut input = SEEDS[round % SEEDS.len()].as_bytes().to_vec();
        mutate(&mut rng, &mut input);
        accepted += fuzz_decode(&input);
    }
    // Some mutations stay valid: proves the loop exercised the success paths too.
    assert!(accepted > 1_000, "only {accepted} decodes succeeded");
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0xDEAD_BEEF_0000_0002);
    for _ in 0..5_000 {
        let len = rng.below(512);
        let input: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let _ = fuzz_decode(&input);
    }
}
