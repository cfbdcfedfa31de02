// Helpers for the storage driver tests: a per-test database on either engine
// (SQLite file in a temp dir, or a fresh PostgreSQL database from the CTest
// fixture) and appointment rows for the overlap rules.
//
// Thread-safety: TestDatabase is owned by one test; the free helpers only
// touch the Database they are given, which is thread-safe.
#ifndef FASCIA_TESTS_STORAGE_STORAGE_TEST_UTIL_H_
#define FASCIA_TESTS_STORAGE_STORAGE_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "storage/database.h"

namespace fascia::storage::testing {

// Parameter names for the engine-parameterized suites ("sqlite", "postgres").
std::string EngineName(const ::testing::TestParamInfo<Engine>& info);

// A fresh SQLite directory: unique, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Base fixture: SetUp() makes url() point at an empty database of GetParam().
class EngineTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;

  const std::string& url() const { return url_; }
  // Opens url() (fails the test on error; returns null then).
  std::unique_ptr<Database> Open(const DatabaseOptions& options = {});
  // Open() + Migrate().
  std::unique_ptr<Database> OpenMigrated(const DatabaseOptions& options = {});

 private:
  std::optional<TempDir> dir_;
  std::string url_;
};

// One appointments row; the defaults make a valid, active 1000..2000 booking
// without buffers.
struct Appointment {
  std::string name = "appointments/a";
  std::string organization = "organizations/o";
  std::string staff = "staff/1";
  std::string room = "rooms/1";
  std::string client = "clients/1";
  int64_t start_us = 1000;
  int64_t end_us = 2000;
  int64_t block_start_us = 1000;  // start minus the service's buffer before
  int64_t block_end_us = 2000;    // end plus the buffer after
  int64_t active = 1;
  std::optional<std::string> request_id;
};

absl::Status InsertAppointment(Database& db, const Appointment& a);
// Rewrites every mutable column of the row named a.name.
absl::Status UpdateAppointment(Database& db, const Appointment& a);
absl::StatusOr<int64_t> CountRows(Database& db, std::string_view table);

}  // namespace fascia::storage::testing

#endif  // FASCIA_TESTS_STORAGE_STORAGE_TEST_UTIL_H_
