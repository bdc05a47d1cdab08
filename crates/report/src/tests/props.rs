//! Tests of `props`.
