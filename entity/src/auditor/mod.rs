//! Verification auditor tables (upstream JuraGPT): the verification log, the embedding cache
//! and source fingerprints. These tables have no foreign keys.

pub mod embedding_cache;
pub mod source_fingerprint;
pub mod verification_log;
