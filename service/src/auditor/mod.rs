//! Verification auditor: the verification log ([`verifications`]), the embedding cache
//! ([`embeddings`]) and source fingerprints ([`fingerprints`]). Not a lawyer's data: these
//! operations take no actor.

pub mod embeddings;
pub mod fingerprints;
pub mod verifications;

use sha2::{Digest, Sha256};

/// The lower-case hexadecimal SHA-256 of `text` (the cache key and fingerprint hash).
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_is_lower_case_hex() {
        assert_eq!(
            super::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
