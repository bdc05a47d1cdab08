//! The Nianbao domain core: report model, official templates, figure parsing and validation.
//! It does no I/O and knows nothing of the browser: time, ids and storage come in as arguments.

pub mod figure;

pub use figure::{Figure, FigureError, parse_figure};
