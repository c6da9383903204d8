//! Password hashing: argon2id with the OWASP minimum parameters, as PHC strings.
//!
//! This is the only place the project hashes or verifies passwords. New hashes are always
//! argon2id; bcrypt hashes (`$2a$`, `$2b$`, `$2y$`: lindia's users, taken over with its
//! database) still verify, and [`needs_rehash`] asks for them to be replaced by argon2id at the
//! next successful sign-in.

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

/// The highest bcrypt cost verified: each step doubles the work, and cost 31 would keep a
/// thread busy for days. Upstream hashes use 12.
pub const BCRYPT_MAX_COST: u32 = 18;

/// Whether `stored` claims to be a bcrypt hash (by its prefix; it may still be malformed).
fn is_bcrypt(stored: &str) -> bool {
    ["$2a$", "$2b$", "$2y$"]
        .iter()
        .any(|prefix| stored.starts_with(prefix))
}

/// Whether `password` matches `stored`: a PHC string (argon2, whatever parameters it was made
/// with) or a bcrypt hash.
///
/// # Errors
/// [`Error::PasswordHash`] when `stored` is neither a valid PHC string nor a well-formed bcrypt
/// hash (such as `$2b$12$dummy_hash_1`), or is bcrypt with a cost above [`BCRYPT_MAX_COST`].
/// The message never contains the hash.
pub fn verify(password: &str, stored: &str) -> Result<bool> {
    if is_bcrypt(stored) {
        return verify_bcrypt(password, stored);
    }
    let parsed = PasswordHash::new(stored).map_err(|e| Error::PasswordHash(e.to_string()))?;
    match Argon2::default().verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(Error::PasswordHash(e.to_string())),
    }
}

/// bcrypt's verification (which, like every bcrypt, reads only a password's first 72 bytes).
fn verify_bcrypt(password: &str, stored: &str) -> Result<bool> {
    let cost = stored
        .get(4..6)
        .and_then(|digits| digits.parse::<u32>().ok());
    if cost.is_none_or(|cost| cost > BCRYPT_MAX_COST) {
        return Err(Error::PasswordHash(format!(
            "bcrypt hash without a cost of at most {BCRYPT_MAX_COST}"
        )));
    }
    bcrypt::verify(password.as_bytes(), stored).map_err(|e| Error::PasswordHash(e.to_string()))
}

/// Whether `stored` was made with other than the current algorithm or parameters, so it
/// should be re-hashed after the next successful login.
pub fn needs_rehash(stored: &str) -> bool {
    if is_bcrypt(stored) {
        return true;
    }
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

    #[test]
    fn bcrypt_hashes_of_every_prefix_verify_and_ask_for_a_rehash() {
        let made = bcrypt::hash_with_result("upstream password", 4).unwrap();
        for version in [
            bcrypt::Version::TwoA,
            bcrypt::Version::TwoB,
            bcrypt::Version::TwoY,
        ] {
            let stored = made.format_for_version(version);
            assert!(verify("upstream password", &stored).unwrap(), "{stored}");
            assert!(!verify("upstream passwort", &stored).unwrap(), "{stored}");
            assert!(needs_rehash(&stored), "{stored}");
        }
    }

    #[test]
    fn a_bcrypt_hash_made_by_another_implementation_verifies() {
        // A published crypt_blowfish test vector: password "U*U".
        let stored = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        assert!(verify("U*U", stored).unwrap());
        assert!(!verify("U*V", stored).unwrap());
    }

    #[test]
    fn malformed_or_too_costly_bcrypt_hashes_are_errors_that_do_not_show_the_hash() {
        let costly = bcrypt::hash_with_result("pw", 4)
            .unwrap()
            .format_for_version(bcrypt::Version::TwoB)
            .replacen("$04$", "$31$", 1);
        for stored in ["$2b$12$dummy_hash_1", "$2a$", "$2y$xx$", costly.as_str()] {
            let error = verify("pw", stored).unwrap_err().to_string();
            assert!(!error.contains(stored), "{error}");
        }
    }
}
