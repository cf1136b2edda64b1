//! Sandbox (being written).
