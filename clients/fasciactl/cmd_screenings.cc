// `fasciactl screenings submit|list|get|override`: a client's intakes and
// their screening results, under organizations/{org}/clients/{client}/
// screenings. list/get come from the generic resource verbs (--client names
// the parent); override is a named action needing a reason.
//
// submit reads the modality's form first (GetIntakeForm), because an
// answer's value is typed by its item ("24" is an integer for one item, a
// code for another), and sends the form version it typed against, so a form
// changed meanwhile is FAILED_PRECONDITION FORM_VERSION_CHANGED rather than
// answers judged against questions the admin did not see.
//
// One screening prints as its row, then its findings (and with -o wide its
// answers in --answer syntax, ready to resubmit).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "commands.h"
#include "fascia/v1/intake.pb.h"
#include "intake_answers.h"
#include "resource.h"
#include "times.h"
#include "values.h"
#include "zones.h"

namespace fasciactl {

namespace v1 = fascia::v1;

namespace {

constexpr char kService[] = "fascia.v1.IntakeService";

std::string FormatModification(const v1::Modification& m) {
  return m.argument().empty() ? m.code() : absl::StrCat(m.code(), "(", m.argument(), ")");
}

std::string FormatRegion(const v1::ScreeningFinding& f) {
  if (f.region().site().empty()) return "";
  std::string region = f.region().site();
  if (f.region().laterality() != v1::BODY_SIDE_UNSPECIFIED) {
    absl::StrAppend(&region, " (",
                    FormatEnumLabel(std::string(absl::StripPrefix(
                        v1::BodySide_Name(f.region().laterality()), "BODY_SIDE_"))),
                    ")");
  }
  return f.local() ? region + ", local" : region;
}

std::vector<Column> FindingColumns() {
  using F = v1::ScreeningFinding;
  return {
      Col<F>("RULE", [](const F& f) { return f.rule_id(); }),
      Col<F>("OUTCOME", [](const F& f) { return v1::ScreeningOutcome_Name(f.outcome()); }),
      Col<F>("MODIFICATIONS",
             [](const F& f) {
               std::vector<std::string> mods;
               for (const v1::Modification& m : f.modifications())
                 mods.push_back(FormatModification(m));
               return absl::StrJoin(mods, ", ");
             }),
      Col<F>("REGION", FormatRegion),
      Col<F>("MESSAGE", [](const F& f) { return f.message(); }),
      Col<F>(
          "REFERRAL",
          [](const F& f) {
            return f.referral() == v1::REFERRAL_UNSPECIFIED
                       ? std::string()
                       : FormatEnumLabel(std::string(
                             absl::StripPrefix(v1::Referral_Name(f.referral()), "REFERRAL_")));
          },
          kWide),
      Col<F>(
          "REQUIRES",
          [](const F& f) {
            std::vector<std::string> needs(f.required_qualifications().begin(),
                                           f.required_qualifications().end());
            for (const std::string& room : f.required_room_features())
              needs.push_back("room:" + room);
            return absl::StrJoin(needs, ", ");
          },
          kWide),
  };
}

void PrintScreeningDetails(Invocation& inv, const google::protobuf::Message& m) {
  const auto& s = static_cast<const v1::Screening&>(m);
  if (!s.unavailable_reason().empty()) {
    inv.out() << "\nScreening could not run: " << s.unavailable_reason()
              << (s.has_manual_override() ? "" : " (a person must review: 'screenings override')")
              << "\n";
  }
  if (s.has_manual_override()) {
    inv.out() << "Reviewed by " << LastSegment(s.manual_override().reviewer()) << " at "
              << FormatUtcOrEmpty(s.manual_override().time(), s.manual_override().has_time())
              << ": " << s.manual_override().reason() << "\n";
  }
  inv.printer().PrintSection("Findings", Rows(s.findings()), FindingColumns());
  if (inv.format() == Format::kWide) {
    inv.printer().PrintSection(
        "Answers", Rows(s.answers()),
        {Col<v1::Answer>("ANSWER", [](const v1::Answer& a) { return FormatAnswer(a); })});
  }
}

ResourceSpec ScreeningSpec() {
  using S = v1::Screening;
  ResourceSpec spec;
  spec.group = "screenings";
  spec.aliases = {"screening"};
  spec.kind = "screening";
  spec.summary = "A client's intakes and their contraindication screening results";
  spec.details =
      "Screenings live under a client: give --client (id or name) with a short screening id,\n"
      "or the screening's full name. A screening is immutable; one that could not run\n"
      "(SCREENING_UNAVAILABLE) can be overridden after a person's review.";
  spec.scope = Scope::kClient;
  spec.collection = "screenings";
  spec.service = kService;
  spec.type = "Screening";
  spec.plural = "Screenings";
  spec.field = "screening";
  spec.filter_help = "'modality = \"prenatal\"'";
  spec.columns = {
      Col<S>("ID", [](const S& s) { return LastSegment(s.name()); }),
      Col<S>("CLIENT", [](const S& s) { return LastSegment(ClientOf(s.name())); }),
      Col<S>("MODALITY", [](const S& s) { return s.modality(); }),
      Col<S>("OUTCOME",
             [](const S& s) {
               std::string outcome = v1::ScreeningOutcome_Name(s.outcome());
               return s.has_manual_override() ? outcome + " (reviewed)" : outcome;
             }),
      Col<S>("MODIFICATIONS", [](const S& s) { return absl::StrJoin(s.modifications(), ", "); }),
      Col<S>("RULES",
             [](const S& s) {
               std::vector<std::string> rules;
               for (const v1::ScreeningFinding& f : s.findings()) rules.push_back(f.rule_id());
               return absl::StrJoin(rules, ",");
             }),
      Col<S>("CREATED",
             [](const S& s) { return FormatUtcOrEmpty(s.create_time(), s.has_create_time()); }),
      Col<S>(
          "VISIT",
          [](const S& s) {
            return FormatUtcOrEmpty(s.appointment_time(), s.has_appointment_time());
          },
          kWide),
      Col<S>(
          "LOCATION", [](const S& s) { return LastSegment(s.location()); }, kWide),
      Col<S>(
          "FORM", [](const S& s) { return absl::StrCat(s.form_id(), "@", s.form_version()); },
          kWide),
      Col<S>(
          "PLUGIN",
          [](const S& s) {
            return s.plugin().empty() ? "" : absl::StrCat(s.plugin(), "@", s.plugin_version());
          },
          kWide),
      Col<S>(
          "SUBMITTED BY", [](const S& s) { return LastSegment(s.submitted_by()); }, kWide),
      Col<S>(
          "NAME", [](const S& s) { return s.name(); }, kWide),
  };
  spec.print_details = PrintScreeningDetails;
  spec.list_flags = {{"modality", "MODALITY", "only this modality's screenings, e.g. prenatal"}};
  spec.list_filter = [](Invocation& inv) -> absl::StatusOr<std::vector<std::string>> {
    std::vector<std::string> clauses;
    if (auto v = inv.args().Find("modality")) {
      absl::StatusOr<std::string> clause = FilterClause("modality", "=", *v);
      if (!clause.ok()) return clause.status();
      clauses.push_back(*clause);
    }
    return clauses;
  };
  spec.examples = {
      {"list",
       {"fasciactl screenings list --org acme --client jo",
        "fasciactl screenings list --org acme --client jo --modality prenatal -o wide"}},
      {"get",
       {"fasciactl screenings get ID --org acme --client jo",
        "fasciactl screenings get organizations/acme/clients/jo/screenings/ID -o wide"}},
  };
  return spec;
}

// The --answers-file answers (if any) merged with the --answer flags,
// typed by `form`.
absl::StatusOr<std::vector<v1::Answer>> AnswersFromFlags(const Invocation& inv,
                                                         const v1::IntakeForm& form) {
  std::vector<v1::Answer> from_file;
  if (auto path = inv.args().Find("answers-file")) {
    absl::StatusOr<std::vector<v1::Answer>> read = ReadAnswersFile(*path);
    if (!read.ok()) return read.status();
    from_file = std::move(*read);
  }
  return MergeAnswers(form, std::move(from_file), inv.args().GetAll("answer"));
}

int RunSubmit(Invocation& inv, const ResourceSpec& spec) {
  const ParsedArgs& a = inv.args();
  if (!a.Has("modality")) return inv.UsageError("--modality is required (see 'intake-forms list')");
  if (!a.Has("answer") && !a.Has("answers-file"))
    return inv.UsageError("give the answers: --answer LINK_ID=VALUE ... or --answers-file FILE");
  v1::SubmitIntakeRequest request;
  absl::StatusOr<std::string> client = ResolveParent(inv, spec);
  if (!client.ok()) return inv.Fail(client.status());
  absl::StatusOr<std::string> location = inv.Location();
  if (!location.ok()) return inv.Fail(location.status());
  absl::StatusOr<std::string> form_name = inv.OrgChild("intakeForms", a.Get("modality"));
  if (!form_name.ok()) return inv.Fail(form_name.status());
  request.set_parent(*client);
  request.set_location(*location);
  request.set_request_id(a.Get("request-id"));

  v1::GetIntakeFormRequest get;
  get.set_name(*form_name);
  v1::IntakeForm form;
  if (!inv.Call(absl::StrCat(kService, ".GetIntakeForm"), get, &form)) return inv.exit_code();
  request.set_form(form.name());
  request.set_form_version(form.version());

  absl::StatusOr<std::vector<v1::Answer>> answers = AnswersFromFlags(inv, form);
  if (!answers.ok()) return inv.Fail(answers.status());
  for (v1::Answer& answer : *answers) *request.add_answers() = std::move(answer);

  if (a.Has("appointment-time")) {
    LocationZone zone{absl::UTCTimeZone(), "UTC"};
    if (!HasExplicitOffset(a.Get("appointment-time"))) {
      absl::StatusOr<LocationZone> z = ZoneOfLocation(inv, *location);
      if (!z.ok()) return inv.Fail(z.status());
      zone = *z;
    }
    absl::StatusOr<absl::Time> t = ParseTimeFlag(inv, "appointment-time", zone);
    if (!t.ok()) return inv.Fail(t.status());
    *request.mutable_appointment_time() = ToTimestamp(*t);
  }

  v1::Screening screening;
  if (!inv.Call(absl::StrCat(kService, ".SubmitIntake"), request, &screening))
    return inv.exit_code();
  return PrintResult(inv, spec, screening);
}

Command SubmitCommand(const ResourceSpec& spec) {
  Command c;
  c.verb = "submit";
  c.summary = "Submit a client's intake answers and screen them";
  c.flags = ScopeFlags(Scope::kClient);
  c.flags.push_back(
      {"modality", "MODALITY", "the form: a modality (prenatal) or a form's name (required)"});
  c.flags.push_back({"location", "LOC", "the visit's location, id or name (required)"});
  c.flags.push_back({"appointment-time", "TIME",
                     "the visit screened for, local time at --location, e.g. 2026-12-01T10:00; "
                     "an offset or Z is taken as given (default: now)"});
  c.flags.push_back({"answer", "LINK_ID=VALUE",
                     "one answer, typed by the item: true/false, 42, 37.5, 2026-03-01, text, a "
                     "choice's code, or codes a,b for a repeating choice",
                     /*repeated=*/true});
  c.flags.push_back({"answers-file", "FILE",
                     "answers as protobuf JSON {\"answers\": [...]} ('-' for stdin; "
                     "'screenings get -o json' output works); --answer flags replace its items"});
  c.flags.push_back(
      {"request-id", "KEY", "idempotency key: a retry with it returns the first screening"});
  c.details =
      "fasciactl reads the form first ('intake-forms get MODALITY' lists its link_ids, types and\n"
      "codes) to type each --answer, and sends the form version it read: a form changed\n"
      "meanwhile is refused (FORM_VERSION_CHANGED). Unanswered items are left out. The server\n"
      "checks the rest (required items, bounds, which questions apply) and names each bad\n"
      "answer as answers[LINK_ID]. Prints the outcome, the modifications for the session and\n"
      "each finding.";
  c.examples = {
      "fasciactl screenings submit --org acme --client jo --modality prenatal --location soho "
      "--appointment-time 2026-12-01T10:00 --answer general.dvt=none "
      "--answer general.hypertension=none --answer general.diabetes=none "
      "--answer general.bleeding_disorder=false ... --answer pn.pregnant=true "
      "--answer pn.gestation_weeks=24 --answer pn.warning_signs=none",
      "fasciactl screenings get OLD_ID --client jo -o json > intake.json; "
      "fasciactl screenings submit --client jo --modality prenatal --location soho "
      "--answers-file intake.json --answer pn.gestation_weeks=25",
  };
  c.run = [spec](Invocation& inv) { return RunSubmit(inv, spec); };
  return c;
}

}  // namespace

void RegisterScreeningCommands(Registry& registry) {
  const ResourceSpec spec = ScreeningSpec();
  ResourceGroup group = MakeStandardGroup(spec);
  group.commands.insert(group.commands.begin(), SubmitCommand(spec));
  group.commands.push_back(NamedActionCommand(
      spec, "override", "OverrideScreening",
      "Record a person's review of a screening that could not run (SCREENING_UNAVAILABLE)",
      ReasonFlag::kRequired,
      {"fasciactl screenings override ID --org acme --client jo --reason \"reviewed intake with "
       "client; no contraindications\""}));
  registry.Add(std::move(group));
}

}  // namespace fasciactl
