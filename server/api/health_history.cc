// Health history singleton; see health_history.h.
#include "api/health_history.h"

#include <google/protobuf/util/field_mask_util.h>

#include "absl/strings/str_cat.h"
#include "api/client_record_access.h"
#include "api/client_record_target.h"
#include "api/field_checks.h"
#include "api/resource_names.h"
#include "common/status_macros.h"
#include "storage/resource_repository.h"

namespace fascia::api {
namespace {

namespace v1 = fascia::v1;

const storage::ResourceRepository& Repo() {
  static const auto* repo = new storage::ResourceRepository("health_history");
  return *repo;
}

void CheckOptionalDate(const v1::Date& d, bool present, const std::string& field, FieldViolations& v) {
  if (present) CheckDate(d, field, v);
}

void Validate(const v1::HealthHistory& h, FieldViolations& v) {
  const std::string p = "health_history.";
  auto each = [&](int size, absl::string_view list, int max) {
    if (size > max) v.Add(p + std::string(list), absl::StrCat("has more than ", max, " entries"));
  };
  each(h.conditions_size(), "conditions", 200);
  for (int i = 0; i < h.conditions_size(); ++i) {
    std::string f = absl::StrCat(p, "conditions[", i, "]");
    if (CheckRequired(h.conditions(i).description(), f + ".description", v)) {
      CheckText(h.conditions(i).description(), kMaxShortText, f + ".description", v);
    }
    CheckOptionalDate(h.conditions(i).since(), h.conditions(i).has_since(), f + ".since", v);
  }
  each(h.medications_size(), "medications", 200);
  for (int i = 0; i < h.medications_size(); ++i) {
    std::string f = absl::StrCat(p, "medications[", i, "]");
    if (CheckRequired(h.medications(i).medication_class(), f + ".medication_class", v)) {
      CheckText(h.medications(i).medication_class(), 64, f + ".medication_class", v);
    }
    CheckText(h.medications(i).name(), kMaxShortText, f + ".name", v);
  }
  each(h.allergies_size(), "allergies", 200);
  for (int i = 0; i < h.allergies_size(); ++i) {
    std::string f = absl::StrCat(p, "allergies[", i, "]");
    if (CheckRequired(h.allergies(i).substance(), f + ".substance", v)) {
      CheckText(h.allergies(i).substance(), kMaxShortText, f + ".substance", v);
    }
    CheckText(h.allergies(i).reaction(), kMaxShortText, f + ".reaction", v);
  }
  each(h.injuries_size(), "injuries", 200);
  for (int i = 0; i < h.injuries_size(); ++i) {
    std::string f = absl::StrCat(p, "injuries[", i, "]");
    CheckOptionalDate(h.injuries(i).date(), h.injuries(i).has_date(), f + ".date", v);
    if (CheckRequired(h.injuries(i).body_region(), f + ".body_region", v)) {
      CheckText(h.injuries(i).body_region(), kMaxShortText, f + ".body_region", v);
    }
    CheckText(h.injuries(i).description(), kMaxShortText, f + ".description", v);
  }
  each(h.surgeries_size(), "surgeries", 200);
  for (int i = 0; i < h.surgeries_size(); ++i) {
    std::string f = absl::StrCat(p, "surgeries[", i, "]");
    CheckOptionalDate(h.surgeries(i).date(), h.surgeries(i).has_date(), f + ".date", v);
    if (CheckRequired(h.surgeries(i).description(), f + ".description", v)) {
      CheckText(h.surgeries(i).description(), kMaxShortText, f + ".description", v);
    }
  }
}

absl::StatusOr<std::pair<v1::HealthHistory, int64_t>> ReadWithRevision(storage::Connection& c,
                                                                       const std::string& client) {
  const std::string name = absl::StrCat(client, "/healthHistory");
  ASSIGN_OR_RETURN(auto row, Repo().Get(c, name));
  v1::HealthHistory history;
  history.set_name(name);
  if (!row) return std::make_pair(history, int64_t{0});
  if (!history.ParseFromString(row->data)) return absl::DataLossError("stored health history cannot be parsed");
  history.set_etag(std::to_string(row->revision));
  return std::make_pair(history, row->revision);
}

absl::Status Authorize(storage::Database& db, Caller& caller, const std::string& name) {
  ASSIGN_OR_RETURN(domain::Target target, ClientRecordTarget(db, caller, name));
  RETURN_IF_ERROR(caller.Authorize(target, name));
  caller.SetClient(ClientOf(name));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::HealthHistory> HealthHistoryStore::Read(storage::Connection& c,
                                                           const std::string& client) {
  ASSIGN_OR_RETURN(auto read, ReadWithRevision(c, client));
  return read.first;
}

absl::StatusOr<v1::HealthHistory> HealthHistoryStore::Get(Caller& caller, const std::string& name) {
  FieldViolations v;
  CheckName(name, kHealthHistoryPattern, "name", v);
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(Authorize(*ctx_.db, caller, name));
  v1::HealthHistory history;
  RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    RETURN_IF_ERROR(LoadUnrestrictedClient(c, ClientOf(name), ctx_.clock()).status());
    ASSIGN_OR_RETURN(history, Read(c, ClientOf(name)));
    return absl::OkStatus();
  }));
  return history;
}

