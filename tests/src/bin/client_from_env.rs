//! Prints what `Client::from_env()` made of the environment, for `tests/from_env.rs`, which
//! runs this program with chosen variables (setting them in-process would race other tests).

fn main() {
    match telnyx_porting::Client::from_env() {
        Ok(client) => println!("ok base_url={} debug={client:?}", client.base_url()),
        Err(e) => println!("err {e} debug={e:?}"),
    }
}
