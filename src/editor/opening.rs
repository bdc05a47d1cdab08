//! Opening a stored report for the editor: the report with the revision it was stored at,
//! and why it may only be read (written by a newer version, or migrated while storage could
//! not keep its original). The decisions are `report::open_report`'s.

use report::{ReadOnlyReason, Report};

use super::ctx::ReadOnly;
use crate::clock::now_ms;
use crate::i18n::Lang;
use crate::storage::{local, open_error};

/// The report `id` as stored, its revision, and the reason it is read-only, if any.
pub fn open(id: &str, lang: Lang) -> Result<(Report, u64, Option<ReadOnly>), String> {
    let opened =
        report::open_report(&mut local(), id, now_ms()).map_err(|e| open_error(lang, &e))?;
    let read_only = opened.read_only.map(|reason| match reason {
        ReadOnlyReason::Newer(version) => ReadOnly::Newer(version),
        ReadOnlyReason::OriginalNotKept(error) => ReadOnly::OriginalNotKept(error),
    });
    Ok((opened.report, opened.revision, read_only))
}