absl::StatusOr<v1::HealthHistory> HealthHistoryStore::Update(Caller& caller,
                                                             const v1::HealthHistory& patch,
                                                             const google::protobuf::FieldMask& mask) {
  FieldViolations v;
  CheckName(patch.name(), kHealthHistoryPattern, "health_history.name", v);
  if (mask.paths().empty()) v.Add("update_mask", "is required (list the fields to change, or \"*\" for all)");
  google::protobuf::FieldMask effective;
  for (const std::string& path : mask.paths()) {
    if (path == "*") {
      for (const char* f : {"conditions", "medications", "allergies", "injuries", "surgeries"}) {
        effective.add_paths(f);
      }
    } else if (path == "name" || path == "update_time" || path == "etag") {
      v.Add("update_mask", absl::StrCat("field \"", path, "\" is output only"));
    } else {
      google::protobuf::FieldMask one;
      one.add_paths(path);
      if (!google::protobuf::util::FieldMaskUtil::IsValidFieldMask<v1::HealthHistory>(one)) {
        v.Add("update_mask", absl::StrCat("names an unknown field \"", path.substr(0, 100), "\""));
      } else {
        effective.add_paths(path);
      }
    }
  }
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(Authorize(*ctx_.db, caller, patch.name()));
  const std::string client = ClientOf(patch.name());
  v1::HealthHistory result;
  const absl::Time now = ctx_.clock();
  RETURN_IF_ERROR(ctx_.db->Transact(storage::TxMode::kWrite, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(v1::Client owner, LoadUnrestrictedClient(c, client, now));
    if (owner.has_delete_time()) {
      return ReasonError(absl::StatusCode::kFailedPrecondition, "RESOURCE_DELETED", "the client is deleted");
    }
    ASSIGN_OR_RETURN(auto current, ReadWithRevision(c, client));
    auto& [history, revision] = current;
    if (!patch.etag().empty() && patch.etag() != std::to_string(revision)) {
      return ReasonError(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                         "the health history has changed since it was read: read it again");
    }
    google::protobuf::util::FieldMaskUtil::MergeOptions options;
    options.set_replace_message_fields(true);
    options.set_replace_repeated_fields(true);
    google::protobuf::util::FieldMaskUtil::MergeMessageTo(patch, effective, options, &history);
    FieldViolations after;
    Validate(history, after);
    RETURN_IF_ERROR(after.ToStatus());
    history.clear_etag();
    *history.mutable_update_time() = ToTimestamp(now);
    storage::StoredResource row{history.name(), client, revision, false, now, now, history.SerializeAsString(),
                                /*lookup_key=*/""};
    if (revision == 0) {
      RETURN_IF_ERROR(Repo().Insert(c, row, ""));
    } else {
      ASSIGN_OR_RETURN(bool written, Repo().Update(c, row, revision));
      if (!written) {
        return ReasonError(absl::StatusCode::kAborted, "CONCURRENT_MODIFICATION",
                           "the health history was changed concurrently: read it again");
      }
    }
    history.set_etag(std::to_string(revision + 1));
    result = std::move(history);
    return absl::OkStatus();
  }));
  return result;
}

}  // namespace fascia::api
