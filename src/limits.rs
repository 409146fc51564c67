//! The bounds toewijzer puts on its inputs, in one place so `docs/limits.md`
//! can list them and every stage can rely on them. Past a bound an input is
//! refused with a located error; nothing saturates or wraps silently.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

use rust_decimal::Decimal;

/// The largest amount a data file or a rule may hold, in euros (and the
/// largest floor area, in m²): one billion. Real incomes, rents and limits
/// are far below it, and sums of many such amounts stay far from the
/// decimal type's range (about 7.9 × 10²⁸), so adding them cannot overflow.
pub(crate) const MAX_AMOUNT: i64 = 1_000_000_000;

/// [`MAX_AMOUNT`] as a decimal.
pub(crate) fn max_amount() -> Decimal {
    Decimal::from(MAX_AMOUNT)
}

/// The longest duration a rule may write: a thousand years, in any mix of
/// years, months and days (at most 12 000 months, at most 366 000 days).
pub(crate) const MAX_DURATION_YEARS: u32 = 1_000;

/// The largest rule file read: 4 MiB. The Heerlen rule set is under 100 KiB
/// in all; parsing costs about 60 bytes of memory per byte of rule text, so
/// a 50 MB file took 3 GiB.
pub const MAX_RULE_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The largest data file read: 256 MiB, about 450 000 applicants in the
/// generator's layout. Since every record takes at least a few bytes, this
/// also bounds the number of records.
pub(crate) const MAX_DATA_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The most a list split over a folder (`reactions/*.yaml`) may hold in
/// all: 8 GiB, about twice a national year (60 million reactions are
/// 3.5 GB). Each of its files is read, turned into records and dropped in
/// turn, so this bounds the records' memory (about 2.5 bytes a byte of
/// reactions), not the texts'.
pub(crate) const MAX_DATA_FOLDER_LIST_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// The most files one rule set may gather through `import`.
pub const MAX_RULE_SET_FILES: usize = 1_000;

/// The longest chain of imports, from the root file down.
pub const MAX_IMPORT_DEPTH: usize = 64;

/// How deep an expression may nest once every named condition it reads is
/// written out in place: twice the bound on one written expression, so a
/// condition may read a few others, while no later stage (analysis,
/// compiler, evaluator) recurses deeper than this.
pub(crate) const DEFINE_DEPTH: usize = 2 * crate::syntax::MAX_EXPR_DEPTH;

/// How many nodes a named condition may have written out in place. Each
/// reading copies what it reads, so `b = a and a`, `c = b and b`, … would
/// double at every step without this bound.
pub(crate) const DEFINE_NODES: usize = 20_000;

/// Designation kinds a rule set may use, the Wbmgp's three included: a
/// unit's designations on a date are one 64-bit set.
pub(crate) const MAX_DESIGNATION_KINDS: usize = 64;

/// Why a text of more than `limit` bytes is refused, in the words of
/// [`read_text`]; an editor's unsaved text is held to the same bound.
pub(crate) fn too_large(limit: u64, what: &str) -> io::Error {
    io::Error::other(format!(
        "it is larger than {} MiB, the limit for {what}",
        limit / (1024 * 1024)
    ))
}

/// Reads a text file of at most `limit` bytes. Only a regular file is read:
/// a FIFO or a device such as `/dev/zero` would block or never end. `what`
/// names the kind of file in the error (`a rule file`).
pub fn read_text(path: &Path, limit: u64, what: &str) -> io::Result<String> {
    let file = File::open(path).map_err(|e| match crate::confine::resolve(path) {
        // Name a broken link as such, not as a missing file.
        Err(refusal @ (crate::confine::Refusal::Dangling | crate::confine::Refusal::Loop)) => {
            io::Error::other(refusal.to_string())
        }
        _ => e,
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other("it is not a regular file"));
    }
    let too_large = || too_large(limit, what);
    if meta.len() > limit {
        return Err(too_large());
    }
    // The file may grow while it is read: never read past the limit. Its
    // length is known (and within the limit): a buffer of that size is
    // filled once, where one grown by doubling copies the text over and
    // over into fresh pages (a sixth of loading a 100 000-applicant list).
    // One byte more lets the read see the end without growing.
    let size = usize::try_from(meta.len()).unwrap_or(0).saturating_add(1);
    let mut text = String::with_capacity(size);
    file.take(limit.saturating_add(1))
        .read_to_string(&mut text)?;
    if u64::try_from(text.len()).unwrap_or(u64::MAX) > limit {
        return Err(too_large());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_text_refuses_large_files_and_non_files() {
        let dir = std::env::temp_dir().join(format!("toewijzer-limits-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.yaml");
        std::fs::write(&path, "abcd").unwrap();
        assert_eq!(read_text(&path, 4, "a data file").unwrap(), "abcd");
        let e = read_text(&path, 3, "a data file").unwrap_err();
        assert!(e.to_string().contains("the limit for a data file"), "{e}");
        let e = read_text(&dir, 100, "a data file").unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        #[cfg(unix)]
        {
            let e = read_text(Path::new("/dev/zero"), 100, "a data file").unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
