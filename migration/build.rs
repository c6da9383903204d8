//! Embeds the text of every migration file (`src/mYYYYMMDD_HHMMSS_*.rs`) into the library, so
//! each migration's checksum is fixed when the binary is built and no registration is needed
//! beyond the file itself.

use std::fmt::Write as _;
use std::path::Path;

fn is_migration_file(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".rs") else {
        return false;
    };
    let bytes = stem.as_bytes();
    bytes.len() > 17
        && bytes[0] == b'm'
        && bytes[1..9].iter().all(u8::is_ascii_digit)
        && bytes[9] == b'_'
        && bytes[10..16].iter().all(u8::is_ascii_digit)
        && bytes[16] == b'_'
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR")?;
    let src = Path::new(&manifest).join("src");
    println!("cargo::rerun-if-changed=src");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&src)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if is_migration_file(&name) {
            names.push(name.trim_end_matches(".rs").to_owned());
        }
    }
    names.sort();
    let mut out = String::from(
        "/// `(migration name, source text)` of every migration file, in name order.\n\
         pub static SOURCES: &[(&str, &str)] = &[\n",
    );
    for name in names {
        writeln!(
            out,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/src/{name}.rs\"))),"
        )?;
    }
    out.push_str("];\n");
    std::fs::write(
        Path::new(&std::env::var("OUT_DIR")?).join("sources.rs"),
        out,
    )?;
    Ok(())
}
