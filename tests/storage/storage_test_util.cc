// See storage_test_util.h.
#include "storage/storage_test_util.h"

#include <stdlib.h>

#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "support/postgres_test_db.h"

namespace fascia::storage::testing {

std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "sqlite" : "postgres";
}

TempDir::TempDir() {
  std::string pattern = absl::StrCat(::testing::TempDir(), "fascia_storage_XXXXXX");
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed for " << pattern;
  }
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void EngineTest::SetUp() {
  if (GetParam() == Engine::kSqlite) {
    dir_.emplace();
    url_ = absl::StrCat("sqlite:", dir_->path(), "/fascia.db");
  } else {
    FASCIA_ASSIGN_FRESH_POSTGRES_URL(url_);
  }
}

std::unique_ptr<Database> EngineTest::Open(const DatabaseOptions& options) {
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDatabase(url_, options);
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? *std::move(db) : nullptr;
}

std::unique_ptr<Database> EngineTest::OpenMigrated(const DatabaseOptions& options) {
  std::unique_ptr<Database> db = Open(options);
  if (db == nullptr) return nullptr;
  absl::Status migrated = db->Migrate();
  EXPECT_TRUE(migrated.ok()) << migrated;
  return migrated.ok() ? std::move(db) : nullptr;
}

namespace {

std::vector<Value> Params(const Appointment& a) {
  return {Value(a.name),
          Value(a.organization),
          Value("locations/l"),
          Value(a.client),
          Value(a.staff),
          Value(a.room),
          Value("services/massage"),
          Value(a.start_us),
          Value(a.end_us),
          Value(a.block_start_us),
          Value(a.block_end_us),
          Value(1),
          Value(a.active),
          Value(1),
          a.request_id ? Value(*a.request_id) : Value(),
          Value(0),
          Value(0),
          Value::Blob(std::string("\x08\x01", 2))};
}

}  // namespace

absl::Status InsertAppointment(Database& db, const Appointment& a) {
  return db.Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
    return c
        .Execute("INSERT INTO appointments (name, organization, location, client, staff, room, "
                 "service, start_us, end_us, block_start_us, block_end_us, status, active, "
                 "revision, request_id, create_us, update_us, data) VALUES ($1, $2, $3, $4, $5, "
                 "$6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
                 Params(a))
        .status();
  });
}

absl::Status UpdateAppointment(Database& db, const Appointment& a) {
  return db.Transact(TxMode::kWrite, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t changed,
                     c.Execute("UPDATE appointments SET organization = $2, location = $3, "
                               "client = $4, staff = $5, room = $6, service = $7, start_us = $8, "
                               "end_us = $9, block_start_us = $10, block_end_us = $11, "
                               "status = $12, active = $13, revision = revision + $14, "
                               "request_id = $15, create_us = $16, update_us = $17, data = $18 "
                               "WHERE name = $1",
                               Params(a)));
    if (changed != 1) return absl::NotFoundError(absl::StrCat("updated ", changed, " rows"));
    return absl::OkStatus();
  });
}

absl::StatusOr<int64_t> CountRows(Database& db, std::string_view table) {
  int64_t count = -1;
  RETURN_IF_ERROR(db.Transact(TxMode::kRead, [&](Connection& c) -> absl::Status {
    ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT COUNT(*) FROM " + std::string(table), {}));
    count = rows.at(0).at(0).AsInt();
    return absl::OkStatus();
  }));
  return count;
}

}  // namespace fascia::storage::testing
