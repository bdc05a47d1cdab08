//! The Nianbao browser app: Leptos components on top of the `report` core.
//! Logic lives in `report`; this crate only holds state, views and browser glue.

pub mod app;
pub mod clock;
pub mod collection;
pub mod dom;
pub mod download;
pub mod editor;
pub mod i18n;
pub mod idb;
pub mod library;
pub mod offline;
pub mod pdf;
pub mod picture;
pub mod question;
pub mod settings;
pub mod split;
pub mod state;
pub mod storage;
pub mod update_banner;

pub use app::App;
