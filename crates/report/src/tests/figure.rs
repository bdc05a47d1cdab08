//! Tests of `figure`.
