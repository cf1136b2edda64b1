//! The TLS provider, chosen by cargo feature, for every `reqwest::Client` the crate builds.
//!
//! - `rustls` (the default): rustls with aws-lc-rs, reqwest's own default. reqwest builds the
//!   TLS config itself.
//! - `rustls-ring`: rustls with ring. reqwest is built without a provider, so the crate hands
//!   it a ready-made `rustls::ClientConfig` (ring provider, the platform's certificate
//!   verifier, ALPN `h2` then `http/1.1`: what reqwest would build). Nothing is installed
//!   process-wide, so an application's own `CryptoProvider::install_default` never clashes.
//! - Both: aws-lc-rs wins (features are additive; `--all-features` builds must work), for TLS
//!   and for webhook signatures alike.

#[cfg(not(any(feature = "rustls", feature = "rustls-ring")))]
compile_error!(
    "telnyx-porting needs a TLS provider: enable the feature `rustls` (the default, aws-lc-rs) \
     or `rustls-ring` (ring), e.g. `telnyx-porting = { version = \"0.1\", default-features = false, \
     features = [\"rustls-ring\"] }`"
);

/// The name of the provider this build uses, for docs and diagnostics.
pub(crate) const PROVIDER: &str = if cfg!(feature = "rustls") {
    "aws-lc-rs"
} else {
    "ring"
};

/// Gives `builder` the TLS settings of the chosen provider.
pub(crate) fn configure(builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder, String> {
    #[cfg(feature = "rustls")]
    {
        Ok(builder)
    }
    #[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
    {
        Ok(builder.tls_backend_preconfigured(ring_config()?))
    }
    #[cfg(not(any(feature = "rustls", feature = "rustls-ring")))]
    {
        Ok(builder)
    }
}

/// rustls with ring, verifying certificates as reqwest does by default.
#[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
fn ring_config() -> Result<rustls::ClientConfig, String> {
    use std::sync::Arc;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(Arc::clone(&provider))
        .map_err(|e| format!("the platform's certificate verifier: {e}"))?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS versions: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // reqwest sets ALPN only on configs it builds itself.
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    /// reqwest without a provider panics when it builds a client; this build must not.
    #[test]
    fn the_chosen_provider_builds_a_client() {
        let client = super::super::client::http_client(std::time::Duration::from_secs(1));
        assert!(client.is_ok(), "{:?}", client.err());
        assert_eq!(
            super::PROVIDER,
            if cfg!(feature = "rustls") {
                "aws-lc-rs"
            } else {
                "ring"
            }
        );
    }
}
