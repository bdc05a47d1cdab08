//! A minimal ZIP writer for the DOCX export: stored (uncompressed) entries only.
//!
//! Why not the `zip` crate: with `default-features = false` it still brings six crates
//! (indexmap, typed-path, zeroize, constant_time_eq, memchr, crc32fast) and a
//! `Write + Seek` API whose errors we would have to swallow, while a stored archive of a
//! handful of parts is ~80 lines that cannot fail, so `to_docx` can return plain bytes.
//! Word, WPS and LibreOffice all open stored DOCX parts. The checksum comes from
//! `crc32fast`, a small, widely used crate that builds for wasm32. The tests read every
//! archive back with the `zip` crate, an independent implementation.

/// An archive being written.
#[derive(Debug, Default)]
pub(crate) struct ZipWriter {
    bytes: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// Bit 11: file names are UTF-8.
const FLAG_UTF8: u16 = 0x0800;
/// Version 2.0, enough for stored entries.
const VERSION: u16 = 20;
/// 1980-01-01 in MS-DOS date format: the archive carries no clock time, so the same
/// document always gives the same bytes.
const DOS_DATE: u16 = (1 << 5) | 1;

impl ZipWriter {
    /// Adds one stored file.
    pub(crate) fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32fast::hash(data);
        // Archives over 4 GiB cannot come from a report; saturate rather than panic.
        let size = u32::try_from(data.len()).unwrap_or(u32::MAX);
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        let offset = u32::try_from(self.bytes.len()).unwrap_or(u32::MAX);

        let local = &mut self.bytes;
        put32(local, 0x0403_4b50);
        put16(local, VERSION);
        put16(local, FLAG_UTF8);
        put16(local, 0); // stored
        put16(local, 0); // time
        put16(local, DOS_DATE);
        put32(local, crc);
        put32(local, size);
        put32(local, size);
        put16(local, name_len);
        put16(local, 0); // extra field length
        local.extend_from_slice(name.as_bytes());
        local.extend_from_slice(data);

        let central = &mut self.central;
        put32(central, 0x0201_4b50);
        put16(central, VERSION); // made by
        put16(central, VERSION); // needed
        put16(central, FLAG_UTF8);
        put16(central, 0);
        put16(central, 0);
        put16(central, DOS_DATE);
        put32(central, crc);
        put32(central, size);
        put32(central, size);
        put16(central, name_len);
        put16(central, 0); // extra
        put16(central, 0); // comment
        put16(central, 0); // disk
        put16(central, 0); // internal attributes
        put32(central, 0); // external attributes
        put32(central, offset);
        central.extend_from_slice(name.as_bytes());
        self.entries = self.entries.saturating_add(1);
    }

    /// The finished archive: the entries, the central directory and its end record.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        let central_offset = u32::try_from(self.bytes.len()).unwrap_or(u32::MAX);
        let central_size = u32::try_from(self.central.len()).unwrap_or(u32::MAX);
        self.bytes.extend_from_slice(&self.central);
        let end = &mut self.bytes;
        put32(end, 0x0605_4b50);
        put16(end, 0); // this disk
        put16(end, 0); // disk of the central directory
        put16(end, self.entries);
        put16(end, self.entries);
        put32(end, central_size);
        put32(end, central_offset);
        put16(end, 0); // comment length
        self.bytes
    }
}

fn put16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}
