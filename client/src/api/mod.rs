//! API traits (being written).
