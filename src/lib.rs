//! dedupe: find duplicated content in text.
