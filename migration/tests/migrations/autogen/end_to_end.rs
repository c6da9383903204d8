//! A generated file builds in a copy of the crate.
