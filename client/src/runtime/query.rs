//! Query-string encoding (being written).
