//! The integration test suite: one binary, so the throwaway PostgreSQL server starts once.

mod suite;
