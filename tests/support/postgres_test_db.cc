// See postgres_test_db.h.
#include "support/postgres_test_db.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace fascia::testing {
namespace {

std::optional<std::string> Fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

}  // namespace

bool PostgresSkipRequested() {
  const char* skip = std::getenv("FASCIA_SKIP_POSTGRES");
  return skip != nullptr && std::string(skip) == "1";
}

std::optional<std::string> FreshPostgresDatabaseUrl(std::string* error,
                                                    const std::string& create_options) {
  const char* dir = std::getenv("FASCIA_TEST_PG_DIR");
  if (dir == nullptr || *dir == '\0') {
    return Fail(error, "FASCIA_TEST_PG_DIR is not set");
  }
  std::ifstream in(absl::StrCat(dir, "/url"));
  std::stringstream contents;
  contents << in.rdbuf();
  std::string base_url(absl::StripAsciiWhitespace(contents.str()));
  if (!in || base_url.empty()) {
    return Fail(error, absl::StrCat("no cluster URL in ", dir, "/url (did postgres_start run?)"));
  }

  // Unique across processes (pid), threads and calls (counter), and reruns
  // against the same cluster (time).
  static std::atomic<int> counter{0};
  const std::string name = absl::StrCat("t_", getpid(), "_", counter.fetch_add(1), "_",
                                        absl::ToUnixMicros(absl::Now()) % 1000000000);

  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(base_url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Fail(error, absl::StrCat("cannot connect to ", base_url, ": ",
                                    PQerrorMessage(conn.get())));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexec(conn.get(), absl::StrCat("CREATE DATABASE ", name, " ", create_options).c_str()),
      &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return Fail(error, absl::StrCat("CREATE DATABASE ", name, " failed: ",
                                    PQresultErrorMessage(result.get())));
  }
  return base_url.substr(0, base_url.rfind('/') + 1) + name;
}

}  // namespace fascia::testing
