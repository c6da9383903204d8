//! The one SHA-256 helper: the lower-case hexadecimal digest that the API stores for login
//! tokens, the auditor uses as cache keys and fingerprints, and the backfills write as
//! proposal template hashes. A pure function, here because every crate depends on `entity`.

use sha2::{Digest, Sha256};

/// The lower-case hexadecimal SHA-256 of `data` (64 characters).
pub fn sha256_hex(data: impl AsRef<[u8]>) -> String {
    format!("{:x}", Sha256::digest(data.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::sha256_hex;

    #[test]
    fn the_digest_matches_the_published_test_vectors() {
        // FIPS 180-2, appendix B.1, and the digest of the empty message.
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
