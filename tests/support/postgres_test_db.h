// Fresh PostgreSQL databases for tests, from the throwaway cluster that the
// CTest fixture `postgres` starts (tests/support/pg_throwaway.sh).
//
//   class MyPgTest : public ::testing::Test {
//     void SetUp() override { FASCIA_ASSIGN_FRESH_POSTGRES_URL(url_); }
//     std::string url_;
//   };
//
// Register the test binary with fascia_require_postgres(<target>) (see
// tests/support/CMakeLists.txt) so that CTest starts the cluster first and
// tells the test where it is (env FASCIA_TEST_PG_DIR).
//
// A missing cluster is a test FAILURE, not a skip: CI has PostgreSQL, and a
// silent skip would hide a broken setup. Set FASCIA_SKIP_POSTGRES=1 to skip
// deliberately.
//
// Thread-safety: both Fresh* functions may be called from any thread.
#ifndef FASCIA_TESTS_SUPPORT_POSTGRES_TEST_DB_H_
#define FASCIA_TESTS_SUPPORT_POSTGRES_TEST_DB_H_

#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace fascia::testing {

// Creates a new, empty, uniquely named database in the throwaway cluster and
// returns its libpq URL; nullopt (with the reason in *error if given) when no
// cluster is available. `create_options` is appended to CREATE DATABASE, e.g.
// "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'" (the cluster's
// own locale is C).
std::optional<std::string> FreshPostgresDatabaseUrl(std::string* error = nullptr,
                                                    const std::string& create_options = "");

// Like FreshPostgresDatabaseUrl, but the database belongs to a new login
// role that must authenticate with `password` (scram-sha-256 over TCP: the
// cluster's fascia_password_auth rule, see pg_throwaway.sh). The URL names
// that role and carries NO password.
std::optional<std::string> FreshPostgresDatabaseUrlWithPassword(std::string* error,
                                                                const std::string& password);

// True when the environment asks to skip PostgreSQL tests (FASCIA_SKIP_POSTGRES=1).
bool PostgresSkipRequested();

}  // namespace fascia::testing

// In a void function (a TEST body or SetUp): assigns a fresh database URL to
// the std::string `lhs`, or skips (FASCIA_SKIP_POSTGRES=1) or fails the test.
#define FASCIA_ASSIGN_FRESH_POSTGRES_URL(lhs) FASCIA_ASSIGN_FRESH_POSTGRES_URL_WITH(lhs, "")

// The same, with `create_options` for CREATE DATABASE (see above).
#define FASCIA_ASSIGN_FRESH_POSTGRES_URL_WITH(lhs, create_options) \
  FASCIA_ASSIGN_POSTGRES_URL_FROM(lhs, ::fascia::testing::FreshPostgresDatabaseUrl, create_options)

// The same for any of the functions above: `fresh(&error, args...)`.
#define FASCIA_ASSIGN_POSTGRES_URL_FROM(lhs, fresh, ...)                                 \
  do {                                                                                   \
    std::string fascia_pg_error_;                                                        \
    std::optional<std::string> fascia_pg_url_ = fresh(&fascia_pg_error_, __VA_ARGS__);   \
    if (!fascia_pg_url_.has_value()) {                                                   \
      if (::fascia::testing::PostgresSkipRequested()) {                                  \
        GTEST_SKIP() << "FASCIA_SKIP_POSTGRES=1: " << fascia_pg_error_;                  \
      }                                                                                  \
      FAIL() << "PostgreSQL test database unavailable: " << fascia_pg_error_             \
             << " (run through ctest so the `postgres` fixture starts a cluster, or set " \
                "FASCIA_SKIP_POSTGRES=1 to skip)";                                       \
    }                                                                                    \
    lhs = *fascia_pg_url_;                                                               \
  } while (false)

#endif  // FASCIA_TESTS_SUPPORT_POSTGRES_TEST_DB_H_
