//! Tests of `totals`.
