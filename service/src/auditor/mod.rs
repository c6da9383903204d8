//! Verification auditor: the verification log ([`verifications`]), the embedding cache
//! ([`embeddings`]) and source fingerprints ([`fingerprints`]). Not a lawyer's data: these
//! operations take no actor.

pub mod embeddings;
pub mod fingerprints;
pub mod verifications;
