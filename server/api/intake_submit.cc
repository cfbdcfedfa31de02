// SubmitIntake; see intake_submit.h.
#include "api/intake_submit.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "api/client_record_access.h"
#include "api/field_checks.h"
#include "api/intake_forms.h"
#include "api/plugin_convert.h"
#include "api/resource_names.h"
#include "api/resource_types.h"
#include "api/screening_types.h"
#include "common/log.h"
#include "domain/screening/general_form.h"
#include "domain/screening/general_rules.h"
#include "domain/screening/modifications.h"
#include "domain/screening/screening_inputs.h"
#include "fascia/plugin_forms.h"

namespace fascia::api {

namespace v1 = fascia::v1;
namespace pb = fascia::plugin::v1;
namespace sdk = fascia::plugin_sdk;

namespace {

constexpr int kMaxAnswers = 500;

void CheckShape(const v1::SubmitIntakeRequest& r, FieldViolations& v) {
  CheckName(r.parent(), kClientPattern, "parent", v);
  CheckName(r.form(), kIntakeFormPattern, "form", v);
  CheckName(r.location(), kLocationPattern, "location", v);
  CheckRequestId(r.request_id(), "request_id", v);
  CheckText(r.form_version(), 64, "form_version", v);
  if (r.has_appointment_time()) CheckTimestamp(r.appointment_time(), "appointment_time", v);
  if (r.answers_size() > kMaxAnswers) v.Add("answers", absl::StrCat("at most ", kMaxAnswers, " answers"));
  const std::string org = NamePrefix(r.parent(), 2);
  if (!org.empty() && NamePrefix(r.form(), 2) != org) v.Add("form", "must be in the client's organization");
  if (!org.empty() && NamePrefix(r.location(), 2) != org) {
    v.Add("location", "must be in the client's organization");
  }
}

// Answers split by section: "general.*" to the general form, the rest to the
// modality's.
struct SplitAnswers {
  pb::Response general;
  pb::Response specific;
};

SplitAnswers Split(const v1::SubmitIntakeRequest& r, const pb::Form& form) {
  SplitAnswers s;
  s.general.set_form_id(screening::kGeneralFormId);
  s.specific.set_form_id(form.id());
  for (const auto& answer : r.answers()) {
    pb::Answer a = ConvertMirror<pb::Answer>(answer);
    if (absl::StartsWith(a.link_id(), screening::kGeneralPrefix)) *s.general.add_answers() = a;
    else *s.specific.add_answers() = a;
  }
  return s;
}

void AddAnswerViolations(const std::vector<pb::FieldError>& errors, FieldViolations& v) {
  for (const auto& e : errors) v.Add(absl::StrCat("answers[", e.field(), "]"), e.description());
}

// Why the plugin could not screen, for the record and the log: the plugin
// and the status code only, never the plugin's message (it might echo
// answers).
std::string UnavailableReason(const plugins::Plugin& plugin, const absl::Status& status) {
  return absl::StrCat("plugin ", plugin.info().plugin_id, " failed: ",
                      absl::StatusCodeToString(status.code()));
}

}  // namespace

absl::StatusOr<v1::Screening> SubmitIntake(const ApiContext& ctx,
                                           const ClientRecordStore<v1::Screening>& store,
                                           Caller& caller, const v1::SubmitIntakeRequest& r) {
  FieldViolations v;
  CheckShape(r, v);
  RETURN_IF_ERROR(v.ToStatus());
  const std::string name = store.NewName(r.parent());
  RETURN_IF_ERROR(store.Authorize(caller, r.parent(), name));

  const std::string modality = (*MatchName(r.form(), kIntakeFormPattern))[1];
  std::optional<ModalityForm> mf;
  if (ctx.plugins != nullptr) mf = FindModalityForm(*ctx.plugins, modality);
  if (!mf) return NotFound("intake form", r.form());
  if (!r.form_version().empty() && r.form_version() != mf->form->version()) {
    return ReasonError(absl::StatusCode::kFailedPrecondition, "FORM_VERSION_CHANGED",
                       "the form has a newer version: fetch it and answer again");
  }
  SplitAnswers answers = Split(r, *mf->form);
  AddAnswerViolations(sdk::ValidateResponse(screening::GeneralForm(), answers.general), v);
  AddAnswerViolations(sdk::ValidateResponse(*mf->form, answers.specific), v);
  RETURN_IF_ERROR(v.ToStatus());
  const pb::Response specific = sdk::WithoutDisabledAnswers(*mf->form, answers.specific);

  std::string unavailable;
  pb::ValidateIntakeRequest validate;
  validate.set_modality(modality);
  *validate.mutable_response() = specific;
  absl::StatusOr<pb::ValidateIntakeResponse> validated = mf->plugin->ValidateIntake(validate);
  if (!validated.ok()) {
    unavailable = UnavailableReason(*mf->plugin, validated.status());
  } else {
    AddAnswerViolations({validated->errors().begin(), validated->errors().end()}, v);
    RETURN_IF_ERROR(v.ToStatus());
  }

  const absl::Time now = store.Now();
  v1::Location location;
  v1::Client client;
  std::vector<screening::ClearanceSummary> clearances;
  RETURN_IF_ERROR(ctx.db->Transact(storage::TxMode::kRead, [&](storage::Connection& c) {
    ASSIGN_OR_RETURN(location, LoadReferenced<v1::Location>(c, "location", r.location(), "location"));
    ASSIGN_OR_RETURN(client, LoadUnrestrictedClient(c, r.parent(), now));
    ASSIGN_OR_RETURN(clearances, LoadClearances(c, r.parent()));
    return absl::OkStatus();
  }));
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(location.time_zone(), &zone)) {
    return absl::InternalError("stored location has an unknown time zone");
  }
  const absl::Time visit = r.has_appointment_time() ? ToTime(r.appointment_time()) : now;
  const absl::CivilDay visit_day = absl::ToCivilDay(visit, zone);

