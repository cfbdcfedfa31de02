// The SubmitIntake phase; see intake_phase.h.
#include "intake_phase.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "fascia/v1/intake.grpc.pb.h"

namespace fascia::bench {
namespace {

namespace v1 = fascia::v1;

std::chrono::system_clock::time_point Deadline(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

v1::Answer* Add(v1::SubmitIntakeRequest& r, const char* link_id) {
  v1::Answer* a = r.add_answers();
  a->set_link_id(link_id);
  return a;
}

// The answers of tests/intake/intake_test.cc's Pregnant(24): every required
// general question (server/domain/screening/general_form.h) "no", then the
// prenatal items (plugins/prenatal/prenatal_form.h). The server validates
// both sections fully, and the plugin rules for 24 weeks find CAUTION with
// positioning modifications: a realistic screening, not a short cut.
v1::SubmitIntakeRequest AnswersTemplate() {
  v1::SubmitIntakeRequest r;
  for (const char* id : {"general.dvt", "general.hypertension", "general.diabetes"}) {
    Add(r, id)->add_values()->set_code("none");
  }
  for (const char* id : {"general.bleeding_disorder", "general.anticoagulant", "general.recent_surgery",
                         "general.cancer_active_treatment", "general.analgesic_or_relaxant_today",
                         "general.injury_under_72h"}) {
    Add(r, id)->add_values()->set_boolean(false);
  }
  Add(r, "pn.pregnant")->add_values()->set_boolean(true);
  Add(r, "pn.gestation_weeks")->add_values()->set_integer(24);
  for (const char* id : {"pn.warning_signs", "pn.conditions", "pn.high_risk_flags"}) {
    Add(r, id)->add_values()->set_code("none");
  }
  return r;
}

// The started fasciad's config for one mode: the user's --fasciad_config
// (if any) with the plugin appended. `plugins` is a repeated field, so
// appending text keeps every setting of the user's file.
absl::StatusOr<std::string> WriteConfig(const IntakeOptions& o, const char* mode) {
  std::string text;
  if (!o.base_config.empty()) {
    std::ifstream in(o.base_config);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", o.base_config));
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  absl::StrAppend(&text, "\n# added by fascia_bench for the SubmitIntake phase\nplugins { path: \"",
                  absl::CEscape(o.plugin_path), "\" mode: ", mode, " }\n");
  const std::string path = absl::StrCat(o.config_dir, "/fasciad-intake-", mode, ".textproto");
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  return path;
}

grpc::Status CheckOutcome(const v1::Screening& s) {
  if (s.outcome() == v1::CAUTION) return grpc::Status::OK;
  std::string why = absl::StrCat("fascia_bench: screening outcome ",
                                 v1::ScreeningOutcome_Name(s.outcome()), ", expected CAUTION");
  if (!s.unavailable_reason().empty()) absl::StrAppend(&why, " (", s.unavailable_reason(), ")");
  return grpc::Status(grpc::StatusCode::INTERNAL, why);
}

absl::StatusOr<IntakeModeResult> MeasureMode(const Chain& chain, const IntakeOptions& o,
                                             const RestartFn& restart, const char* mode) {
  absl::StatusOr<std::string> config = WriteConfig(o, mode);
  if (!config.ok()) return config.status();
  o.progress(absl::StrCat("restarting fasciad with the prenatal plugin ", mode));
  absl::StatusOr<std::string> target = restart(*config);
  if (!target.ok()) return target.status();
  const auto channels = MakeChannels(*target, o.channels);
  std::vector<std::unique_ptr<v1::IntakeService::Stub>> stubs;
  for (const auto& ch : channels) stubs.push_back(v1::IntakeService::NewStub(ch));

  IntakeModeResult result;
  // One call outside the measurement: proves the plugin loaded (the form is
  // NOT_FOUND otherwise) and reports what a screening returns.
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(Deadline(60));
    ctx.AddMetadata("authorization", o.authorization);
    v1::Screening s;
    grpc::Status status = stubs[0]->SubmitIntake(&ctx, IntakeRequest(chain, 0), &s);
    if (status.ok()) status = CheckOutcome(s);
    if (!status.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          absl::StrCat("SubmitIntake (", mode, "): ", StatusText(status)));
    }
    result.outcome = v1::ScreeningOutcome_Name(s.outcome());
    result.findings = s.findings_size();
    result.response_bytes = s.ByteSizeLong();
  }

  o.progress(absl::StrCat("SubmitIntake ", mode));
  result.loop = RunClosedLoop(o.in_flight, o.warmup, o.window, [&](int64_t k, DoneFn done) {
    struct Call {
      grpc::ClientContext ctx;
      v1::SubmitIntakeRequest req;
      v1::Screening resp;
    };
    auto* call = new Call;
    call->ctx.set_deadline(Deadline(30));
    call->ctx.AddMetadata("authorization", o.authorization);
    call->req = IntakeRequest(chain, k);
    stubs[k % stubs.size()]->async()->SubmitIntake(
        &call->ctx, &call->req, &call->resp, [call, done = std::move(done)](grpc::Status status) {
          if (status.ok()) status = CheckOutcome(call->resp);
          delete call;
          done(status);
        });
  });
  return result;
}

}  // namespace

v1::SubmitIntakeRequest IntakeRequest(const Chain& chain, int64_t k) {
  static const v1::SubmitIntakeRequest* const kTemplate = new v1::SubmitIntakeRequest(AnswersTemplate());
  v1::SubmitIntakeRequest r = *kTemplate;
  r.set_parent(chain.booking_clients[static_cast<size_t>(k) % chain.booking_clients.size()]);
  r.set_form(absl::StrCat(chain.org, "/intakeForms/prenatal"));
  r.set_location(chain.booking_location);
  // A visit in the booking phase's days: screening for a real upcoming
  // appointment, as a client would before booking one.
  r.mutable_appointment_time()->set_seconds(absl::ToUnixSeconds(chain.booking_base));
  return r;
}

absl::StatusOr<IntakeResult> RunIntakePhases(const Chain& chain, const IntakeOptions& options,
                                             const RestartFn& restart) {
  IntakeResult result;
  absl::StatusOr<IntakeModeResult> in_process = MeasureMode(chain, options, restart, "IN_PROCESS");
  if (!in_process.ok()) return in_process.status();
  result.in_process = *in_process;
  absl::StatusOr<IntakeModeResult> isolated = MeasureMode(chain, options, restart, "ISOLATED");
  if (!isolated.ok()) return isolated.status();
  result.isolated = *isolated;
  return result;
}

}  // namespace fascia::bench
