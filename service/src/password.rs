//! Password hashing: argon2id with the OWASP minimum parameters, as PHC strings.
//!
//! This is the only place the project hashes or verifies passwords.

use crate::error::{Error, Result};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Memory cost in KiB (OWASP: 19 MiB).
pub const MEMORY_KIB: u32 = 19_456;
/// Iterations.
pub const ITERATIONS: u32 = 2;
/// Parallelism.
pub const PARALLELISM: u32 = 1;

fn hasher() -> Result<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .map_err(|e| Error::PasswordHash(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `password` with a fresh random salt into a PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$...`).
///
/// # Errors
/// [`Error::PasswordHash`] if the hasher cannot run (it does not with these parameters).
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::PasswordHash(e.to_string()))
}

/// Whether `password` matches the PHC string `stored` (whatever parameters it was made with).
///
/// # Errors
/// [`Error::PasswordHash`] when `stored` is not a valid PHC string.
pub fn verify(password: &str, stored: &str) -> Result<bool> {
    let parsed = PasswordHash::new(stored).map_err(|e| Error::PasswordHash(e.to_string()))?;
    match Argon2::default().verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(Error::PasswordHash(e.to_string())),
    }
}

/// Whether `stored` was made with other than the current algorithm or parameters, so it
/// should be re-hashed after the next successful login.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    let current = (
        parsed.algorithm.as_str() == "argon2id",
        parsed.version == Some(Version::V0x13 as u32),
        Params::try_from(&parsed)
            .ok()
            .map(|p| (p.m_cost(), p.t_cost(), p.p_cost())),
    );
    current != (true, true, Some((MEMORY_KIB, ITERATIONS, PARALLELISM)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_hash_is_an_argon2id_phc_string_with_owasp_parameters() {
        let stored = hash("correct horse battery staple").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(!needs_rehash(&stored));
    }

    #[test]
    fn the_right_password_verifies_and_a_wrong_one_does_not() {
        let stored = hash("correct horse battery staple").unwrap();
        assert!(verify("correct horse battery staple", &stored).unwrap());
        assert!(!verify("correct horse battery stapler", &stored).unwrap());
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_salt() {
        assert_ne!(
            hash("same password!").unwrap(),
            hash("same password!").unwrap()
        );
    }

    #[test]
    fn weaker_parameters_ask_for_a_rehash() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8, 1, 1, None).unwrap(),
        )
        .hash_password(b"pw", &SaltString::generate(&mut OsRng))
        .unwrap()
        .to_string();
        assert!(verify("pw", &weak).unwrap());
        assert!(needs_rehash(&weak));
        assert!(needs_rehash("not a phc string"));
    }

    #[test]
    fn a_corrupt_stored_hash_is_an_error_not_a_mismatch() {
        assert!(verify("pw", "not-a-phc-string").is_err());
    }
}
