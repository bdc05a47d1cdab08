//! An in-memory [`KeyValue`] store that can misbehave on purpose, for native tests of every
//! storage decision: a quota after N bytes (counted as local storage counts them), a write
//! that reads back differently, another writer changing a key between two calls, garbage at
//! any key, and storage switched off.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::{KeyValue, StoreError};

/// A write by "someone else" (another tab, another program), made just before one of the
/// store's operations (reads included), so it can fall between any two calls.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Intrusion {
    /// The key written.
    key: String,
    /// The text written, or `None` to remove the key.
    value: Option<String>,
    /// The operation it happens before.
    after: usize,
}

/// An in-memory store with faults to inject.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    /// Refuse writes that would take the store over this many bytes.
    pub quota: Option<usize>,
    /// Writes to keys starting with this prefix are stored altered (a character appended), so
    /// they read back differently.
    pub corrupt_writes: Option<String>,
    /// Every operation fails as if storage were switched off.
    pub unavailable: bool,
    intrusions: RefCell<Vec<Intrusion>>,
    operations: Cell<usize>,
}

impl MemoryStore {
    /// An empty, well-behaved store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// Bytes used, as local storage counts them (UTF-16 of keys and values).
    pub fn bytes(&self) -> usize {
        self.entries.borrow().iter().map(|(k, v)| size(k, v)).sum()
    }

    /// Writes `value` under `key` directly, as another program would (no quota, no faults).
    pub fn poke(&mut self, key: &str, value: &str) {
        self.entries
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
    }

    /// The text under `key`, read directly.
    pub fn peek(&self, key: &str) -> Option<String> {
        self.entries.borrow().get(key).cloned()
    }

    /// Every key, read directly.
    pub fn all_keys(&self) -> Vec<String> {
        self.entries.borrow().keys().cloned().collect()
    }

    /// Another writer changes `key` (`None` removes it) just before the `after`-th next
    /// operation of this store (0: the very next one).
    pub fn intrude(&mut self, key: &str, value: Option<&str>, after: usize) {
        self.intrusions.borrow_mut().push(Intrusion {
            key: key.to_string(),
            value: value.map(str::to_string),
            after: self.operations.get() + after,
        });
    }

    /// Counts one operation, applying the intrusions due, and fails when switched off.
    fn tick(&self) -> Result<(), StoreError> {
        let now = self.operations.get();
        self.operations.set(now + 1);
        let due: Vec<Intrusion> = {
            let mut waiting = self.intrusions.borrow_mut();
            let (due, rest) = waiting.drain(..).partition(|i| i.after <= now);
            *waiting = rest;
            due
        };
        let mut entries = self.entries.borrow_mut();
        for intrusion in due {
            match intrusion.value {
                Some(value) => entries.insert(intrusion.key, value),
                None => entries.remove(&intrusion.key),
            };
        }
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        Ok(())
    }
}

fn size(key: &str, value: &str) -> usize {
    2 * (key.encode_utf16().count() + value.encode_utf16().count())
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.tick()?;
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.tick()?;
        if let Some(quota) = self.quota {
            let old = self.entries.borrow().get(key).map_or(0, |v| size(key, v));
            if self.bytes() - old + size(key, value) > quota {
                return Err(StoreError::Full);
            }
        }
        let mut value = value.to_string();
        if self
            .corrupt_writes
            .as_deref()
            .is_some_and(|prefix| key.starts_with(prefix))
        {
            value.push('\u{fffd}');
        }
        self.entries.borrow_mut().insert(key.to_string(), value);
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.tick()?;
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.tick()?;
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}