  google::protobuf::RepeatedPtrField<pb::Finding> findings;
  for (auto& f : screening::ScreenGeneral(sdk::Answers(screening::GeneralForm(), answers.general),
                                          ctx.general_screening, visit_day)) {
    *findings.Add() = std::move(f);
  }
  if (unavailable.empty()) {
    pb::ScreenRequest request;
    request.set_modality(modality);
    *request.mutable_response() = specific;
    std::optional<absl::CivilDay> birth;
    if (client.has_birth_date()) {
      const v1::Date& b = client.birth_date();
      birth = absl::CivilDay(b.year(), b.month(), b.day());
    }
    for (auto& [field, value] :
         screening::ClientFieldsFor(mf->plugin->descriptor().client_fields(), birth, visit_day)) {
      (*request.mutable_client_fields())[field] = value;
    }
    request.mutable_context()->set_screening_time(absl::ToUnixSeconds(now));
    request.mutable_context()->set_appointment_time(absl::ToUnixSeconds(visit));
    request.mutable_context()->set_time_zone(location.time_zone());
    for (const auto& rule : screening::ClearedRules(clearances, visit_day)) request.add_clearances_on_file(rule);
    absl::StatusOr<pb::ScreenResponse> screened = mf->plugin->Screen(request);
    if (!screened.ok()) {
      unavailable = UnavailableReason(*mf->plugin, screened.status());
    } else if (!screening::UsableScreenResponse(*screened)) {
      unavailable = absl::StrCat("plugin ", mf->plugin->info().plugin_id, " answered malformed findings");
    } else {
      for (const auto& f : screened->findings()) *findings.Add() = f;
    }
  }

  v1::Screening s;
  s.set_modality(modality);
  s.set_form(r.form());
  s.set_form_id(mf->form->id());
  s.set_form_version(mf->form->version());
  s.set_general_form_version(screening::GeneralForm().version());
  s.set_plugin(mf->plugin->info().plugin_id);
  s.set_plugin_version(mf->plugin->info().version);
  *s.mutable_answers() = r.answers();
  for (const auto& f : findings) *s.add_findings() = ConvertMirror<v1::ScreeningFinding>(f);
  s.set_outcome(unavailable.empty() ? static_cast<v1::ScreeningOutcome>(sdk::OutcomeOf(findings))
                                    : v1::SCREENING_UNAVAILABLE);
  for (auto& m : screening::MergeModifications(findings)) s.add_modifications(std::move(m));
  s.set_submitted_by(caller.principal().key);
  *s.mutable_appointment_time() = ToTimestamp(visit);
  s.set_unavailable_reason(unavailable);
  s.set_location(r.location());
  if (!unavailable.empty()) {
    Log(LogLevel::kWarning, "screening_unavailable",
        {{"plugin", mf->plugin->info().plugin_id}, {"reason", unavailable}});
  }
  return store.Insert(r.parent(), name, s, r.request_id(), nullptr);
}

}  // namespace fascia::api
