//! Opening a stored report for the editor: the report with the revision it was stored at,
//! and whether it may only be read (written by a newer version). Unreadable entries are
//! moved aside by `storage` and come back as a message.

use report::{Report, Stored};

use super::ctx::ReadOnly;
use crate::storage;

/// The report `id` as stored, its revision, and the reason it is read-only, if any.
pub fn open(id: &str) -> Result<(Report, u64, Option<ReadOnly>), String> {
    match storage::load_stored(id)? {
        (
            Stored::Newer {
                version,
                revision,
                preview: Some(report),
            },
            _,
        ) => Ok((report, revision, Some(ReadOnly::Newer(version)))),
        _ => storage::load_report_at(id).map(|(report, revision)| (report, revision, None)),
    }
}
