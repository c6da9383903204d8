//! Writing a generated migration as a source file.
