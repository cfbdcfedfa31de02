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

using Conn = std::unique_ptr<PGconn, decltype(&PQfinish)>;

std::optional<std::string> Fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

// Runs one statement; the error, if any, in *error.
bool Exec(PGconn* conn, const std::string& sql, std::string* error) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn, sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) == PGRES_COMMAND_OK) return true;
  if (error != nullptr) *error = absl::StrCat(sql, " failed: ", PQresultErrorMessage(result.get()));
  return false;
}

// Unique across processes (pid), threads and calls (counter), and reruns
// against the same cluster (time).
std::string UniqueName(const char* prefix) {
  static std::atomic<int> counter{0};
  return absl::StrCat(prefix, getpid(), "_", counter.fetch_add(1), "_",
                      absl::ToUnixMicros(absl::Now()) % 1000000000);
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

  const std::string name = UniqueName("t_");
  Conn conn(PQconnectdb(base_url.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Fail(error, absl::StrCat("cannot connect to ", base_url, ": ",
                                    PQerrorMessage(conn.get())));
  }
  if (!Exec(conn.get(), absl::StrCat("CREATE DATABASE ", name, " ", create_options), error)) {
    return std::nullopt;
  }
  return base_url.substr(0, base_url.rfind('/') + 1) + name;
}

std::optional<std::string> FreshPostgresDatabaseUrlWithPassword(std::string* error,
                                                                const std::string& password) {
  std::optional<std::string> url = FreshPostgresDatabaseUrl(error);
  if (!url.has_value()) return std::nullopt;
  // The cluster's URL names the trusted superuser: postgresql://postgres@...
  const std::string superuser = "://postgres@";
  const size_t at = url->find(superuser);
  if (at == std::string::npos) return Fail(error, "unexpected cluster URL " + *url);
  Conn conn(PQconnectdb(url->c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Fail(error, absl::StrCat("cannot connect to ", *url, ": ", PQerrorMessage(conn.get())));
  }
  const std::string role = UniqueName("r_");
  std::unique_ptr<char, decltype(&PQfreemem)> literal(
      PQescapeLiteral(conn.get(), password.data(), password.size()), &PQfreemem);
  if (literal == nullptr) return Fail(error, "cannot quote the password");
  // The owner may create the schema, and btree_gist (a trusted extension).
  const std::string database = url->substr(url->rfind('/') + 1);
  if (!Exec(conn.get(),
            absl::StrCat("CREATE ROLE ", role, " LOGIN PASSWORD ", literal.get(),
                         " IN ROLE fascia_password_auth"),
            error) ||
      !Exec(conn.get(), absl::StrCat("ALTER DATABASE ", database, " OWNER TO ", role), error)) {
    return std::nullopt;
  }
  return url->replace(at, superuser.size(), absl::StrCat("://", role, "@"));
}

}  // namespace fascia::testing
